//! Era rewards: each era's payout, and paying it to every staker the era exposed.
//!
//! When an era ends, the inflation curve sets its payout ([`crate::ErasValidatorReward`]); the
//! remainder goes to `RewardRemainder`. A validator earns a share of the payout proportional
//! to its reward points, takes its commission from it, and the rest is split pro rata among
//! everyone in its exposure, its own stake included.
//!
//! What each staker backed in an era is recorded with the era's exposures
//! ([`crate::ErasUnpaidBackings`]). Rewards are paid from that record, in two ways that never
//! pay the same stake twice, because paying removes what was paid for from the record:
//! - **automatically**: `AutoPayoutDelay` blocks after an era ends, `on_initialize` pays its
//!   stakers one at a time within its share of each block, each staker once for everything it
//!   backed; then it marks every page as claimed in [`crate::ClaimedRewards`];
//! - **on request**: `payout_stakers_by_page` pays one page of a validator's exposure at once
//!   (as in `pallet-staking`), to whoever on it is still unpaid.
//!
//! An era's history is not removed while its automatic payout is pending, so no reward is
//! lost when `HistoryDepth` passes.

use crate::{
	inflation::part_of, weights::WeightInfo, AutoPayout, BalanceOf, ClaimedRewards, Config,
	EraRewardPoints, ErasRewardPaid, ErasRewardPoints, ErasStakersOverview, ErasStakersPaged,
	ErasTotalStake, ErasUnpaidBackings, ErasValidatorPrefs, ErasValidatorReward, Error, Event,
	Pallet, Payee, PayoutPhase, RewardDestination, StakingLedger, UnpaidBacking, UnpaidEras,
	UnrecordedExposureQueue, UnrecordedExposures, LOG_TARGET,
};
use alloc::{collections::btree_map::BTreeMap, vec::Vec};
use core::marker::PhantomData;
use frame_election_provider_support::ElectionProvider;
use frame_support::{
	defensive, ensure,
	traits::{
		fungible::{Balanced, Inspect, Mutate},
		Get, OnUnbalanced, UnixTime,
	},
	weights::WeightMeter,
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError, Perquintill, SaturatedConversion,
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

/// The bound of [`crate::UnpaidEras`]: eras older than `HistoryDepth` cannot be pending.
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

/// One era's payout, with each validator's part worked out once.
pub(crate) struct EraPayout<T: Config> {
	reward: BalanceOf<T>,
	points: EraRewardPoints<T>,
	era: EraIndex,
	parts: BTreeMap<T::AccountId, Option<ValidatorPart<BalanceOf<T>>>>,
}

impl<T: Config> EraPayout<T> {
	/// `era`'s payout, if the era has ended and its reward is still stored.
	pub(crate) fn load(era: EraIndex) -> Option<Self> {
		let reward = ErasValidatorReward::<T>::get(era)?;
		Some(Self { reward, points: ErasRewardPoints::<T>::get(era), era, parts: BTreeMap::new() })
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
		Self { reward, points, era, parts: BTreeMap::new() }
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
				defensive!("more eras await their payout than HistoryDepth");
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
					defensive!("a staker backed more validators than MaxNominations in one era");
				}
			}
		});
	}

	/// Whether every staker `era` exposed has been recorded, so its rewards can be paid.
	pub(crate) fn exposures_recorded(era: EraIndex) -> bool {
		let queue = UnrecordedExposureQueue::<T>::get();
		queue.is_empty()
			|| UnrecordedExposures::<T>::get(queue.first).is_none_or(|(first, _)| first > era)
	}

	/// Pays page `page` of `validator`'s exposure in `era` (the first unclaimed page if
	/// `None`): every staker on it still unpaid for it, and for page 0 the validator's own stake
	/// and commission. Returns the number of stakers paid.
	pub(crate) fn do_payout_stakers_by_page(
		validator: T::AccountId,
		era: EraIndex,
		page: Option<Page>,
	) -> Result<u32, DispatchError> {
		let active = Self::active_era().unwrap_or(0);
		let oldest = active.saturating_sub(T::HistoryDepth::get());
		ensure!(era < active && era >= oldest, Error::<T>::InvalidEraToReward);
		let mut payout = EraPayout::<T>::load(era).ok_or(Error::<T>::InvalidEraToReward)?;
		ensure!(Self::exposures_recorded(era), Error::<T>::RewardsNotReady);
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
				defensive!("an exposure has more pages than ClaimedPagesBound");
			}
			Ok::<_, DispatchError>((page, first_unclaimed(pages, claimed)))
		})?;
		Self::deposit_event(Event::<T>::PayoutStarted {
			era_index: era,
			validator_stash: validator.clone(),
			page,
			next,
		});

		let nominators = ErasStakersPaged::<T>::get((era, &validator, page))
			.map(|exposure| exposure.0.others.into_iter().map(|e| e.who).collect::<Vec<_>>())
			.unwrap_or_default();
		let stakers = (page == 0).then(|| validator.clone()).into_iter().chain(nominators);
		let mut paid = 0u32;
		for staker in stakers {
			let Some(backing) = Self::take_unpaid_backing(era, &staker, &validator, page) else {
				continue;
			};
			let amount = payout.earned(&staker, &backing);
			Self::pay_reward(era, &staker, amount);
			paid.saturating_inc();
		}
		Ok(paid)
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

	/// Pays automatically, as far as `meter` allows: stakers of the oldest ended era whose
	/// delay has passed, one at a time, then marks its pages claimed, then the next era.
	pub(crate) fn pay_out_eras(now: BlockNumberFor<T>, meter: &mut WeightMeter) {
		while let Some(&(era, start)) = UnpaidEras::<T>::get().first() {
			// The queue, the exposure queue and its first chunk, and the payout's phase.
			if now < start || meter.try_consume(T::DbWeight::get().reads(4)).is_err() {
				return;
			}
			if !Self::exposures_recorded(era) {
				return;
			}
			let done = match AutoPayout::<T>::get() {
				PayoutPhase::Paying => Self::pay_stakers(era, meter),
				PayoutPhase::Marking { last } => Self::mark_claimed(era, last, meter),
			};
			if !done {
				return;
			}
		}
	}

	/// Pays `era`'s unpaid stakers as far as `meter` allows. Returns whether the era is done.
	fn pay_stakers(era: EraIndex, meter: &mut WeightMeter) -> bool {
		// The era's reward and reward points.
		if meter.try_consume(T::DbWeight::get().reads(2)).is_err() {
			return false;
		}
		let Some(mut payout) = EraPayout::<T>::load(era) else {
			defensive!("an era awaiting its payout has no reward");
			Self::finish_era_payout(era);
			return true;
		};
		let most = T::WeightInfo::pay_staker(T::MaxNominations::get());
		// One draining iterator for the whole block: a new one per staker would step again
		// over every entry already drained in this block, which stays in the block's overlay.
		let mut unpaid = ErasUnpaidBackings::<T>::drain_prefix(era);
		while meter.can_consume(most) {
			let Some((staker, backings)) = unpaid.next() else {
				AutoPayout::<T>::put(PayoutPhase::Marking { last: None });
				return Self::mark_claimed(era, None, meter);
			};
			Self::pay_staker(&mut payout, &staker, &backings);
			meter.consume(T::WeightInfo::pay_staker(backings.len() as u32));
		}
		false
	}

	/// Pays `staker` its reward for everything it backed in the payout's era (`backings`,
	/// already taken from [`ErasUnpaidBackings`]).
	pub(crate) fn pay_staker(
		payout: &mut EraPayout<T>,
		staker: &T::AccountId,
		backings: &UnpaidBackings<T>,
	) {
		let amount = backings.iter().fold(BalanceOf::<T>::zero(), |sum, backing| {
			sum.saturating_add(payout.earned(staker, backing))
		});
		Self::pay_reward(payout.era, staker, amount);
	}

	/// Marks every reward page of `era`'s validators after `last` as claimed, as far as
	/// `meter` allows. Returns whether the era is done.
	pub(crate) fn mark_claimed(
		era: EraIndex,
		last: Option<T::AccountId>,
		meter: &mut WeightMeter,
	) -> bool {
		let per_validator = T::WeightInfo::mark_rewards_claimed();
		let mut validators = match &last {
			Some(last) => ErasStakersOverview::<T>::iter_key_prefix_from(
				era,
				ErasStakersOverview::<T>::hashed_key_for(era, last),
			),
			None => ErasStakersOverview::<T>::iter_key_prefix(era),
		};
		let mut last = last;
		while meter.can_consume(per_validator) {
			let Some(validator) = validators.next() else {
				Self::finish_era_payout(era);
				return true;
			};
			let pages = Self::reward_pages(era, &validator).unwrap_or(0);
			ClaimedRewards::<T>::insert(era, &validator, all_pages::<T>(pages));
			meter.consume(per_validator);
			last = Some(validator);
		}
		AutoPayout::<T>::put(PayoutPhase::Marking { last });
		false
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

	/// Pays `amount` of `era`'s rewards to `stash` as its payee says, and counts it as paid.
	/// `Staked` adds it to the bond (the voter-list score follows); a staker that left staking
	/// since is paid into its account if the account still exists. Nothing is paid to `None`,
	/// to a staker gone with its account (a dissolved pool's keyless account, which nobody could
	/// spend), or when the amount cannot be minted (below the existential deposit of an empty
	/// account): it is forfeited.
	fn pay_reward(era: EraIndex, stash: &T::AccountId, amount: BalanceOf<T>) {
		if amount.is_zero() {
			return;
		}
		ErasRewardPaid::<T>::mutate(era, |paid| paid.saturating_accrue(amount));
		let dest = match Payee::<T>::get(stash) {
			Some(dest) => dest,
			None if frame_system::Pallet::<T>::account_exists(stash) => RewardDestination::Stash,
			None => return,
		};
		let paid = match &dest {
			RewardDestination::Staked => Self::pay_staked(stash, amount),
			RewardDestination::Stash => T::Currency::mint_into(stash, amount).map(|_| ()),
			RewardDestination::Account(account) => {
				T::Currency::mint_into(account, amount).map(|_| ())
			},
			RewardDestination::None => return,
		};
		match paid {
			Ok(()) => {
				Self::deposit_event(Event::<T>::Rewarded { stash: stash.clone(), dest, amount })
			},
			Err(error) => log::warn!(
				target: LOG_TARGET,
				"era {era} reward of {amount:?} to {stash:?} forfeited: {error:?}"
			),
		}
	}

	/// Mints `amount` into `stash` and bonds it, or leaves it free if `stash` left staking.
	fn pay_staked(stash: &T::AccountId, amount: BalanceOf<T>) -> Result<(), DispatchError> {
		T::Currency::mint_into(stash, amount)?;
		let Some(mut ledger) = StakingLedger::<T>::get(stash) else { return Ok(()) };
		ledger.active.saturating_accrue(amount);
		ledger.total.saturating_accrue(amount);
		if let Err(error) = ledger.update() {
			defensive!("a minted reward could not be bonded; it stays free", error);
		}
		Ok(())
	}
}

/// Pages `0..pages`, as many as the bound allows.
fn all_pages<T: Config>(pages: Page) -> BoundedVec<Page, crate::ClaimedPagesBound<T>> {
	BoundedVec::truncate_from((0..pages).collect())
}

/// The lowest of pages `0..pages` that is not in `claimed`.
fn first_unclaimed(pages: Page, claimed: &[Page]) -> Option<Page> {
	(0..pages).find(|page| !claimed.contains(page))
}
