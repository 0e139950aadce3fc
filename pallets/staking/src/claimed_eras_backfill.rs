//! The backfill of claimed eras that storage version 4 starts (see [`crate::migrations::v4`]):
//! from the cursor in [`ClaimedErasBackfill`], `on_idle` reads [`ClaimedRewards`] era by era,
//! validator by validator, with the block's spare weight, and adds each era whose every page is
//! claimed to the validator's ledger, until it passes the active era and removes the cursor.
//! Payouts meanwhile list their eras themselves; listing an era twice keeps one entry, in
//! order, so the two never conflict. An era pruned meanwhile is too old to list, and a validator
//! whose ledger is gone is skipped.

use crate::{
	weights::WeightInfo, ClaimedErasBackfill, ClaimedErasCursor, ClaimedPages, ClaimedRewards,
	Config, Pallet,
};
use frame_support::{traits::Get, weights::WeightMeter};
use sp_staking::{EraIndex, Page};

impl<T: Config> Pallet<T> {
	/// Moves the backfill of claimed eras as far as `meter` allows, and removes its cursor once
	/// it has passed the active era. Reads only the cursor when no backfill runs.
	pub(crate) fn backfill_claimed_eras(meter: &mut WeightMeter) {
		if meter.try_consume(T::DbWeight::get().reads(1)).is_err() {
			return;
		}
		let Some(mut cursor) = ClaimedErasBackfill::<T>::get() else { return };
		// The active era read, the cursor written.
		if meter.try_consume(T::DbWeight::get().reads_writes(1, 1)).is_err() {
			return;
		}
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

	/// Lists `era` in `validator`'s ledger if `claimed` holds every page of its rewards.
	pub(crate) fn list_if_claimed(era: EraIndex, validator: &T::AccountId, claimed: &[Page]) {
		let pages = Self::reward_pages(era, validator);
		if pages.is_some_and(|pages| (0..pages).all(|page| claimed.contains(&page))) {
			Self::note_rewards_claimed(era, validator);
		}
	}
}
