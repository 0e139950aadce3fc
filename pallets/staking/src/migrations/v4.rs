//! Version 4: a validator's ledger lists the eras whose rewards it has been paid in full
//! (`legacy_claimed_rewards`, which clients of `pallet-staking` such as Sidecar read to tell
//! claimed eras apart). Version 3 never wrote that list: on a chain that ran it, the eras it paid
//! read as unclaimed.
//!
//! The migration only starts the work: every validator paid in an era of the reward history
//! may need its ledger written, more than a block can hold at scale (2,000 validators over 84
//! eras). It places the cursor of the backfill ([`ClaimedErasBackfill`]) at the oldest era of the
//! history, and the pallet's `on_idle` goes on from there (see `claimed_eras_backfill.rs`).

use crate::{ClaimedErasBackfill, ClaimedErasCursor, Config, Pallet};
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};

#[cfg(feature = "try-runtime")]
use alloc::vec::Vec;

/// Migrates a chain at storage version 3 to version 4, then stores version 4.
pub type MigrateV3ToV4<T> = VersionedMigration<
	3,
	4,
	VersionUncheckedMigrateV3ToV4<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// The migration itself, without the version check: use [`MigrateV3ToV4`].
pub struct VersionUncheckedMigrateV3ToV4<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for VersionUncheckedMigrateV3ToV4<T> {
	fn on_runtime_upgrade() -> Weight {
		if let Some(active) = Pallet::<T>::active_era() {
			let oldest = active.saturating_sub(T::HistoryDepth::get());
			ClaimedErasBackfill::<T>::put(ClaimedErasCursor { era: oldest, after: None });
			log::info!(target: crate::LOG_TARGET, "v4: listing claimed eras from era {oldest}");
		}
		T::DbWeight::get().reads_writes(1, 1)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
		Ok(Vec::new())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(_state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		frame_support::ensure!(
			ClaimedErasBackfill::<T>::exists() == Pallet::<T>::active_era().is_some(),
			"v4: the backfill starts on a chain with an active era"
		);
		Pallet::<T>::do_try_state()
	}
}
