//! Era history: the storage items keyed by era, owned here, and their removal once an era is
//! older than [`HistoryDepth`](crate::Config::HistoryDepth) eras (or its election failed), a
//! bounded number of keys at a time.
//!
//! [`era_history`] lists every item whose first key is an era and whose keys go with the era.
//! Pruning removes exactly these items, `do_try_state` checks that none of them keeps a key of
//! a pruned era, and a test checks the list against the pallet's metadata, so an era-keyed
//! item added to the pallet and not listed here fails the tests. Era-keyed items that are not
//! history, removed by their own logic, are listed in `NOT_ERA_HISTORY` (for the test) with why.

use crate::{
	weights::WeightInfo, ClaimedRewards, Config, ErasRewardPaid, ErasRewardPoints,
	ErasStakersOverview, ErasStakersPaged, ErasStartSessionIndex, ErasTotalStake,
	ErasUnpaidBackings, ErasValidatorPrefs, ErasValidatorReward, NominatorSlashInEra,
	OldestUnprunedEra, Pallet, ValidatorSlashInEra,
};
use alloc::vec::Vec;
use frame_support::{traits::Get, weights::WeightMeter};
use sp_runtime::Saturating;
use sp_staking::EraIndex;

/// A storage item of the era history.
pub(crate) struct EraItem {
	/// The item's name in storage.
	pub name: &'static str,
	/// Removes up to `limit` of the item's keys of an era, and returns how many it removed.
	pub remove: fn(EraIndex, usize) -> u32,
	/// Whether the item holds a key of an era.
	pub holds: fn(EraIndex) -> bool,
	/// The oldest era the item holds a key of, if any. Reads the whole item: for checks only.
	pub oldest: fn() -> Option<EraIndex>,
}

/// An [`EraItem`] for a map keyed by era alone (`value`), by era and one more key (`map`), or
/// by era and more keys (`n_map`).
macro_rules! era_item {
	// Removed without reading it: `clear_era` removes an era's values together, once it found
	// one of them (a read of each would put every value in the block's proof).
	(value $item:ident) => {
		EraItem {
			name: stringify!($item),
			remove: |era, _limit| {
				$item::<T>::remove(era);
				1
			},
			holds: |era| $item::<T>::contains_key(era),
			oldest: || $item::<T>::iter_keys().min(),
		}
	};
	(map $item:ident) => {
		EraItem {
			name: stringify!($item),
			remove: |era, limit| {
				let keys: Vec<_> = $item::<T>::iter_key_prefix(era).take(limit).collect();
				keys.iter().for_each(|key| $item::<T>::remove(era, key));
				keys.len() as u32
			},
			holds: |era| $item::<T>::iter_key_prefix(era).next().is_some(),
			oldest: || $item::<T>::iter_keys().map(|(era, _)| era).min(),
		}
	};
	(n_map $item:ident) => {
		EraItem {
			name: stringify!($item),
			remove: |era, limit| {
				let keys: Vec<_> = $item::<T>::iter_key_prefix((era,)).take(limit).collect();
				keys.into_iter().map(|(k1, k2)| $item::<T>::remove((era, k1, k2))).count() as u32
			},
			holds: |era| $item::<T>::iter_key_prefix((era,)).next().is_some(),
			oldest: || $item::<T>::iter_keys().map(|(era, _, _)| era).min(),
		}
	};
}

/// The items of the era history keyed by era alone, removed together first: the era's start
/// session goes first, after which the era counts as history being removed and its exposures
/// are no longer checked for completeness; what the era paid goes with its reward, which the
/// reward checks read it against.
pub(crate) fn era_values<T: Config>() -> [EraItem; 5] {
	[
		era_item!(value ErasStartSessionIndex),
		era_item!(value ErasTotalStake),
		era_item!(value ErasRewardPoints),
		era_item!(value ErasRewardPaid),
		era_item!(value ErasValidatorReward),
	]
}

/// The items of the era history keyed by era and more, removed a bounded number of keys at a
/// time once the era's values are gone.
pub(crate) fn era_maps<T: Config>() -> [EraItem; 7] {
	[
		era_item!(map ErasStakersOverview),
		era_item!(n_map ErasStakersPaged),
		era_item!(map ErasValidatorPrefs),
		era_item!(map ClaimedRewards),
		era_item!(map ErasUnpaidBackings),
		era_item!(map ValidatorSlashInEra),
		era_item!(map NominatorSlashInEra),
	]
}

/// Every storage item of the era history: [`era_values`], then [`era_maps`].
pub(crate) fn era_history<T: Config>() -> impl Iterator<Item = EraItem> {
	era_values::<T>().into_iter().chain(era_maps::<T>())
}

/// The storage items whose first key is a `u32` but that are not era history, with why.
#[cfg(test)]
pub(crate) const NOT_ERA_HISTORY: [(&str, &str); 5] = [
	("UnappliedSlashes", "keyed by the era a slash is due; emptied as slashes are applied"),
	("UnappliedSlashOverflow", "keyed by due era, like UnappliedSlashes"),
	("UnappliedSlashOverflowCount", "keyed by due era, like UnappliedSlashes"),
	("UnrecordedExposures", "keyed by place in its queue, not by era"),
	("SlashComputations", "keyed by place in its queue, not by era"),
];

impl<T: Config> Pallet<T> {
	/// Removes the history of eras older than [`HistoryDepth`](crate::Config::HistoryDepth) eras
	/// before the active era, as far as `meter` allows. Continues where it stopped in the next
	/// call. An era whose automatic payout is not done waits: its rewards are never lost.
	pub(crate) fn prune_history(meter: &mut WeightMeter) {
		if meter.try_consume(T::DbWeight::get().reads_writes(2, 1)).is_err() {
			return;
		}
		let Some(active) = Self::active_era() else { return };
		let keep_from = active.saturating_sub(T::HistoryDepth::get());
		let oldest = OldestUnprunedEra::<T>::get();
		let mut next = oldest;
		while next < keep_from && !Self::is_unpaid(next) && Self::clear_era(next, meter) {
			next.saturating_inc();
		}
		if next != oldest {
			OldestUnprunedEra::<T>::put(next);
		}
	}

	/// Removes what `era` stored, as many keys as `meter` allows. Returns whether nothing of
	/// the era is left.
	///
	/// Keys are found by iterating storage, which sees what this block already removed, so a
	/// call continues where the previous one stopped, in the same block or a later one.
	pub(crate) fn clear_era(era: EraIndex, meter: &mut WeightMeter) -> bool {
		let base = T::WeightInfo::clear_era_keys(0);
		let per_key = T::WeightInfo::clear_era_keys(1).saturating_sub(base);
		if meter.try_consume(base).is_err() {
			return false;
		}
		let affordable = meter.remaining().checked_div_per_component(&per_key).unwrap_or(u64::MAX);
		let limit = usize::try_from(affordable).unwrap_or(usize::MAX);
		let mut removed = 0usize;
		let values = era_values::<T>();
		if values.iter().any(|item| (item.holds)(era)) {
			if limit < values.len() {
				return false;
			}
			values
				.iter()
				.for_each(|item| removed.saturating_accrue((item.remove)(era, 1) as usize));
		}
		for item in era_maps::<T>() {
			removed.saturating_accrue((item.remove)(era, limit.saturating_sub(removed)) as usize);
		}
		meter.consume(per_key.saturating_mul(removed as u64));
		// Done if the limit left room to find every map empty.
		removed < limit && era_maps::<T>().iter().all(|item| !(item.holds)(era))
	}
}
