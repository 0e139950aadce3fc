//! What wallets ask about a staker, answered for the runtime APIs: `pallet-staking`'s
//! `StakingApi` and Palisade's `PalisadeStakingApi` (pending rewards, unbonding schedule,
//! projected yield).

use crate::{
	inflation::part_of, payout::EraPayout, ActiveEra, BalanceOf, Config, ErasStakersOverview,
	ErasStakersPaged, ErasTotalStake, ErasUnpaidBackings, PagedPayoutsFrom, Pallet, StakingLedger,
	UnpaidBacking, UnpaidEras,
};
use alloc::vec::Vec;
use frame_support::traits::{fungible::Inspect, Get};
use sp_runtime::{
	traits::{Saturating, Zero},
	FixedPointNumber, FixedU128, Perquintill, SaturatedConversion,
};
use sp_staking::{EraIndex, Page};

impl<T: Config> Pallet<T> {
	/// How many validators a nominator may nominate, whatever its bond.
	pub fn api_nominations_quota(_balance: BalanceOf<T>) -> u32 {
		T::MaxNominations::get()
	}

	/// How many reward pages `validator` has in `era` (0 if it was not elected).
	pub fn api_eras_stakers_page_count(era: EraIndex, validator: &T::AccountId) -> Page {
		Self::reward_pages(era, validator).unwrap_or(0)
	}

	/// Whether some page of `validator`'s rewards in `era` is not claimed yet.
	pub fn api_pending_rewards(era: EraIndex, validator: &T::AccountId) -> bool {
		Self::next_unclaimed_page(era, validator).is_some()
	}

	/// What `who` has earned in ended eras and not been paid yet, per era (eras that owe it
	/// nothing are left out).
	pub fn pending_rewards_of(who: &T::AccountId) -> Vec<(EraIndex, BalanceOf<T>)> {
		UnpaidEras::<T>::get()
			.iter()
			.filter_map(|(era, _)| {
				let mut payout = EraPayout::<T>::load(*era)?;
				let backings: Vec<_> = Self::owed_backings(*era)
					.into_iter()
					.filter(|(staker, _)| staker == who)
					.collect();
				if backings.is_empty() {
					return None;
				}
				let owed = backings.iter().fold(BalanceOf::<T>::zero(), |sum, (_, backing)| {
					sum.saturating_add(payout.earned(who, backing))
				});
				Some((*era, owed))
			})
			.collect()
	}

	/// What `who` backed in `era`: its own stake (with its commission) if it was elected, and
	/// its stake behind each validator it nominated. Reads every exposure of a paged era.
	fn backings_in_era(
		era: EraIndex,
		who: &T::AccountId,
	) -> Vec<UnpaidBacking<T::AccountId, BalanceOf<T>>> {
		if era < PagedPayoutsFrom::<T>::get() {
			return ErasUnpaidBackings::<T>::get(era, who)
				.map(|b| b.into_inner())
				.unwrap_or_default();
		}
		let own = ErasStakersOverview::<T>::get(era, who).map(|overview| UnpaidBacking {
			validator: who.clone(),
			page: 0,
			value: overview.own,
		});
		let nominated =
			ErasStakersPaged::<T>::iter_prefix((era,)).flat_map(|((validator, page), exposure)| {
				exposure.0.others.into_iter().filter(|e| e.who == *who).map(move |e| {
					UnpaidBacking { validator: validator.clone(), page, value: e.value }
				})
			});
		own.into_iter().chain(nominated).collect()
	}

	/// `who`'s unbonding chunks: value, the era from which it can be withdrawn, and when that
	/// era should start (in ms since the Unix epoch) if eras last `era_length_ms`.
	pub fn unbonding_schedule(
		who: &T::AccountId,
		era_length_ms: u64,
	) -> Vec<(BalanceOf<T>, EraIndex, Option<u64>)> {
		let Some(ledger) = StakingLedger::<T>::get(who) else { return Vec::new() };
		let active = ActiveEra::<T>::get();
		let mut chunks: Vec<_> = ledger
			.unlocking
			.iter()
			.map(|chunk| {
				let expected_at = active.and_then(|active| {
					let eras_left = chunk.era.saturating_sub(active.index);
					let start = active.start?;
					Some(start.saturating_add(u64::from(eras_left).saturating_mul(era_length_ms)))
				});
				(chunk.value, chunk.era, expected_at)
			})
			.collect();
		chunks.sort_by_key(|(_, era, _)| *era);
		chunks
	}

	/// The yearly return on `who`'s stake (1 is 100 %), projected from the inflation curve at the
	/// active era's staking rate, assuming every validator earns the same points: for each
	/// validator `who` backs in the active era, its share of an equal part of the yearly payout,
	/// after commission (and with the commission, for its own validator). For a staker not exposed
	/// in the active era: the yearly payout over the stake, before commission.
	pub fn projected_annual_yield(who: &T::AccountId) -> FixedU128 {
		let Some(era) = Self::active_era() else { return FixedU128::zero() };
		let staked = ErasTotalStake::<T>::get(era);
		if staked.is_zero() {
			return FixedU128::zero();
		}
		let issuance = T::Currency::total_issuance();
		let rate = Perquintill::from_rational(
			staked.saturated_into::<u128>(),
			issuance.saturated_into::<u128>().max(1),
		);
		let yearly = part_of(T::Inflation::get().staker_inflation(rate), issuance);
		let backings = Self::backings_in_era(era, who);
		if backings.is_empty() {
			return ratio(yearly, staked);
		}

		// A year's payout, shared as the active era's would be.
		let mut payout = EraPayout::<T>::projected(era, yearly);
		let (mut earned, mut stake) = (BalanceOf::<T>::zero(), BalanceOf::<T>::zero());
		for backing in backings.iter() {
			earned.saturating_accrue(payout.earned(who, backing));
			stake.saturating_accrue(backing.value);
		}
		ratio(earned, stake)
	}
}

/// `part / whole` (more than one if `part` is larger), or zero if `whole` is zero.
fn ratio<Balance: sp_runtime::traits::AtLeast32BitUnsigned>(
	part: Balance,
	whole: Balance,
) -> FixedU128 {
	FixedU128::checked_from_rational(part.saturated_into::<u128>(), whole.saturated_into::<u128>())
		.unwrap_or_default()
}
