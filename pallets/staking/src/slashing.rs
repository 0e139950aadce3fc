//! Slashes: working them out page by page, deferring them, cancelling them, applying them.
//!
//! A reported offence (see `offences.rs`) queues a [`SlashComputation`]. In the following
//! blocks `on_initialize` works it out one exposure page at a time, within its share of the
//! block: each page of the offender's exposure in the offence era becomes one
//! [`UnappliedSlash`] (its nominators, and on the first page the validator's own stake), added
//! to the list of slashes due in its era, `offence era + SlashDeferDuration` (see
//! `deferred_slashes.rs`: any number of them can wait), where Polkadot.js shows it and
//! governance may cancel it.
//!
//! Once its era is active, a slash is due: `on_initialize` applies the due slashes one entry
//! at a time (as many nominators as fit in the hook's share of the block: the rest of a larger
//! entry stays last, for the next step), last entry first, so that the indices
//! [`cancel_deferred_slash`](crate::Call::cancel_deferred_slash) takes stay valid while an era's
//! slashes are applied; anyone may push one further with [`apply_slash`](crate::Call::apply_slash).
//! Each staker loses the amount pro rata from its active bond and the funds it has unbonded
//! since the offence era (those were at stake then); never more than it has bonded.
//!
//! ## Reporters never profit from an offence
//!
//! The reporters of an offence share [`Config::SlashRewardFraction`] of what is slashed of the
//! **offender's own stake**, never of its nominators' stake; the rest of the slash goes to
//! [`Config::Slash`]. The offender is never one of its own reporters: for BABE and GRANDPA
//! equivocations the reporter is the author of the block that includes the unsigned report,
//! and a report that the offender's own block includes pays nobody. So whoever reports, the
//! offender and any reporter colluding with it lose at least `(1 - SlashRewardFraction)` of the
//! offender's own slash, plus their nominations' slashes: nobody ends richer than before the
//! offence. (Paying a share of the *whole* slash would let a validator backed by nominators
//! with more than `1 / SlashRewardFraction - 1` times its own stake, e.g. 9 times at 10 %, earn
//! more by reporting itself, or by a friend's block, than it loses.)
//!
//! ## Who waits
//!
//! A staker that a pending slash may take from cannot withdraw until the slash is applied (see
//! [`Pallet::must_wait_for_slashes`]), so its unbonded stake cannot escape; everyone else
//! withdraws as usual.

use crate::{
	offences::slash_between,
	stored_queue::{SlashesToCompute, StoredQueue},
	weights::WeightInfo,
	BalanceOf, Config, ErasStakersOverview, ErasStakersPaged, Error, Event, HoldReason,
	ListenerWeights, NominatorSlashInEra, Pallet, SlashComputation, StakingLedger, UnappliedSlash,
	UnappliedSlashEras, UnexpectedKind, ValidatorSlashInEra,
};
use alloc::vec::Vec;
use core::marker::PhantomData;
use frame_support::{
	ensure,
	traits::{
		fungible::{Balanced, BalancedHold, Credit},
		tokens::imbalance::Imbalance,
		Get, OnUnbalanced,
	},
	weights::{Weight, WeightMeter},
	BoundedVec,
};
use sp_runtime::{
	traits::{CheckedDiv, Saturating, Zero},
	DispatchError, DispatchResult, SaturatedConversion,
};
use sp_staking::{EraIndex, OnStakingUpdate};

/// The bound of [`UnappliedSlashEras`]: slashes are due in eras from the oldest bonded
/// offence era to [`SlashDeferDuration`](crate::Config::SlashDeferDuration) eras after the active
/// one.
pub struct SlashErasBound<T>(PhantomData<T>);

impl<T: Config> Get<u32> for SlashErasBound<T> {
	fn get() -> u32 {
		T::BondingDuration::get()
			.saturating_add(T::SlashDeferDuration::get())
			.saturating_add(1)
	}
}

type CreditOf<T> = Credit<<T as frame_system::Config>::AccountId, <T as Config>::Currency>;

