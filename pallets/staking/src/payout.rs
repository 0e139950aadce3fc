//! Era rewards: each era's payout, and paying it to every staker the era exposed.
//!
//! When an era ends, the inflation curve sets its payout ([`crate::ErasValidatorReward`]); the
//! remainder goes to `RewardRemainder`. A validator earns a share of the payout proportional
//! to its reward points, takes its commission from it, and the rest is split pro rata among
//! everyone in its exposure, its own stake included.
//!
//! Rewards are paid from the era's exposure pages, a page at a time, in two ways that never
//! pay the same page twice, because paying a page first marks it claimed in
//! [`crate::ClaimedRewards`]:
//! - **automatically**: [`AutoPayout`] blocks after an era ends, `on_initialize`
//!   walks the era's exposures, validator by validator and page by page ([`crate::AutoPayout`]
//!   keeps its place), within its share of each block: it claims each page as it starts it, then
//!   pays its stakers one at a time;
//! - **on request**: [`payout_stakers_by_page`](crate::Call::payout_stakers_by_page) pays one
//!   unclaimed page of a validator's exposure at once (as in `pallet-staking`).
//!
//! Once every page of a validator's rewards in an era is claimed, either way, the era joins
//! the validator's ledger's `legacy_claimed_rewards` too, as `pallet-staking` kept it.
//!
//! A staker who backed several validators is paid once for each. Eras recorded before
//! storage version 3 ([`crate::PagedPayoutsFrom`]) pay only what each staker's record in
//! [`crate::ErasUnpaidBackings`] still holds: the version-2 payout paid stakers one at a time
//! from those records, and left pages unclaimed until the end.
//!
//! An era's history is not removed while its automatic payout is pending, so no reward is
//! lost when [`HistoryDepth`](crate::Config::HistoryDepth) passes.

use crate::{
	exposure::StakeInPage,
	inflation::part_of,
	stored_queue::{ExposuresToRecord, StoredQueue},
	weights::WeightInfo,
	AutoPayout, BalanceOf, ClaimedRewards, Config, EraRewardPoints, ErasRewardPaid,
	ErasRewardPoints, ErasStakersOverview, ErasStakersPaged, ErasTotalStake, ErasUnpaidBackings,
	ErasValidatorPrefs, ErasValidatorReward, Error, Event, PagedPayoutsFrom, Pallet, Payee,
	PayoutCursor, RewardDestination, StakingLedger, UnexpectedKind, UnpaidBacking, UnpaidEras,
	LOG_TARGET,
};
use alloc::{collections::btree_map::BTreeMap, vec::Vec};
use core::marker::PhantomData;
use frame_election_provider_support::ElectionProvider;
use frame_support::{
	ensure,
	traits::{
		fungible::{Balanced, Debt, Inspect},
		tokens::{imbalance::Imbalance, Precision},
		Get, OnUnbalanced, UnixTime,
	},
	weights::{Weight, WeightMeter},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError, DispatchResult, Perquintill, SaturatedConversion,
};
use sp_staking::{EraIndex, Page};

/// What one staker backed in one era: at most one backing per nomination.
pub type UnpaidBackings<T> = BoundedVec<
	UnpaidBacking<<T as frame_system::Config>::AccountId, BalanceOf<T>>,
	<T as Config>::MaxNominations,
>;

/// The bound of [`crate::ClaimedRewards`]: every page of the largest exposure an election
/// can produce.
pub struct ClaimedPagesBound<T>(PhantomData<T>);

/// The pages of a validator's exposure in an era whose rewards were claimed.
pub type ClaimedPages<T> = BoundedVec<Page, ClaimedPagesBound<T>>;

impl<T: Config> Get<u32> for ClaimedPagesBound<T> {
	fn get() -> u32 {
		type Provider<T> = <T as Config>::ElectionProvider;
		let per_page = <Provider<T> as ElectionProvider>::MaxBackersPerWinner::get();
		let pages = <Provider<T> as ElectionProvider>::Pages::get();
		let final_bound = <Provider<T> as ElectionProvider>::MaxBackersPerWinnerFinal::get();
		let backers = per_page.saturating_mul(pages).max(final_bound);
		backers.div_ceil(T::MaxExposurePageSize::get().max(1)).saturating_add(1)
	}
}

