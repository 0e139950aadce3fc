//! The list of an era's deferred slashes, of any length, and who must wait for it.
//!
//! The slashes due in an era form one list, in the order they were worked out. Its first
//! [`MaxUnappliedSlashes`](crate::Config::MaxUnappliedSlashes) entries are stored in
//! [`UnappliedSlashes`], in `pallet-staking`'s shape, which Polkadot.js Apps' Slashes tab and
//! Substrate API Sidecar read; the rest in [`UnappliedSlashOverflow`], one key per entry. So a mass
//! slash (hundreds of offenders at once, as a client bug can cause) stays deferred and cancellable
//! however long its list is, and each operation on the list is bounded:
//! - a new entry goes to the end of the list;
//! - entries are applied from the end, so the places of the others do not change;
//! - a cancelled entry in [`UnappliedSlashes`] is removed from it (the later entries move up
//!   by one, as in `pallet-staking`); a cancelled entry beyond it takes the list's last entry in
//!   its place.
//!
//! Each staker an entry names is marked in [`StakerSlashDue`] with the entry's era; only marked
//! stakers wait for slashes before they withdraw (see [`Pallet::must_wait_for_slashes`]).

use crate::{
	stored_queue::{SlashesToCompute, StoredQueue},
	BalanceOf, Config, Error, LastExposedEra, Pallet, SlashComputations, StakerSlashDue,
	UnappliedSlash, UnappliedSlashEras, UnappliedSlashOverflow, UnappliedSlashOverflowCount,
	UnappliedSlashes, UnexpectedKind,
};
use alloc::vec::Vec;
use frame_support::{
	defensive, ensure,
	traits::{DefensiveSaturating, Get},
};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError,
};
use sp_staking::EraIndex;

impl<T: Config> Pallet<T> {
	/// How many slashes are due in `due` and not applied yet.
	pub(crate) fn unapplied_slash_count(due: EraIndex) -> u32 {
		let listed = UnappliedSlashes::<T>::decode_len(due).unwrap_or(0) as u32;
		listed.saturating_add(UnappliedSlashOverflowCount::<T>::get(due))
	}

	/// Whether a slash of `validator` as the offender is being worked out or waits to be
	/// applied, and what the slashes worked out so far take of its own stake. Reads every
	/// waiting slash: for runtime APIs, not for blocks.
	pub fn pending_slash_of(validator: &T::AccountId) -> (bool, BalanceOf<T>) {
		let computing =
			SlashComputations::<T>::iter_values().any(|slash| slash.validator == *validator);
		UnappliedSlashEras::<T>::get()
			.into_iter()
			.flat_map(|due| {
				UnappliedSlashes::<T>::get(due)
					.into_iter()
					.chain(UnappliedSlashOverflow::<T>::iter_prefix_values(due))
			})
			.filter(|slash| slash.validator == *validator)
			.fold((computing, BalanceOf::<T>::zero()), |(_, own), slash| {
				(true, own.saturating_add(slash.own))
			})
	}

	/// Adds `slash` to the end of the list of slashes due in `due`, and marks the stakers it
	/// slashes as waiting for it.
	pub(crate) fn push_deferred_slash(due: EraIndex, slash: UnappliedSlash<T>) {
		Self::mark_waiting_for(due, &slash);
		Self::append_deferred_slash(due, slash);
	}

	/// Adds `slash`, whose stakers are marked already, to the end of the list of slashes due in
	/// `due`.
	pub(crate) fn append_deferred_slash(due: EraIndex, slash: UnappliedSlash<T>) {
		let overflow = UnappliedSlashOverflowCount::<T>::get(due);
		// Appended without reading the era's other slashes.
		let slash = match overflow {
			0 => match UnappliedSlashes::<T>::try_append(due, &slash) {
				Ok(()) => None,
				Err(()) => Some(slash),
			},
			_ => Some(slash),
		};
		if let Some(slash) = slash {
			UnappliedSlashOverflow::<T>::insert(due, overflow, slash);
			UnappliedSlashOverflowCount::<T>::insert(due, overflow.saturating_add(1));
		}
		UnappliedSlashEras::<T>::mutate(|eras| {
			if let Err(place) = eras.binary_search(&due) {
				if eras.try_insert(place, due).is_err() {
					Self::unexpected(UnexpectedKind::EraListFull);
				}
			}
		});
	}

	/// Takes the last entry of the list of slashes due in `due`, if any.
	pub(crate) fn pop_deferred_slash(due: EraIndex) -> Option<UnappliedSlash<T>> {
		let slash = match UnappliedSlashOverflowCount::<T>::get(due).checked_sub(1) {
			Some(last) => {
				Self::put_overflow_count(due, last);
				let slash = UnappliedSlashOverflow::<T>::take(due, last);
				if slash.is_none() {
					Self::unexpected(UnexpectedKind::UnappliedSlashMissing);
				}
				slash
			},
			None => UnappliedSlashes::<T>::mutate_exists(due, |slashes| {
				let list = slashes.as_mut()?;
				let slash = list.pop();
				if list.is_empty() {
					*slashes = None;
				}
				slash
			}),
		};
		Self::forget_era_if_done(due);
		slash
	}

