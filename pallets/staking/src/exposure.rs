//! Exposures: the stake backing each elected validator in an era, stored as an overview and
//! pages of at most `MaxExposurePageSize` nominators, with `sp_staking`'s types and
//! `pallet-staking`'s storage names so that Polkadot.js reads them.

use crate::{
	BalanceOf, BoundedExposurePage, Config, ErasStakersOverview, ErasStakersPaged, ErasTotalStake,
	ErasValidatorPrefs, LastExposedEra, Pallet, Validators,
};
use alloc::{collections::btree_set::BTreeSet, vec::Vec};
use frame_support::traits::Get;
use sp_runtime::traits::Saturating;
use sp_staking::{EraIndex, ExposurePage, IndividualExposure, Page, PagedExposureMetadata};

impl<T: Config> Pallet<T> {
	/// Adds `stakes` (the validator's own stake and its nominators') to `validator`'s exposure
	/// in `era`. The first time a validator is exposed in an era, its current preferences are
	/// recorded for the era. Nominators fill the last page before new pages are opened, so an
	/// election result that comes in several pages merges into one exposure.
	///
	/// The caller records the stakers as exposed in `era` (see [`Self::note_exposed`]).
	pub(crate) fn add_exposure(
		era: EraIndex,
		validator: &T::AccountId,
		stakes: impl IntoIterator<Item = (T::AccountId, BalanceOf<T>)>,
	) {
		let mut overview = ErasStakersOverview::<T>::get(era, validator).unwrap_or_else(|| {
			ErasValidatorPrefs::<T>::insert(era, validator, Validators::<T>::get(validator));
			PagedExposureMetadata::default()
		});
		let mut others = Vec::new();
		let mut added = BalanceOf::<T>::default();
		for (who, value) in stakes {
			added.saturating_accrue(value);
			if who == *validator {
				overview.own.saturating_accrue(value);
			} else {
				others.push(IndividualExposure { who, value });
			}
		}
		overview.total.saturating_accrue(added);
		overview.nominator_count.saturating_accrue(others.len() as u32);
		ErasTotalStake::<T>::mutate(era, |total| total.saturating_accrue(added));

		let page_size = T::MaxExposurePageSize::get().max(1) as usize;
		let mut others = others.into_iter().peekable();
		if let Some(last) = overview.page_count.checked_sub(1) {
			ErasStakersPaged::<T>::mutate((era, validator, last), |page| {
				let Some(BoundedExposurePage(page)) = page else { return };
				while page.others.len() < page_size {
					let Some(exposure) = others.next() else { break };
					page.page_total.saturating_accrue(exposure.value);
					page.others.push(exposure);
				}
			});
		}
		while others.peek().is_some() {
			let chunk: Vec<_> = others.by_ref().take(page_size).collect();
			let page_total = chunk.iter().fold(BalanceOf::<T>::default(), |sum, exposure| {
				sum.saturating_add(exposure.value)
			});
			let page = ExposurePage { page_total, others: chunk };
			ErasStakersPaged::<T>::insert(
				(era, validator, overview.page_count),
				BoundedExposurePage(page),
			);
			overview.page_count.saturating_inc();
		}
		ErasStakersOverview::<T>::insert(era, validator, overview);
	}

	/// Records `stakers` as exposed in `era`: what they unbond from now on waits until
	/// `BondingDuration` eras after it. Each staker is written once, however many validators
	/// it backs.
	pub(crate) fn note_exposed(era: EraIndex, stakers: BTreeSet<T::AccountId>) {
		for staker in stakers {
			LastExposedEra::<T>::insert(staker, era);
		}
	}

	/// `validator`'s exposure overview in `era`, if it was elected.
	pub fn exposure_overview(
		era: EraIndex,
		validator: &T::AccountId,
	) -> Option<PagedExposureMetadata<BalanceOf<T>>> {
		ErasStakersOverview::<T>::get(era, validator)
	}

	/// One page of `validator`'s nominators in `era`.
	pub fn exposure_page(
		era: EraIndex,
		validator: &T::AccountId,
		page: Page,
	) -> Option<ExposurePage<T::AccountId, BalanceOf<T>>> {
		ErasStakersPaged::<T>::get((era, validator, page)).map(|page| page.0)
	}

	/// Whether `who` backed an elected validator in `era`, as the validator or a nominator.
	pub fn is_exposed(who: &T::AccountId, era: EraIndex) -> bool {
		ErasStakersOverview::<T>::contains_key(era, who)
			|| ErasStakersPaged::<T>::iter_prefix_values((era,))
				.any(|page| page.0.others.iter().any(|exposure| exposure.who == *who))
	}
}