impl<T: Config> Pallet<T> {
	/// The most one step of slashing work can weigh: working out a full page and deferring it.
	pub(crate) fn max_slash_step() -> Weight {
		T::WeightInfo::compute_slash_page(T::MaxExposurePageSize::get())
	}

	/// Applying one slash entry of `nominators` nominators, as the benchmark measures it (in an
	/// era full of slashes), the listeners told of each slashed staker (the offender too), and
	/// the era's removal from [`UnappliedSlashEras`] if it was the last.
	pub(crate) fn apply_slash_step(nominators: u32) -> Weight {
		let slashed = u64::from(nominators).saturating_add(1);
		T::WeightInfo::apply_slash_page(nominators)
			.saturating_add(T::ListenerWeights::on_slash().saturating_mul(slashed))
			.saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}

	/// Works out queued slashes, then applies due ones, as far as `meter` allows.
	pub(crate) fn process_slashes(meter: &mut WeightMeter) {
		// The two queues.
		if meter.try_consume(T::DbWeight::get().reads(2)).is_err() {
			return;
		}
		let most = Self::max_slash_step();
		let mut queue = SlashesToCompute::<T>::ends();
		while meter.can_consume(most) {
			let Some(mut computation) = SlashesToCompute::<T>::first(&mut queue, meter) else {
				break;
			};
			let (weight, done) = Self::compute_slash_page(&mut computation);
			meter.consume(weight);
			if done {
				SlashesToCompute::<T>::remove_first(&mut queue);
			} else {
				SlashesToCompute::<T>::replace_first(&queue, computation);
			}
		}
		SlashesToCompute::<T>::put_ends(queue);
		if !queue.is_empty() {
			return;
		}
		let chunk = Self::slash_apply_chunk();
		let most = Self::apply_slash_step(chunk);
		while meter.can_consume(most) {
			let Some(era) = Self::earliest_due_slash_era() else { return };
			let applied = Self::apply_last_slash(era, chunk).unwrap_or(0);
			meter.consume(Self::apply_slash_step(applied));
		}
	}

	/// The most nominators `on_initialize` slashes in one step: a whole exposure page if it
	/// fits in the hook's share of a block, else the largest half, quarter, … of one that does.
	/// Each slashed nominator costs a few storage writes (its ledger, its hold, its voter-list
	/// score), so a full page of 512 may not fit; a larger entry is applied over several steps.
	pub(crate) fn slash_apply_chunk() -> u32 {
		let limit = Self::hook_weight_limit();
		let mut chunk = T::MaxExposurePageSize::get().max(1);
		while chunk > 1 && !Self::apply_slash_step(chunk).all_lte(limit) {
			chunk = chunk.div_ceil(2);
		}
		chunk
	}

	/// Works out the slash of the next page of `computation`'s exposure and defers it.
	/// Returns the weight used and whether every page is done.
	pub(crate) fn compute_slash_page(computation: &mut SlashComputation<T>) -> (Weight, bool) {
		let SlashComputation { validator, offence_era, fraction, prior, .. } = computation.clone();
		let Some(exposure) = ErasStakersOverview::<T>::get(offence_era, &validator) else {
			Self::unexpected(UnexpectedKind::OffenderExposureMissing);
			return (T::WeightInfo::compute_slash_page(0), true);
		};
		let page = computation.next_page;
		let own =
			if page == 0 { slash_between(prior, fraction, exposure.own) } else { Zero::zero() };
		let mut others = BoundedVec::new();
		let nominators = ErasStakersPaged::<T>::get((offence_era, &validator, page))
			.map(|page| page.0.others)
			.unwrap_or_default();
		let counted = nominators.len() as u32;
		for nominator in nominators {
			let amount = slash_between(prior, fraction, nominator.value);
			if amount.is_zero() {
				continue;
			}
			if others.try_push((nominator.who, amount)).is_err() {
				Self::unexpected(UnexpectedKind::ExposureOverBound);
			}
		}
		computation.next_page.saturating_inc();
		let done = computation.next_page >= exposure.page_count.max(1);

		let weight = T::WeightInfo::compute_slash_page(counted);
		if own.is_zero() && others.is_empty() {
			return (weight, done);
		}
		let reporters = computation.reporters.clone();
		let payout = Self::reporters_share(&reporters, own);
		let due_era = offence_era.saturating_add(T::SlashDeferDuration::get());
		Self::push_deferred_slash(
			due_era,
			UnappliedSlash { validator, own, others, reporters, payout },
		);
		(weight, done)
	}

