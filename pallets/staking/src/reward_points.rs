//! Reward points: validators earn points for the blocks they author in the active era. The
//! era's payout is shared in proportion to them.

use crate::UnexpectedKind;
use crate::{Config, ErasRewardPoints, Pallet};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::Saturating;

/// The points a validator earns for authoring a block (as in `pallet-staking`).
pub const POINTS_PER_BLOCK: u32 = 20;

impl<T: Config> Pallet<T> {
	/// Adds `points` to each validator's points in the active era. Does nothing before the
	/// first era.
	pub fn reward_by_ids(validators_points: impl IntoIterator<Item = (T::AccountId, u32)>) {
		let Some(era) = Self::active_era() else { return };
		ErasRewardPoints::<T>::mutate(era, |era_points| {
			for (validator, points) in validators_points {
				let earned = era_points.individual.get(&validator).copied().unwrap_or(0);
				if era_points
					.individual
					.try_insert(validator, earned.saturating_add(points))
					.is_err()
				{
					Self::unexpected(UnexpectedKind::ValidatorSetOverflow);
					continue;
				}
				era_points.total.saturating_accrue(points);
			}
		});
	}
}

/// Block authors earn `POINTS_PER_BLOCK` points (wire as `pallet_authorship`'s event
/// handler).
impl<T: Config> pallet_authorship::EventHandler<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn note_author(author: T::AccountId) {
		Self::reward_by_ids([(author, POINTS_PER_BLOCK)]);
	}
}
