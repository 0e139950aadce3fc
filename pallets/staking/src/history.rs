//! Era history: removing what an era stored once it is older than `HistoryDepth` eras (or
//! its election failed), a bounded number of keys at a time.

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

/// The keys of an era that are not in a map: start session, total stake, reward points,
/// reward, and reward paid.
const SINGLE_KEYS: u32 = 5;

impl<T: Config> Pallet<T> {
	/// Removes the history of eras older than `HistoryDepth` eras before the active era, as
	/// far as `meter` allows. Continues where it stopped in the next call. An era whose
	/// automatic payout is not done waits: its rewards are never lost.
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
	pub(crate) fn clear_era(era: EraIndex, meter: &mut WeightMeter) -> bool {
		let base = T::WeightInfo::clear_era_keys(0);
		let per_key = T::WeightInfo::clear_era_keys(1).saturating_sub(base);
		if meter.try_consume(base).is_err() {
			return false;
		}
		let affordable = meter.remaining().checked_div_per_component(&per_key).unwrap_or(u64::MAX);
		let limit = u32::try_from(affordable).unwrap_or(u32::MAX);
		let mut removed = 0u32;
		let done = Self::clear_era_maps(era, limit, &mut removed);
		meter.consume(per_key.saturating_mul(removed.into()));
		done
	}

	/// Removes up to `limit` keys of `era`, counting them in `removed`. Returns whether
	/// nothing of the era is left.
	///
	/// Keys are found by iterating storage, which sees what this block already removed, so a
	/// call continues where the previous one stopped, in the same block or a later one.
	fn clear_era_maps(era: EraIndex, limit: u32, removed: &mut u32) -> bool {
		let left = |removed: u32| limit.saturating_sub(removed) as usize;
		// The era's start session goes first: from then on the era counts as history being
		// removed, and its exposures are no longer checked for completeness.
		if ErasStartSessionIndex::<T>::contains_key(era)
			|| ErasTotalStake::<T>::contains_key(era)
			|| ErasRewardPoints::<T>::contains_key(era)
			|| ErasValidatorReward::<T>::contains_key(era)
			|| ErasRewardPaid::<T>::contains_key(era)
		{
			if left(*removed) < SINGLE_KEYS as usize {
				return false;
			}
			ErasStartSessionIndex::<T>::remove(era);
			ErasTotalStake::<T>::remove(era);
			ErasRewardPoints::<T>::remove(era);
			ErasValidatorReward::<T>::remove(era);
			ErasRewardPaid::<T>::remove(era);
			removed.saturating_accrue(SINGLE_KEYS);
		}

		remove_keys(ErasStakersOverview::<T>::iter_key_prefix(era), left(*removed), removed, |v| {
			ErasStakersOverview::<T>::remove(era, v)
		});
		remove_keys(ErasStakersPaged::<T>::iter_key_prefix((era,)), left(*removed), removed, |k| {
			ErasStakersPaged::<T>::remove((era, k.0, k.1))
		});
		remove_keys(ErasValidatorPrefs::<T>::iter_key_prefix(era), left(*removed), removed, |v| {
			ErasValidatorPrefs::<T>::remove(era, v)
		});
		remove_keys(ClaimedRewards::<T>::iter_key_prefix(era), left(*removed), removed, |v| {
			ClaimedRewards::<T>::remove(era, v)
		});
		remove_keys(ErasUnpaidBackings::<T>::iter_key_prefix(era), left(*removed), removed, |s| {
			ErasUnpaidBackings::<T>::remove(era, s)
		});
		remove_keys(ValidatorSlashInEra::<T>::iter_key_prefix(era), left(*removed), removed, |v| {
			ValidatorSlashInEra::<T>::remove(era, v)
		});
		remove_keys(NominatorSlashInEra::<T>::iter_key_prefix(era), left(*removed), removed, |n| {
			NominatorSlashInEra::<T>::remove(era, n)
		});
		// Done if the limit left room to find every map empty.
		left(*removed) > 0
			&& ErasStakersOverview::<T>::iter_key_prefix(era).next().is_none()
			&& ErasStakersPaged::<T>::iter_key_prefix((era,)).next().is_none()
			&& ErasValidatorPrefs::<T>::iter_key_prefix(era).next().is_none()
			&& ClaimedRewards::<T>::iter_key_prefix(era).next().is_none()
			&& ErasUnpaidBackings::<T>::iter_key_prefix(era).next().is_none()
			&& ValidatorSlashInEra::<T>::iter_key_prefix(era).next().is_none()
			&& NominatorSlashInEra::<T>::iter_key_prefix(era).next().is_none()
	}
}

/// Removes up to `limit` of `keys` with `remove`, counting them in `removed`. The keys are
/// collected first: storage is not changed while it is iterated.
fn remove_keys<K>(
	keys: impl Iterator<Item = K>,
	limit: usize,
	removed: &mut u32,
	remove: impl Fn(K),
) {
	let keys: Vec<K> = keys.take(limit).collect();
	for key in keys {
		remove(key);
		removed.saturating_inc();
	}
}