	/// What `reporters` of an offence are paid when `own` of the offender's own stake is
	/// slashed: [`Config::SlashRewardFraction`] of it (rounded down), nothing without reporters.
	/// Never a share of its nominators' slashes (see the module docs).
	pub(crate) fn reporters_share(reporters: &[T::AccountId], own: BalanceOf<T>) -> BalanceOf<T> {
		if reporters.is_empty() {
			return Zero::zero();
		}
		T::SlashRewardFraction::get().mul_floor(own)
	}

	/// The earliest era with slashes that are due now (its era is active or past).
	pub(crate) fn earliest_due_slash_era() -> Option<EraIndex> {
		let active = Self::active_era()?;
		UnappliedSlashEras::<T>::get().first().copied().filter(|era| *era <= active)
	}

	/// Applies the last unapplied slash due in `due_era`, or its first `most` nominators (and the
	/// offender's own stake): the rest stays the last entry, to be applied next. Returns how
	/// many nominators it slashed, or `None` if `due_era` has none.
	pub(crate) fn apply_last_slash(due_era: EraIndex, most: u32) -> Option<u32> {
		let mut slash = Self::pop_deferred_slash(due_era)?;
		if slash.others.len() > most as usize {
			let mut others = core::mem::take(&mut slash.others).into_inner();
			let rest = others.split_off(most as usize);
			slash.others = BoundedVec::truncate_from(others);
			let rest = UnappliedSlash {
				validator: slash.validator.clone(),
				own: Zero::zero(),
				others: BoundedVec::truncate_from(rest),
				reporters: slash.reporters.clone(),
				payout: Zero::zero(),
			};
			Self::append_deferred_slash(due_era, rest);
		}
		let nominators = slash.others.len() as u32;
		Self::execute_slash(due_era.saturating_sub(T::SlashDeferDuration::get()), slash);
		Some(nominators)
	}

	/// Slashes each staker of `slash` for an offence in `offence_era`, pays the reporters
	/// their share of what was slashed of the offender's own stake, and sends the rest to
	/// [`Config::Slash`].
	fn execute_slash(offence_era: EraIndex, slash: UnappliedSlash<T>) {
		let UnappliedSlash { validator, own, others, reporters, payout } = slash;
		let mut slashed = CreditOf::<T>::zero();
		// The reporters' share, of what was actually taken of the offender's own stake.
		let mut reward = Zero::zero();
		if !own.is_zero() {
			let (taken, credit) = Self::slash_staker(&validator, own, offence_era);
			ValidatorSlashInEra::<T>::mutate(offence_era, &validator, |record| {
				if let Some((_, own)) = record {
					own.saturating_accrue(taken);
				}
			});
			// Of the funds actually taken here (none of a virtual staker's: its owner takes them).
			reward = Self::reporters_share(&reporters, credit.peek()).min(payout);
			slashed.subsume(credit);
		}
		for (nominator, amount) in others {
			let (taken, credit) = Self::slash_staker(&nominator, amount, offence_era);
			if !taken.is_zero() {
				NominatorSlashInEra::<T>::mutate(offence_era, &nominator, |record| {
					*record = Some(record.unwrap_or_default().saturating_add(taken));
				});
			}
			slashed.subsume(credit);
		}
		let count = BalanceOf::<T>::saturated_from(reporters.len());
		if let Some(each) = reward.checked_div(&count).filter(|each| !each.is_zero()) {
			for reporter in reporters {
				let (paid, rest) = slashed.split(each);
				slashed = rest;
				if let Err(unpaid) = T::Currency::resolve(&reporter, paid) {
					slashed.subsume(unpaid);
				}
			}
		}
		T::Slash::on_unbalanced(slashed);
	}

