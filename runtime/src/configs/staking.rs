//! Palisade's staking pallet.

use crate::{Balances, Runtime};
use frame_support::traits::ConstU32;

impl pallet_palisade_staking::Config for Runtime {
	type Currency = Balances;
	/// One chunk per era of the bonding duration, with room to spare.
	type MaxUnlockingChunks = ConstU32<32>;
	/// 84 eras of history, as Polkadot keeps.
	type HistoryDepth = ConstU32<84>;
	type WeightInfo = pallet_palisade_staking::weights::SubstrateWeight<Runtime>;
}
