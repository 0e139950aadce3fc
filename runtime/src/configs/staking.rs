//! Palisade's staking pallet.

use crate::{AccountId, Balances, Runtime};
use frame_support::{parameter_types, traits::ConstU32};
use frame_system::EnsureRoot;
use sp_staking::EraIndex;

parameter_types! {
	/// Eras unbonded funds wait: 2 with `fast-runtime` (4 minutes), else 28 (a week of
	/// 6-hour eras).
	pub const BondingDuration: EraIndex = if cfg!(feature = "fast-runtime") { 2 } else { 28 };
}

impl pallet_palisade_staking::Config for Runtime {
	type Currency = Balances;
	type CurrencyToVote = sp_staking::currency_to_vote::U128CurrencyToVote;
	/// Root (sudo) until governance holds the staking powers.
	type AdminOrigin = EnsureRoot<AccountId>;
	type BondingDuration = BondingDuration;
	type MaxNominations = ConstU32<16>;
	/// Room for one chunk per era of the bonding duration, and more.
	type MaxUnlockingChunks = ConstU32<32>;
	/// 84 eras of history, as Polkadot keeps.
	type HistoryDepth = ConstU32<84>;
	type WeightInfo = pallet_palisade_staking::weights::SubstrateWeight<Runtime>;
}
