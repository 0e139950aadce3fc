//! Exposures: the stake backing each elected validator in an era, stored as an overview and
//! pages of at most [`MaxExposurePageSize`](crate::Config::MaxExposurePageSize) nominators, with
//! `sp_staking`'s types and `pallet-staking`'s storage names so that Polkadot.js reads them.
//!
//! Each exposed staker's [`LastExposedEra`](crate::LastExposedEra) decides when its unbonded
//! funds unlock. A large election exposes tens of thousands of stakers, too many writes for the
//! block that stores the result, so the stakers are queued in chunks and recorded a few chunks
//! per block (see [`Pallet::record_exposures`]). Until the queue is empty, unbonding waits the
//! full bonding duration, as a validator's or nominator's does while an election runs.
//!
//! Rewards are paid from the exposure pages themselves (see [`crate::payout`]). Eras recorded
//! before storage version 3 ([`crate::PagedPayoutsFrom`]) also recorded what each staker
//! backed ([`crate::ErasUnpaidBackings`]), which their rewards are paid for: chunks of such an
//! era queued at the upgrade carry it.

use crate::{
	stored_queue::{ExposuresToRecord, StoredQueue},
	weights::WeightInfo,
	BalanceOf, BoundedExposurePage, Config, ElectionPhase, ErasStakersOverview, ErasStakersPaged,
	ErasTotalStake, ErasValidatorPrefs, NextEraElection, PagedPayoutsFrom, Pallet, UnpaidBacking,
	UnpaidBackings,
};
use alloc::{collections::btree_map::BTreeMap, vec::Vec};
use frame_support::{
	traits::{ConstU32, Get},
	weights::WeightMeter,
	BoundedVec,
};
use sp_runtime::traits::{Saturating, Zero};
use sp_staking::{EraIndex, ExposurePage, IndividualExposure, Page, PagedExposureMetadata};

/// A staker of an exposure, with its stake and the page it went into.
pub(crate) type StakeInPage<T> = (
	<T as frame_system::Config>::AccountId,
	UnpaidBacking<<T as frame_system::Config>::AccountId, BalanceOf<T>>,
);

/// The most stakers in one chunk of [`UnrecordedExposures`](crate::UnrecordedExposures).
pub const EXPOSURE_RECORD_CHUNK: u32 = 64;

/// A chunk of stakers exposed in an era, each with what it backed, waiting to be recorded.
pub type ExposedChunk<T> = BoundedVec<
	(<T as frame_system::Config>::AccountId, UnpaidBackings<T>),
	ConstU32<EXPOSURE_RECORD_CHUNK>,
>;

