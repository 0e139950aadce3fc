//! Version 4: a validator's ledger lists the eras whose rewards it has been paid in full
//! (`legacy_claimed_rewards`, which clients of `pallet-staking` such as Sidecar read to tell
//! claimed eras apart). Version 3 never wrote that list: on a chain that ran it, the eras it paid
//! read as unclaimed.
//!
//! The migration only starts the work: every validator paid in an era of the reward history
//! may need its ledger written, more than a block can hold at scale (2,000 validators over 84
//! eras). It places a cursor at the oldest era of the history ([`ClaimedErasBackfill`]), and the
//! pallet's `on_idle` moves it through [`ClaimedRewards`] with the block's spare weight, adding
//! each era whose every page is claimed to the validator's ledger, until it passes the active
//! era. Payouts meanwhile list their eras themselves; listing an era twice keeps one entry, in
//! order, so the two never conflict.

use crate::{
	payout::first_unclaimed, weights::WeightInfo, ClaimedErasBackfill, ClaimedPages,
	ClaimedRewards, Config, ErasStakersOverview, Pallet,
};
use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::{Weight, WeightMeter},
};
use scale_info::TypeInfo;
use sp_staking::{EraIndex, Page};

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

/// Where the backfill of claimed eras is: the era being read, and the last validator of it done
/// (`None` before the first).
#[derive(PartialEq, Eq, Clone, Encode, Decode, Debug, TypeInfo, MaxEncodedLen)]
pub struct ClaimedErasCursor<AccountId> {
	/// The era whose claimed pages are being read.
	pub era: EraIndex,
	/// The last validator of `era` done.
	pub after: Option<AccountId>,
}

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

impl<T: Config> Pallet<T> {
	/// Moves the backfill of claimed eras (see the module docs) as far as `meter` allows, and
	/// removes its cursor once it has passed the active era. Nothing when no backfill runs.
	pub(crate) fn backfill_claimed_eras(meter: &mut WeightMeter) {
		// The cursor and the active era read, the cursor written.
		if meter.try_consume(T::DbWeight::get().reads_writes(2, 1)).is_err() {
			return;
		}
		let Some(mut cursor) = ClaimedErasBackfill::<T>::get() else { return };
		let last = Self::active_era().unwrap_or(0);
		let per_validator = T::WeightInfo::backfill_claimed_era();
		let per_era = T::DbWeight::get().reads(1);
		// A step reads the next validator (an era without one more costs no more than that
		// read), and lists its era; it starts only if a whole one fits.
		while cursor.era <= last && meter.can_consume(per_validator) {
			let Some((validator, claimed)) = Self::next_claimed(&cursor) else {
				meter.consume(per_era);
				cursor = ClaimedErasCursor { era: cursor.era.saturating_add(1), after: None };
				continue;
			};
			meter.consume(per_validator);
			Self::list_if_claimed(cursor.era, &validator, &claimed);
			cursor.after = Some(validator);
		}
		if cursor.era > last {
			ClaimedErasBackfill::<T>::kill();
			log::info!(target: crate::LOG_TARGET, "v4: claimed eras listed up to era {last}");
		} else {
			ClaimedErasBackfill::<T>::put(cursor);
		}
	}

	/// The validator after the cursor's in its era's [`ClaimedRewards`], with its claimed pages.
	pub(crate) fn next_claimed(
		cursor: &ClaimedErasCursor<T::AccountId>,
	) -> Option<(T::AccountId, ClaimedPages<T>)> {
		match &cursor.after {
			Some(after) => ClaimedRewards::<T>::iter_prefix_from(
				cursor.era,
				ClaimedRewards::<T>::hashed_key_for(cursor.era, after),
			)
			.next(),
			None => ClaimedRewards::<T>::iter_prefix(cursor.era).next(),
		}
	}

	/// Lists `era` in `validator`'s ledger if `claimed` holds every page of its exposure.
	pub(crate) fn list_if_claimed(era: EraIndex, validator: &T::AccountId, claimed: &[Page]) {
		let pages =
			ErasStakersOverview::<T>::get(era, validator).map(|overview| overview.page_count);
		if pages.is_some_and(|pages| first_unclaimed(pages, claimed).is_none()) {
			Self::note_rewards_claimed(era, validator);
		}
	}
}