	/// Removes the entries at `indices` (ascending, distinct, within the list) of the list of
	/// slashes due in `due`, and returns them in the order of `indices`.
	pub(crate) fn cancel_deferred_slashes(
		due: EraIndex,
		indices: &[u32],
	) -> Result<Vec<UnappliedSlash<T>>, DispatchError> {
		ensure!(!indices.is_empty(), Error::<T>::NoSlashIndices);
		ensure!(
			indices.windows(2).all(|pair| pair.first() < pair.get(1)),
			Error::<T>::NotSortedAndUnique
		);
		let mut listed = UnappliedSlashes::<T>::get(due);
		let mut overflow = UnappliedSlashOverflowCount::<T>::get(due);
		let first_beyond = listed.len() as u32;
		let last = indices.last().copied().unwrap_or_default();
		ensure!(last < first_beyond.saturating_add(overflow), Error::<T>::InvalidSlashIndex);

		let mut cancelled = Vec::with_capacity(indices.len());
		// From the highest place down: each removal leaves the lower places where they were.
		for index in indices.iter().rev().copied() {
			let slash = match index.checked_sub(first_beyond) {
				Some(beyond) => {
					overflow.defensive_saturating_dec();
					let moved = UnappliedSlashOverflow::<T>::take(due, overflow);
					let slash = if beyond == overflow {
						moved
					} else {
						let slash = UnappliedSlashOverflow::<T>::take(due, beyond);
						if let Some(moved) = moved {
							UnappliedSlashOverflow::<T>::insert(due, beyond, moved);
						}
						slash
					};
					slash.ok_or_else(|| {
						// The call fails, so an event would be discarded with it.
						defensive!("an overflowing unapplied slash is missing");
						Error::<T>::InvalidSlashIndex
					})?
				},
				None => listed.remove(index as usize),
			};
			cancelled.push(slash);
		}
		Self::put_overflow_count(due, overflow);
		if listed.is_empty() {
			UnappliedSlashes::<T>::remove(due);
		} else {
			UnappliedSlashes::<T>::insert(due, listed);
		}
		Self::forget_era_if_done(due);
		cancelled.reverse();
		Ok(cancelled)
	}

	/// Whether `stash` must wait before withdrawing: a slash that may take from it is being
	/// worked out or waits to be applied.
	///
	/// While offences are being worked out (a few blocks), every staker exposed in an era that
	/// can still be slashed waits, as does everyone while exposed stakers are still being
	/// recorded. Once they are worked out, only the stakers that an unapplied slash names wait,
	/// until the slashes due up to the latest era naming them are applied or cancelled.
	/// Stakers never exposed behind an offender (a fresh bond, a nominator of validators that
	/// were not elected) withdraw at once.
	pub(crate) fn must_wait_for_slashes(stash: &T::AccountId) -> bool {
		if !SlashesToCompute::<T>::is_empty() {
			if Self::has_unrecorded_exposures() {
				return true;
			}
			let oldest_slashable =
				Self::active_era().unwrap_or(0).saturating_sub(T::BondingDuration::get());
			if LastExposedEra::<T>::get(stash).is_some_and(|era| era >= oldest_slashable) {
				return true;
			}
		}
		let Some(due) = StakerSlashDue::<T>::get(stash) else { return false };
		UnappliedSlashEras::<T>::get().first().is_some_and(|earliest| *earliest <= due)
	}

	/// Marks every staker `slash` takes from as waiting for slashes due up to `due`.
	fn mark_waiting_for(due: EraIndex, slash: &UnappliedSlash<T>) {
		for staker in slash.slashed_stakers() {
			StakerSlashDue::<T>::mutate(staker, |marked| {
				*marked = Some(marked.map_or(due, |marked| marked.max(due)));
			});
		}
	}

	/// Forgets `staker`'s mark once no slash that may name it is left (see
	/// [`Self::must_wait_for_slashes`]): a staker that left staking, or withdraws.
	pub(crate) fn forget_slash_mark_if_done(staker: &T::AccountId) {
		if !Self::must_wait_for_slashes(staker) {
			StakerSlashDue::<T>::remove(staker);
		}
	}

	/// Stores `due`'s overflow count, or removes it at zero.
	fn put_overflow_count(due: EraIndex, count: u32) {
		if count.is_zero() {
			UnappliedSlashOverflowCount::<T>::remove(due);
		} else {
			UnappliedSlashOverflowCount::<T>::insert(due, count);
		}
	}

	/// Removes `due` from [`UnappliedSlashEras`] once none of its slashes is left.
	fn forget_era_if_done(due: EraIndex) {
		if Self::unapplied_slash_count(due).is_zero() {
			UnappliedSlashEras::<T>::mutate(|eras| eras.retain(|era| *era != due));
		}
	}
}