	/// Slashes up to `amount` of `staker`'s stake that was at stake in `offence_era`: its
	/// active bond and what it has unbonded since, pro rata (see [`StakingLedger::slash`]).
	/// Returns what was taken from its ledger and the funds taken with it: the same amount, or
	/// nothing for a virtual staker, whose owner takes the funds when
	/// [`Config::EventListeners`] hear of the slash (`on_slash`).
	fn slash_staker(
		staker: &T::AccountId,
		amount: BalanceOf<T>,
		offence_era: EraIndex,
	) -> (BalanceOf<T>, CreditOf<T>) {
		let Some(mut ledger) = StakingLedger::<T>::get(staker) else {
			// It left staking: nothing to take, and its mark may be stale now.
			Self::forget_slash_mark_if_done(staker);
			return (Zero::zero(), CreditOf::<T>::zero());
		};
		let unbonded_since = offence_era.saturating_add(T::BondingDuration::get());
		let slash = ledger.slash(amount, unbonded_since);
		if slash.taken.is_zero() {
			return (Zero::zero(), CreditOf::<T>::zero());
		}
		let credit = if Self::is_virtual(staker) {
			CreditOf::<T>::zero()
		} else {
			let (credit, missing) =
				T::Currency::slash(&HoldReason::Staking.into(), staker, slash.taken);
			if !missing.is_zero() {
				Self::unexpected(UnexpectedKind::HeldBelowLedger);
			}
			credit
		};
		if let Err(error) = ledger.update() {
			Self::unexpected_error(UnexpectedKind::LedgerWriteFailed, error);
		}
		T::EventListeners::on_slash(staker, ledger.active, &slash.unlocking, slash.taken);
		Self::deposit_event(Event::<T>::Slashed { staker: staker.clone(), amount: slash.taken });
		(slash.taken, credit)
	}

	/// Slashes `amount` of `staker`'s stake at once, as an applied slash for an offence in the
	/// current era does, and sends what it took to [`Config::Slash`]: for the benchmarks of
	/// pallets that stake through this one (a slashed pool).
	#[cfg(feature = "runtime-benchmarks")]
	pub fn slash_for_benchmarks(staker: &T::AccountId, amount: BalanceOf<T>) {
		let (_, credit) = Self::slash_staker(staker, amount, Self::current_era());
		T::Slash::on_unbalanced(credit);
	}

	/// Cancels the slashes at `indices` (ascending, distinct) of those due in `due_era` (see
	/// [`Call::cancel_deferred_slash`](crate::Call::cancel_deferred_slash)).
	pub(crate) fn do_cancel_deferred_slash(due_era: EraIndex, indices: Vec<u32>) -> DispatchResult {
		let offence_era = due_era.saturating_sub(T::SlashDeferDuration::get());
		for slash in Self::cancel_deferred_slashes(due_era, &indices)? {
			Self::deposit_event(Event::<T>::SlashCancelled {
				offence_era,
				validator: slash.validator,
			});
		}
		Ok(())
	}

	/// Applies the last unapplied slash due in `due_era` (see the
	/// [`apply_slash`](crate::Call::apply_slash) call). Returns how many nominators it slashed.
	pub(crate) fn do_apply_slash(due_era: EraIndex) -> Result<u32, DispatchError> {
		ensure!(!Self::unapplied_slash_count(due_era).is_zero(), Error::<T>::NoUnappliedSlash);
		ensure!(
			Self::active_era().is_some_and(|active| due_era <= active),
			Error::<T>::SlashNotDue
		);
		Self::apply_last_slash(due_era, T::MaxExposurePageSize::get())
			.ok_or_else(|| Error::<T>::NoUnappliedSlash.into())
	}
}