/// The bound of [`crate::UnpaidEras`]: eras older than
/// [`HistoryDepth`](crate::Config::HistoryDepth) cannot be pending.
pub struct UnpaidErasBound<T>(PhantomData<T>);

impl<T: Config> Get<u32> for UnpaidErasBound<T> {
	fn get() -> u32 {
		T::HistoryDepth::get().saturating_add(1)
	}
}

/// A validator's part of an era's payout: its commission, and what is left for its exposure.
/// Like every share of the payout, the commission rounds down.
#[derive(Clone, Copy)]
struct ValidatorPart<Balance> {
	commission: Balance,
	leftover: Balance,
	exposure: Balance,
}

/// One era's payout, with each validator's part worked out once, and what it has paid since
/// it was loaded (added to [`ErasRewardPaid`], and to the total issuance, once, by
/// [`EraPayout::settle`]).
pub(crate) struct EraPayout<T: Config> {
	reward: BalanceOf<T>,
	points: EraRewardPoints<T>,
	era: EraIndex,
	/// Whether the era is paid from its exposure pages (from [`PagedPayoutsFrom`] on), rather
	/// than from the records version 2 kept in [`ErasUnpaidBackings`].
	paged: bool,
	parts: BTreeMap<T::AccountId, Option<ValidatorPart<BalanceOf<T>>>>,
	paid: BalanceOf<T>,
	/// What was credited to accounts since the payout was loaded, not yet in the total
	/// issuance.
	minted: Debt<T::AccountId, T::Currency>,
}

impl<T: Config> EraPayout<T> {
	/// `era`'s payout, if the era has ended and its reward is still stored.
	pub(crate) fn load(era: EraIndex) -> Option<Self> {
		let reward = ErasValidatorReward::<T>::get(era)?;
		Some(Self {
			reward,
			points: ErasRewardPoints::<T>::get(era),
			era,
			paged: era >= PagedPayoutsFrom::<T>::get(),
			parts: BTreeMap::new(),
			paid: Zero::zero(),
			minted: Default::default(),
		})
	}

	/// A payout of `reward` for `era` in which each of its validators earned the same points:
	/// for projections.
	pub(crate) fn projected(era: EraIndex, reward: BalanceOf<T>) -> Self {
		let mut points = EraRewardPoints::<T>::default();
		for validator in ErasStakersOverview::<T>::iter_key_prefix(era) {
			if points.individual.try_insert(validator, 1).is_ok() {
				points.total.saturating_inc();
			}
		}
		let paged = era >= PagedPayoutsFrom::<T>::get();
		let (parts, paid, minted) = (BTreeMap::new(), Zero::zero(), Default::default());
		Self { reward, points, era, paged, parts, paid, minted }
	}

	/// Adds what was paid since the payout was loaded to the era's [`ErasRewardPaid`], and what
	/// was credited to the total issuance: one write each for all the stakers a block paid.
	pub(crate) fn settle(&mut self) {
		let paid = core::mem::take(&mut self.paid);
		if !paid.is_zero() {
			ErasRewardPaid::<T>::mutate(self.era, |total| total.saturating_accrue(paid));
		}
		// Dropping the credited amount raises the issuance by it.
		drop(core::mem::take(&mut self.minted));
	}

	/// Credits `amount` to `who`, which must exist or receive at least the existential deposit.
	/// The issuance rises when the payout settles.
	fn credit(&mut self, who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
		let minted = T::Currency::deposit(who, amount, Precision::Exact)?;
		self.minted.subsume(minted);
		Ok(())
	}

	/// `validator`'s part, if it was elected in the era.
	fn part(&mut self, validator: &T::AccountId) -> Option<ValidatorPart<BalanceOf<T>>> {
		let (reward, points, era) = (self.reward, &self.points, self.era);
		*self.parts.entry(validator.clone()).or_insert_with(|| {
			let exposure = ErasStakersOverview::<T>::get(era, validator)?.total;
			let earned = points.individual.get(validator).copied().unwrap_or(0);
			let share = Perquintill::from_rational(u64::from(earned), u64::from(points.total));
			let total = part_of(share, reward);
			// A validator nobody backed, not even itself, takes its whole part.
			let commission = if exposure.is_zero() {
				total
			} else {
				ErasValidatorPrefs::<T>::get(era, validator).commission.mul_floor(total)
			};
			Some(ValidatorPart { commission, leftover: total.saturating_sub(commission), exposure })
		})
	}

