// Replaced by `scripts/weights.sh` output.
#![allow(missing_docs)]
use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet_palisade_pool_upkeep`.
pub trait WeightInfo {
	fn upkeep_member() -> Weight;
	fn sweep_boundary() -> Weight;
	fn pool_slash_listeners() -> Weight;
	fn pool_withdraw_listeners() -> Weight;
}

pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn upkeep_member() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(T::DbWeight::get().reads_writes(30, 20))
	}
	fn sweep_boundary() -> Weight {
		T::DbWeight::get().reads_writes(4, 4)
	}
	fn pool_slash_listeners() -> Weight {
		T::DbWeight::get().reads_writes(6, 6)
	}
	fn pool_withdraw_listeners() -> Weight {
		T::DbWeight::get().reads_writes(4, 4)
	}
}

impl WeightInfo for () {
	fn upkeep_member() -> Weight {
		Weight::from_parts(1_000_000_000, 20_000)
			.saturating_add(RocksDbWeight::get().reads_writes(30, 20))
	}
	fn sweep_boundary() -> Weight {
		RocksDbWeight::get().reads_writes(4, 4)
	}
	fn pool_slash_listeners() -> Weight {
		RocksDbWeight::get().reads_writes(6, 6)
	}
	fn pool_withdraw_listeners() -> Weight {
		RocksDbWeight::get().reads_writes(4, 4)
	}
}