impl<T: Config> Pallet<T> {
	/// Adds `stakes` (the validator's own stake and its nominators') to `validator`'s exposure
	/// in `era`. The first time a validator is exposed in an era, its current preferences are
	/// recorded for the era. Nominators fill the last page before new pages are opened, so an
	/// election result that comes in several pages merges into one exposure. Returns each
	/// stake with the page it went into (the validator's own stake counts as page 0).
	///
	/// The caller queues the stakers to be recorded as exposed (see [`Self::queue_exposed`]).
	pub(crate) fn add_exposure(
		era: EraIndex,
		validator: &T::AccountId,
		stakes: impl IntoIterator<Item = (T::AccountId, BalanceOf<T>)>,
	) -> Vec<StakeInPage<T>> {
		let stored = ErasStakersOverview::<T>::get(era, validator);
		let first_exposure = stored.is_none();
		let mut overview = stored.unwrap_or_else(|| {
			ErasValidatorPrefs::<T>::insert(
				era,
				validator,
				Self::apply_due_commission(era, validator),
			);
			PagedExposureMetadata::default()
		});
		let backing =
			|page, value: BalanceOf<T>| UnpaidBacking { validator: validator.clone(), page, value };
		let mut placed = Vec::new();
		// The validator's page-0 backing carries its commission, so it has one even without
		// stake of its own (its own stake, from another election page, adds to it).
		if first_exposure {
			placed.push((validator.clone(), backing(0, Zero::zero())));
		}
		let mut others = Vec::new();
		let mut added = BalanceOf::<T>::default();
		for (who, value) in stakes {
			added.saturating_accrue(value);
			if who == *validator {
				overview.own.saturating_accrue(value);
				match placed.iter_mut().find(|(staker, _)| *staker == who) {
					Some((_, own)) => own.value.saturating_accrue(value),
					None => placed.push((who, backing(0, value))),
				}
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
					placed.push((exposure.who.clone(), backing(last, exposure.value)));
					page.others.push(exposure);
				}
			});
		}
		while others.peek().is_some() {
			let chunk: Vec<_> = others.by_ref().take(page_size).collect();
			let page_total = chunk.iter().fold(BalanceOf::<T>::default(), |sum, exposure| {
				sum.saturating_add(exposure.value)
			});
			let page_index = overview.page_count;
			placed.extend(chunk.iter().map(|e| (e.who.clone(), backing(page_index, e.value))));
			let page = ExposurePage { page_total, others: chunk };
			ErasStakersPaged::<T>::insert((era, validator, page_index), BoundedExposurePage(page));
			overview.page_count.saturating_inc();
		}
		ErasStakersOverview::<T>::insert(era, validator, overview);
		placed
	}

	/// Queues `stakers` (distinct, each with what it backed) to be recorded as exposed in `era`.
	/// What they backed is kept only for an era paid from such records (before
	/// [`PagedPayoutsFrom`]).
	pub(crate) fn queue_exposed(era: EraIndex, stakers: BTreeMap<T::AccountId, UnpaidBackings<T>>) {
		let keep_backings = era < PagedPayoutsFrom::<T>::get();
		let mut stakers = stakers
			.into_iter()
			.map(|(staker, backings)| {
				(staker, if keep_backings { backings } else { Default::default() })
			})
			.peekable();
		let chunks = core::iter::from_fn(|| {
			stakers.peek()?;
			let chunk = stakers.by_ref().take(EXPOSURE_RECORD_CHUNK as usize).collect::<Vec<_>>();
			Some((era, ExposedChunk::<T>::truncate_from(chunk)))
		});
		ExposuresToRecord::<T>::push(chunks);
	}

	/// Records queued chunks of exposed stakers, oldest first, as far as `meter` allows for a
	/// whole chunk: each staker's [`LastExposedEra`](crate::LastExposedEra) (if it is still
	/// bonded) and, for an era before [`PagedPayoutsFrom`], what it is owed rewards for
	/// ([`crate::ErasUnpaidBackings`]). Stops at the chunks of an era whose election is still
	/// running or being cleared: they are recorded once it is elected, or dropped.
	pub(crate) fn record_exposures(meter: &mut WeightMeter) {
		let mut queue = ExposuresToRecord::<T>::ends();
		// A chunk of an era paid from staker records also writes each staker's record.
		let records =
			|stakers: u32| T::DbWeight::get().reads_writes(stakers.into(), stakers.into());
		let full_chunk = T::WeightInfo::record_exposures(EXPOSURE_RECORD_CHUNK)
			.saturating_add(records(EXPOSURE_RECORD_CHUNK));
		let unsettled = Self::unsettled_era();
		while meter.can_consume(full_chunk) {
			let Some((era, chunk)) = ExposuresToRecord::<T>::first(&mut queue, meter) else {
				break;
			};
			if unsettled == Some(era) {
				break;
			}
			ExposuresToRecord::<T>::remove_first(&mut queue);
			let stakers = chunk.len() as u32;
			let mut with_records = 0u32;
			for (staker, backings) in chunk {
				Self::record_exposed(era, [staker.clone()]);
				if !backings.is_empty() {
					Self::add_unpaid_backings(era, &staker, backings);
					with_records.saturating_inc();
				}
			}
			meter.consume(
				T::WeightInfo::record_exposures(stakers).saturating_add(records(with_records)),
			);
		}
		ExposuresToRecord::<T>::put_ends(queue);
	}

	/// The era whose exposures may not be recorded yet: one whose election is still running
	/// (it may still fail) or whose failed election is being cleared (its chunks are dropped).
	pub(crate) fn unsettled_era() -> Option<EraIndex> {
		match NextEraElection::<T>::get() {
			ElectionPhase::Fetching { era, .. } | ElectionPhase::Clearing { era } => Some(era),
			ElectionPhase::Idle | ElectionPhase::Ready { .. } => None,
		}
	}

	/// Drops the newest queued chunks while they belong to `era`, as far as `meter` allows.
	/// Returns whether none is left: a failed election's stakers are not recorded.
	pub(crate) fn drop_queued_exposures(era: EraIndex, meter: &mut WeightMeter) -> bool {
		let mut queue = ExposuresToRecord::<T>::ends();
		let per_chunk = T::DbWeight::get().reads_writes(1, 1);
		let mut done = true;
		while ExposuresToRecord::<T>::last(&queue).is_some_and(|(chunk_era, _)| chunk_era == era) {
			if meter.try_consume(per_chunk).is_err() {
				done = false;
				break;
			}
			ExposuresToRecord::<T>::remove_last(&mut queue);
		}
		ExposuresToRecord::<T>::put_ends(queue);
		done
	}

	/// Records `stakers` that are still bonded as exposed in `era`: what they unbond from now
	/// on waits until [`BondingDuration`](crate::Config::BondingDuration) eras after it. A later
	/// era recorded already stays (the mark of a staker that stopped while the next era's election
	/// runs, see [`Pallet::note_possibly_elected`], when this era's records come after it).
	pub(crate) fn record_exposed(era: EraIndex, stakers: impl IntoIterator<Item = T::AccountId>) {
		for staker in stakers {
			if Self::is_bonded(&staker) {
				Self::note_exposed(&staker, era);
			}
		}
	}

	/// Whether some exposed stakers are not recorded yet.
	pub fn has_unrecorded_exposures() -> bool {
		!ExposuresToRecord::<T>::is_empty()
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