	/// What `backing` earned `staker`: its stake's share of what the validator left after
	/// commission, and the commission itself for the validator's own page-0 backing.
	pub(crate) fn earned(
		&mut self,
		staker: &T::AccountId,
		backing: &UnpaidBacking<T::AccountId, BalanceOf<T>>,
	) -> BalanceOf<T> {
		let Some(part) = self.part(&backing.validator) else { return Zero::zero() };
		let share = Perquintill::from_rational(
			backing.value.saturated_into::<u128>(),
			part.exposure.saturated_into::<u128>(),
		);
		let stake_reward = part_of(share, part.leftover);
		if *staker == backing.validator && backing.page == 0 {
			stake_reward.saturating_add(part.commission)
		} else {
			stake_reward
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Ends `era`'s rewards when the next era starts: sets its payout from the inflation
	/// curve and the era's length, sends the remainder to `RewardRemainder`, and queues the
	/// era for the automatic payout.
	pub(crate) fn end_era_rewards(era: EraIndex, started_at: Option<u64>) {
		let now = T::UnixTime::now().as_millis().saturated_into::<u64>();
		let length = started_at.map_or(0, |start| now.saturating_sub(start));
		let staked = ErasTotalStake::<T>::get(era);
		let issuance = T::Currency::total_issuance();
		let (mut validator_payout, mut remainder) =
			T::Inflation::get().era_payout(staked, issuance, length);
		// Without points (no block authored), nobody earned a share.
		if ErasRewardPoints::<T>::get(era).total == 0 {
			remainder.saturating_accrue(validator_payout);
			validator_payout = Zero::zero();
		}
		ErasValidatorReward::<T>::insert(era, validator_payout);
		if !remainder.is_zero() {
			T::RewardRemainder::on_unbalanced(T::Currency::issue(remainder));
		}
		if !validator_payout.is_zero() {
			let start =
				frame_system::Pallet::<T>::block_number().saturating_add(T::AutoPayoutDelay::get());
			if UnpaidEras::<T>::try_append((era, start)).is_err() {
				Self::unexpected(UnexpectedKind::EraListFull);
			}
		}
		Self::deposit_event(Event::<T>::EraPaid { era_index: era, validator_payout, remainder });
	}

	/// Adds `backings` to what `staker` is owed rewards for in `era`.
	pub(crate) fn add_unpaid_backings(
		era: EraIndex,
		staker: &T::AccountId,
		backings: UnpaidBackings<T>,
	) {
		ErasUnpaidBackings::<T>::mutate(era, staker, |unpaid| {
			let unpaid = unpaid.get_or_insert_with(Default::default);
			for backing in backings {
				// A validator's own stake may come in a later election page than its
				// commission's backing: they merge.
				let same = |b: &&mut UnpaidBacking<_, _>| {
					b.validator == backing.validator && b.page == backing.page
				};
				if let Some(existing) = unpaid.iter_mut().find(same) {
					existing.value.saturating_accrue(backing.value);
				} else if unpaid.try_push(backing).is_err() {
					Self::unexpected(UnexpectedKind::NominationsOverflow);
				}
			}
		});
	}

	/// Whether `era`'s rewards can be paid: always for an era paid from its exposure pages;
	/// for an older era, once every staker it exposed has been recorded with what it backed.
	pub(crate) fn rewards_ready(era: EraIndex) -> bool {
		era >= PagedPayoutsFrom::<T>::get() || Self::exposures_recorded(era)
	}

	/// Whether every staker `era` exposed has been recorded.
	pub(crate) fn exposures_recorded(era: EraIndex) -> bool {
		ExposuresToRecord::<T>::peek_first(&ExposuresToRecord::<T>::ends())
			.is_none_or(|(first, _)| first > era)
	}

	/// Pays page `page` of `validator`'s exposure in `era` (the first unclaimed page if
	/// `None`): every staker on it, and for page 0 the validator's own stake and commission.
	/// Returns the number of stakers paid.
	pub(crate) fn do_payout_stakers_by_page(
		validator: T::AccountId,
		era: EraIndex,
		page: Option<Page>,
	) -> Result<u32, DispatchError> {
		let active = Self::active_era().unwrap_or(0);
		let oldest = active.saturating_sub(T::HistoryDepth::get());
		ensure!(era < active && era >= oldest, Error::<T>::InvalidEraToReward);
		let mut payout = EraPayout::<T>::load(era).ok_or(Error::<T>::InvalidEraToReward)?;
		ensure!(Self::rewards_ready(era), Error::<T>::RewardsNotReady);
		let pages = Self::reward_pages(era, &validator).ok_or(Error::<T>::InvalidPage)?;

		let (page, next) = ClaimedRewards::<T>::try_mutate(era, &validator, |claimed| {
			let page = match page {
				Some(page) => {
					ensure!(page < pages, Error::<T>::InvalidPage);
					ensure!(!claimed.contains(&page), Error::<T>::AlreadyClaimed);
					page
				},
				None => first_unclaimed(pages, claimed).ok_or(Error::<T>::AlreadyClaimed)?,
			};
			if claimed.try_push(page).is_err() {
				Self::unexpected(UnexpectedKind::ExposureOverBound);
			}
			Ok::<_, DispatchError>((page, first_unclaimed(pages, claimed)))
		})?;
		if next.is_none() {
			Self::note_rewards_claimed(era, &validator);
		}
		Self::deposit_event(Event::<T>::PayoutStarted {
			era_index: era,
			validator_stash: validator.clone(),
			page,
			next,
		});

		let mut paid = 0u32;
		for (staker, stake) in Self::stakers_on_page(era, &validator, page) {
			if Self::pay_backing(&mut payout, &validator, page, &staker, stake) {
				paid.saturating_inc();
			}
		}
		payout.settle();
		Ok(paid)
	}

	/// The stakers on page `page` of `validator`'s exposure in `era`, each with its stake, in
	/// the order the automatic payout pays them: on page 0 the validator itself first (its own
	/// stake, and its commission), then the nominators in their order on the page.
	pub(crate) fn stakers_on_page(
		era: EraIndex,
		validator: &T::AccountId,
		page: Page,
	) -> Vec<(T::AccountId, BalanceOf<T>)> {
		let own = (page == 0).then(|| {
			let own = ErasStakersOverview::<T>::get(era, validator).map_or(Zero::zero(), |o| o.own);
			(validator.clone(), own)
		});
		let nominators = ErasStakersPaged::<T>::get((era, validator, page))
			.map(|exposure| exposure.0.others)
			.unwrap_or_default()
			.into_iter()
			.map(|exposure| (exposure.who, exposure.value));
		own.into_iter().chain(nominators).collect()
	}

	/// Pays `staker` for backing `validator` with `stake` on `page` of the payout's era, if it
	/// is still owed: always for an era paid from its pages (the page was just claimed); for an
	/// older era, if [`ErasUnpaidBackings`] still holds the backing (which it gives up).
	/// Returns whether it was owed.
	pub(crate) fn pay_backing(
		payout: &mut EraPayout<T>,
		validator: &T::AccountId,
		page: Page,
		staker: &T::AccountId,
		stake: BalanceOf<T>,
	) -> bool {
		let backing = if payout.paged {
			UnpaidBacking { validator: validator.clone(), page, value: stake }
		} else {
			match Self::take_unpaid_backing(payout.era, staker, validator, page) {
				Some(backing) => backing,
				None => return false,
			}
		};
		let amount = payout.earned(staker, &backing);
		Self::pay_reward(payout, staker, amount);
		true
	}

	/// Every backing `era` still owes rewards for, with its staker: for an era paid from its
	/// pages, every staker on a page not claimed yet, and those on the page the automatic
	/// payout is part-way through from its cursor on; for an older era, what
	/// [`ErasUnpaidBackings`] holds. Reads every exposure of the era: for checks and queries,
	/// not for blocks.
	pub(crate) fn owed_backings(era: EraIndex) -> Vec<StakeInPage<T>> {
		if era < PagedPayoutsFrom::<T>::get() {
			return ErasUnpaidBackings::<T>::iter_prefix(era)
				.flat_map(|(staker, backings)| {
					backings.into_iter().map(move |backing| (staker.clone(), backing))
				})
				.collect();
		}
		let paying = UnpaidEras::<T>::get().first().map(|(first, _)| *first) == Some(era);
		let cursor = AutoPayout::<T>::get().filter(|_| paying);
		let mut owed = Vec::new();
		for validator in ErasStakersOverview::<T>::iter_key_prefix(era) {
			let claimed = ClaimedRewards::<T>::get(era, &validator);
			for page in 0..Self::reward_pages(era, &validator).unwrap_or(0) {
				let from = match &cursor {
					Some(at) if at.validator == validator && at.page == page => at.next,
					_ if claimed.contains(&page) => continue,
					_ => 0,
				};
				let stakers = Self::stakers_on_page(era, &validator, page);
				owed.extend(stakers.into_iter().skip(from as usize).map(|(staker, value)| {
					(staker, UnpaidBacking { validator: validator.clone(), page, value })
				}));
			}
		}
		owed
	}

	/// The first page of `validator`'s exposure in `era` whose rewards were not claimed.
	pub(crate) fn next_unclaimed_page(era: EraIndex, validator: &T::AccountId) -> Option<Page> {
		let pages = Self::reward_pages(era, validator)?;
		first_unclaimed(pages, &ClaimedRewards::<T>::get(era, validator))
	}

	/// How many pages of rewards `validator` has in `era`: one per exposure page, and one for
	/// a validator backed only by itself. `None` if it was not elected.
	pub fn reward_pages(era: EraIndex, validator: &T::AccountId) -> Option<Page> {
		ErasStakersOverview::<T>::get(era, validator).map(|overview| overview.page_count.max(1))
	}

	/// Removes `staker`'s unpaid backing of `validator` in `page` of `era`, if it has one.
	fn take_unpaid_backing(
		era: EraIndex,
		staker: &T::AccountId,
		validator: &T::AccountId,
		page: Page,
	) -> Option<UnpaidBacking<T::AccountId, BalanceOf<T>>> {
		ErasUnpaidBackings::<T>::mutate_exists(era, staker, |unpaid| {
			let backings = unpaid.as_mut()?;
			let index =
				backings.iter().position(|b| b.validator == *validator && b.page == page)?;
			let backing = backings.remove(index);
			if backings.is_empty() {
				*unpaid = None;
			}
			Some(backing)
		})
	}

	/// Pays automatically, as far as `meter` allows: the oldest ended era whose delay has
	/// passed, page by page of its exposures, then the next era.
	pub(crate) fn pay_out_eras(now: BlockNumberFor<T>, meter: &mut WeightMeter) {
		while let Some(&(era, start)) = UnpaidEras::<T>::get().first() {
			// The queue, the exposure queue and its first chunk, and the cursor.
			if now < start || meter.try_consume(T::DbWeight::get().reads(4)).is_err() {
				return;
			}
			if !Self::rewards_ready(era) || !Self::pay_pages(era, meter) {
				return;
			}
		}
	}

	/// Pays `era`'s exposure pages from the cursor on, as far as `meter` allows: each page is
	/// claimed when its payout starts (a page claimed by
	/// [`payout_stakers_by_page`](crate::Call::payout_stakers_by_page) is skipped), then its
	/// stakers are paid one at a time. Returns whether the era is done.
	fn pay_pages(era: EraIndex, meter: &mut WeightMeter) -> bool {
		// The era's reward, reward points and `PagedPayoutsFrom`; what it has paid, the total
		// issuance, the cursor and (once the era is done) the queue, each written once; and a
		// lookup of the next page: its validator's page count, or the next validator.
		let lookup = T::DbWeight::get().reads(2);
		let era_payout = T::DbWeight::get().reads_writes(5, 4);
		if meter.try_consume(era_payout.saturating_add(lookup)).is_err() {
			return false;
		}
		let Some(mut payout) = EraPayout::<T>::load(era) else {
			Self::unexpected(UnexpectedKind::EraRewardMissing);
			Self::finish_era_payout(era);
			return true;
		};
		let mut cursor = match AutoPayout::<T>::get() {
			Some(cursor) => Some(cursor),
			None => Self::first_page(era, None),
		};
		let done = loop {
			let Some(at) = cursor else { break true };
			let paid_to = Self::pay_page(&mut payout, &at, meter);
			let page_done = match paid_to {
				PagePaid::Done { stakers } => stakers,
				PagePaid::Stopped { next } => {
					cursor = Some(PayoutCursor { next, ..at });
					break false;
				},
			};
			if meter.try_consume(lookup).is_err() {
				// The page is done; the next is looked up next block.
				cursor = Some(PayoutCursor { next: page_done, ..at });
				break false;
			}
			cursor = Self::page_after(era, &at);
		};
		payout.settle();
		if done {
			Self::finish_era_payout(era);
		} else {
			AutoPayout::<T>::set(cursor);
		}
		done
	}

	/// The first page of the first validator of `era` after `after` (from the first if
	/// `None`), as a cursor; `None` if there is none. One read.
	fn first_page(era: EraIndex, after: Option<&T::AccountId>) -> Option<PayoutCursor<T>> {
		let validator = match after {
			Some(after) => ErasStakersOverview::<T>::iter_key_prefix_from(
				era,
				ErasStakersOverview::<T>::hashed_key_for(era, after),
			)
			.next(),
			None => ErasStakersOverview::<T>::iter_key_prefix(era).next(),
		}?;
		Some(PayoutCursor { validator, page: 0, next: 0 })
	}

	/// The page after `at`'s: the validator's next page, or the first of the next validator.
	/// At most two reads: the validator's page count, and the next validator.
	fn page_after(era: EraIndex, at: &PayoutCursor<T>) -> Option<PayoutCursor<T>> {
		let pages = Self::reward_pages(era, &at.validator).unwrap_or(0);
		match at.page.checked_add(1).filter(|page| *page < pages) {
			Some(page) => Some(PayoutCursor { validator: at.validator.clone(), page, next: 0 }),
			None => Self::first_page(era, Some(&at.validator)),
		}
	}

	/// Pays the stakers of the page at `at`, from its `next` on, as far as `meter` allows.
	/// Claims the page first if its payout starts here; a page claimed already (by
	/// [`payout_stakers_by_page`](crate::Call::payout_stakers_by_page)) is skipped.
	fn pay_page(
		payout: &mut EraPayout<T>,
		at: &PayoutCursor<T>,
		meter: &mut WeightMeter,
	) -> PagePaid {
		let per_staker = T::WeightInfo::pay_page_staker().saturating_add(if payout.paged {
			Weight::zero()
		} else {
			// The staker's version-2 record, read and given up.
			T::DbWeight::get().reads_writes(1, 1)
		});
		// A page is claimed only in a block that also pays its first staker: a page claimed
		// with none of its stakers paid would read, next block, as claimed by somebody else.
		let read = T::WeightInfo::read_payout_page();
		if !meter.can_consume(read.saturating_add(per_staker)) {
			return PagePaid::Stopped { next: at.next };
		}
		meter.consume(read);
		let Some(stakers) = Self::open_page(payout, at) else {
			return PagePaid::Done { stakers: 0 };
		};
		let count = stakers.len() as u32;
		for (index, (staker, stake)) in stakers.into_iter().enumerate().skip(at.next as usize) {
			if meter.try_consume(per_staker).is_err() {
				return PagePaid::Stopped { next: index as u32 };
			}
			Self::pay_backing(payout, &at.validator, at.page, &staker, stake);
		}
		PagePaid::Done { stakers: count }
	}

	/// What the automatic payout does once per page, whatever number of its stakers a block
	/// pays ([`WeightInfo::read_payout_page`]): claims the page if its payout starts here, reads
	/// its stakers, and works out its validator's part of the era's payout. `None` if the page
	/// is claimed already (by [`payout_stakers_by_page`](crate::Call::payout_stakers_by_page)).
	pub(crate) fn open_page(
		payout: &mut EraPayout<T>,
		at: &PayoutCursor<T>,
	) -> Option<Vec<(T::AccountId, BalanceOf<T>)>> {
		if at.next == 0 && !Self::claim_page(payout.era, &at.validator, at.page) {
			return None;
		}
		payout.part(&at.validator);
		Some(Self::stakers_on_page(payout.era, &at.validator, at.page))
	}

	/// Claims page `page` of `validator`'s rewards in `era` for the automatic payout, unless it
	/// is claimed already. Returns whether it was claimed here.
	fn claim_page(era: EraIndex, validator: &T::AccountId, page: Page) -> bool {
		let pages = Self::reward_pages(era, validator);
		let (claimed_here, all_claimed) = ClaimedRewards::<T>::mutate(era, validator, |claimed| {
			if claimed.contains(&page) {
				return (false, false);
			}
			if claimed.try_push(page).is_err() {
				Self::unexpected(UnexpectedKind::ExposureOverBound);
			}
			// A validator not elected in `era` has no pages to have claimed all of.
			(true, pages.is_some_and(|pages| first_unclaimed(pages, claimed).is_none()))
		});
		if all_claimed {
			Self::note_rewards_claimed(era, validator);
		}
		claimed_here
	}

	/// Every page of `validator`'s rewards in `era` is claimed: its ledger says so too, for
	/// the clients that read `pallet-staking`'s `legacy_claimed_rewards`. Nothing if it is no
	/// longer bonded.
	pub(crate) fn note_rewards_claimed(era: EraIndex, validator: &T::AccountId) {
		let Some(mut ledger) = StakingLedger::<T>::get(validator) else { return };
		let oldest = Self::active_era().unwrap_or(0).saturating_sub(T::HistoryDepth::get());
		ledger.note_rewards_claimed(era, oldest);
		crate::Ledger::<T>::insert(validator, ledger);
	}

	/// `era` is paid: it leaves the queue.
	fn finish_era_payout(era: EraIndex) {
		UnpaidEras::<T>::mutate(|eras| eras.retain(|(unpaid, _)| *unpaid != era));
		AutoPayout::<T>::kill();
		Self::deposit_event(Event::<T>::EraRewardsPaid { era });
	}

	/// Whether `era`'s automatic payout is still to be done.
	pub(crate) fn is_unpaid(era: EraIndex) -> bool {
		UnpaidEras::<T>::get().iter().any(|(unpaid, _)| *unpaid == era)
	}

	/// Pays `amount` of the payout's era to `stash` as its payee says, and counts it as paid.
	/// `Staked` adds it to the bond (the voter-list score catches up later); a staker that left
	/// staking since is paid into its account if the account still exists. Nothing is paid to
	/// `None`, to a staker gone with its account (a dissolved pool's keyless account, which
	/// nobody could spend), or when the amount cannot be credited (below the existential deposit
	/// of an empty account): it is forfeited.
	fn pay_reward(payout: &mut EraPayout<T>, stash: &T::AccountId, amount: BalanceOf<T>) {
		if amount.is_zero() {
			return;
		}
		payout.paid.saturating_accrue(amount);
		let dest = match Payee::<T>::get(stash) {
			Some(dest) => dest,
			None if frame_system::Pallet::<T>::account_exists(stash) => RewardDestination::Stash,
			None => return,
		};
		let paid = match &dest {
			RewardDestination::Staked => Self::pay_staked(payout, stash, amount),
			RewardDestination::Stash => payout.credit(stash, amount),
			RewardDestination::Account(account) => payout.credit(account, amount),
			RewardDestination::None => return,
		};
		match paid {
			Ok(()) => {
				Self::deposit_event(Event::<T>::Rewarded { stash: stash.clone(), dest, amount })
			},
			Err(error) => log::warn!(
				target: LOG_TARGET,
				"era {} reward of {amount:?} to {stash:?} forfeited: {error:?}",
				payout.era
			),
		}
	}

	/// Credits `amount` to `stash` and bonds it, or leaves it free if `stash` left staking.
	fn pay_staked(
		payout: &mut EraPayout<T>,
		stash: &T::AccountId,
		amount: BalanceOf<T>,
	) -> DispatchResult {
		payout.credit(stash, amount)?;
		let Some(mut ledger) = StakingLedger::<T>::get(stash) else { return Ok(()) };
		ledger.active.saturating_accrue(amount);
		ledger.total.saturating_accrue(amount);
		// The voter list catches up with the larger bond by its own rebagging.
		if let Err(error) = ledger.update_leaving_voter_list() {
			Self::unexpected_error(UnexpectedKind::LedgerWriteFailed, error);
		}
		Ok(())
	}
}

/// How far [`Pallet::pay_page`] got on a page.
enum PagePaid {
	/// Every staker on the page (`stakers` of them) is paid.
	Done { stakers: u32 },
	/// Out of weight before the staker at `next`.
	Stopped { next: u32 },
}

/// The lowest of pages `0..pages` that is not in `claimed`.
fn first_unclaimed(pages: Page, claimed: &[Page]) -> Option<Page> {
	(0..pages).find(|page| !claimed.contains(page))
}
