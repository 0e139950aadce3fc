//! # The Palisade runtime
//!
//! BABE block production and GRANDPA finality over Palisade's nominated proof of stake
//! (`pallet-palisade-staking`, named `Staking`). A session is one BABE epoch.
//!
//! Governance holds every privileged power: referenda on tracks (Root, StakingAdmin,
//! Treasurer) voted with conviction, and a Council that may cancel deferred slashes. Sudo is in
//! the runtime only with the `sudo` feature, for development chains.
//!
//! Module map: `constants` (units, periods), `configs` (one file per concern), `governance`
//! (referenda tracks, custom origins, Council), `apis` (the runtime APIs the node and
//! Polkadot.js call), `genesis_config_presets` (`development`, `local_testnet`, `staging`).

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime!` expands to a large recursive type.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

// Before `apis`: the benchmark macros it uses are defined here.
#[cfg(feature = "runtime-benchmarks")]
#[macro_use]
mod benchmarks {
	frame_benchmarking::define_benchmarks!(
		[pallet_palisade_staking, Staking]
		[pallet_palisade_pool_upkeep, PoolUpkeep]
		// The voter list: its `on_idle` rebag follows every payout.
		[pallet_bags_list, VoterList]
		// The election pallets under the names of their weight traits (upstream's
		// `weights::traits` modules), which `.maintain/election-weight-template.hbs` implements.
		[pallet_election_provider_multi_block, MultiBlockElection]
		[pallet_election_provider_multi_block_verifier, MultiBlockElectionVerifier]
		[pallet_election_provider_multi_block_unsigned, MultiBlockElectionUnsigned]
		[pallet_election_provider_multi_block_signed, MultiBlockElectionSigned]
	);
}

mod apis;
pub mod configs;
pub mod constants;
pub mod genesis_config_presets;
pub mod governance;
mod operator_status;
pub mod weights;

use alloc::vec::Vec;
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::{runtime_version, RuntimeVersion};

pub use apis::RuntimeApi;
pub use constants::*;
pub use pallet_palisade_staking;

/// A block number.
pub type BlockNumber = u32;
/// A transaction signature.
pub type Signature = MultiSignature;
/// An account: the public key of the signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// A balance of PAL, in its smallest unit.
pub type Balance = u128;
/// A transaction index of an account.
pub type Nonce = u32;
/// A block or state hash.
pub type Hash = sp_core::H256;
/// A timestamp, in milliseconds.
pub type Moment = u64;

/// Types the node uses without knowing the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// An opaque block header.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// An opaque block.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
}

impl_opaque_keys! {
	/// The session keys of a validator: BABE for authoring, GRANDPA for finality.
	pub struct SessionKeys {
		pub babe: Babe,
		pub grandpa: Grandpa,
	}
}

#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("palisade"),
	impl_name: alloc::borrow::Cow::Borrowed("palisade"),
	authoring_version: 1,
	spec_version: 101,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Babe = pallet_babe;
	#[runtime::pallet_index(2)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(3)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(4)]
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(5)]
	pub type Authorship = pallet_authorship;
	// Staking comes before Session, so its genesis is built first.
	#[runtime::pallet_index(6)]
	pub type Staking = pallet_palisade_staking;
	#[runtime::pallet_index(7)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(8)]
	pub type Historical = pallet_session::historical;
	#[runtime::pallet_index(9)]
	pub type Grandpa = pallet_grandpa;
	#[cfg(feature = "sudo")]
	#[runtime::pallet_index(10)]
	pub type Sudo = pallet_sudo;
	#[runtime::pallet_index(11)]
	pub type VoterList = pallet_bags_list;
	#[runtime::pallet_index(12)]
	pub type Offences = pallet_offences;

	// Governance.
	#[runtime::pallet_index(13)]
	pub type Scheduler = pallet_scheduler;
	#[runtime::pallet_index(14)]
	pub type Preimage = pallet_preimage;
	#[runtime::pallet_index(15)]
	pub type Referenda = pallet_referenda;
	#[runtime::pallet_index(16)]
	pub type ConvictionVoting = pallet_conviction_voting;
	#[runtime::pallet_index(17)]
	pub type Origins = governance::origins::pallet_custom_origins;
	#[runtime::pallet_index(18)]
	pub type Council = pallet_collective<Instance1>;
	#[runtime::pallet_index(19)]
	pub type Treasury = pallet_treasury;

	// Acting for other accounts.
	#[runtime::pallet_index(20)]
	pub type Utility = pallet_utility;
	#[runtime::pallet_index(21)]
	pub type Proxy = pallet_proxy;

	// Pooled staking.
	#[runtime::pallet_index(22)]
	pub type NominationPools = pallet_nomination_pools;
	#[runtime::pallet_index(23)]
	pub type DelegatedStaking = pallet_delegated_staking;
	// After the pools: its genesis opens pools.
	#[runtime::pallet_index(24)]
	pub type PoolUpkeep = pallet_palisade_pool_upkeep;

	// The election, under the names Polkadot Asset Hub gives it (Polkadot.js and Sidecar read
	// its phase there).
	#[runtime::pallet_index(25)]
	pub type MultiBlockElection = pallet_election_provider_multi_block;
	#[runtime::pallet_index(26)]
	pub type MultiBlockElectionVerifier = pallet_election_provider_multi_block::verifier;
	#[runtime::pallet_index(27)]
	pub type MultiBlockElectionUnsigned = pallet_election_provider_multi_block::unsigned;
	#[runtime::pallet_index(28)]
	pub type MultiBlockElectionSigned = pallet_election_provider_multi_block::signed;
}

/// The address format of accounts.
pub type Address = MultiAddress<AccountId, ()>;
/// A block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// A block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// The checks every transaction passes before it is dispatched.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
);
/// An extrinsic as it is submitted.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload that a transaction's signer signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;
/// Storage migrations run at a runtime upgrade. Each runs only on a chain whose stored
/// version of its pallet is the one it migrates from; chains started from this runtime's
/// genesis are at the current versions already.
pub type Migrations = (
	pallet_palisade_staking::migrations::v3::MigrateV2ToV3<Runtime>,
	pallet_palisade_staking::migrations::v4::MigrateV3ToV4<Runtime>,
);
/// Dispatches blocks and transactions to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;
