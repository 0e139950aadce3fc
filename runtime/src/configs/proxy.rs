//! Acting for other accounts: `pallet-utility` batches calls (Apps batches payouts with it) and
//! `pallet-proxy` lets an account act for another within a [`ProxyType`], so a validator keeps
//! its stash key cold and stakes through a `Staking` proxy.

use crate::{Balance, Balances, OriginCaller, Runtime, RuntimeCall, RuntimeEvent, CENTS};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	parameter_types,
	traits::{ConstU32, InstanceFilter},
};
use scale_info::TypeInfo;
use sp_runtime::traits::BlakeTwo256;

/// What a proxy may do for the account that added it.
#[derive(
	Copy,
	Clone,
	Eq,
	PartialEq,
	Ord,
	PartialOrd,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	MaxEncodedLen,
	TypeInfo,
	Default,
)]
pub enum ProxyType {
	/// Anything.
	#[default]
	Any,
	/// Anything but `Balances` calls: no transfers.
	NonTransfer,
	/// Referenda, votes, preimages and council motions.
	Governance,
	/// Staking, session keys, the voter list and nomination pools, and batches of them.
	Staking,
	/// Only rejecting announcements of other proxies.
	CancelProxy,
}

impl InstanceFilter<RuntimeCall> for ProxyType {
	fn filter(&self, call: &RuntimeCall) -> bool {
		match self {
			ProxyType::Any => true,
			ProxyType::NonTransfer => !matches!(call, RuntimeCall::Balances(..)),
			ProxyType::Governance => matches!(
				call,
				RuntimeCall::Referenda(..)
					| RuntimeCall::ConvictionVoting(..)
					| RuntimeCall::Preimage(..)
					| RuntimeCall::Council(..)
					| RuntimeCall::Utility(..)
			),
			// Calls inside a batch are checked against the same filter when dispatched.
			ProxyType::Staking => matches!(
				call,
				RuntimeCall::Staking(..)
					| RuntimeCall::Session(..)
					| RuntimeCall::VoterList(..)
					| RuntimeCall::NominationPools(..)
					| RuntimeCall::Utility(..)
			),
			ProxyType::CancelProxy => {
				matches!(call, RuntimeCall::Proxy(pallet_proxy::Call::reject_announcement { .. }))
			},
		}
	}

	fn is_superset(&self, other: &Self) -> bool {
		match (self, other) {
			(x, y) if x == y => true,
			(ProxyType::Any, _) => true,
			(_, ProxyType::Any) => false,
			(ProxyType::NonTransfer, _) => true,
			_ => false,
		}
	}
}

parameter_types! {
	/// Deposit for adding the first proxy: the storage of an account's proxy list.
	pub const ProxyDepositBase: Balance = 20 * CENTS;
	/// Deposit for each proxy.
	pub const ProxyDepositFactor: Balance = 3 * CENTS;
	pub const AnnouncementDepositBase: Balance = 20 * CENTS;
	pub const AnnouncementDepositFactor: Balance = 6 * CENTS;
}

impl pallet_proxy::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type ProxyType = ProxyType;
	type ProxyDepositBase = ProxyDepositBase;
	type ProxyDepositFactor = ProxyDepositFactor;
	type MaxProxies = ConstU32<32>;
	type WeightInfo = pallet_proxy::weights::SubstrateWeight<Runtime>;
	type MaxPending = ConstU32<32>;
	type CallHasher = BlakeTwo256;
	type AnnouncementDepositBase = AnnouncementDepositBase;
	type AnnouncementDepositFactor = AnnouncementDepositFactor;
	type BlockNumberProvider = frame_system::Pallet<Runtime>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = pallet_utility::weights::SubstrateWeight<Runtime>;
}
