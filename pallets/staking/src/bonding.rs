//! Bonding, unbonding, rebonding and withdrawing: the life of a staker's funds.

use crate::{
	BalanceOf, Bonded, ChilledCommission, Config, CurrentEra, ElectionPhase, Error, Event,
	HoldReason, LastExposedEra, Ledger, MinNominatorBond, MinValidatorBond, NextEraElection,
	Nominators, Pallet, Payee, PendingCommission, RewardDestination, StakerSlashDue, StakingLedger,
	Validators, VirtualStakers,
};
use frame_support::{
	ensure,
	traits::{
		fungible::{Inspect, MutateHold},
		tokens::{Fortitude, Precision, Preservation},
		Get,
	},
};
use sp_runtime::{
	traits::{CheckedAdd, Saturating, Zero},
	ArithmeticError, DispatchError, DispatchResult,
};
use sp_staking::{EraIndex, OnStakingUpdate};

/// How long funds being unbonded wait.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Unbonding {
	/// Until [`Pallet::unlock_era`]: at once for stake not exposed lately (instant exit).
	Earliest,
	/// [`BondingDuration`](crate::Config::BondingDuration) eras from the current era, as
	/// `sp_staking` callers expect.
	Full,
}

impl<T: Config> Pallet<T> {
	/// The era unbonding counts from: the planned or active era, 0 before the first one.
	pub fn current_era() -> EraIndex {
		CurrentEra::<T>::get().unwrap_or(0)
	}

	/// The free balance `who` can add to its bond: everything it can spare while staying
	/// alive. Frozen funds count, since holds and freezes overlap.
	pub fn stakeable_balance(who: &T::AccountId) -> BalanceOf<T> {
		T::Currency::reducible_balance(who, Preservation::Protect, Fortitude::Force)
	}

	/// The least active bond `stash` must keep in its current role.
	fn min_active_bond(stash: &T::AccountId) -> BalanceOf<T> {
		if Nominators::<T>::contains_key(stash) {
			MinNominatorBond::<T>::get()
		} else if Validators::<T>::contains_key(stash) {
			MinValidatorBond::<T>::get()
		} else {
			Zero::zero()
		}
	}

	/// Bonds `value` of `stash`'s free balance (capped at what it can spare).
	pub(crate) fn do_bond(
		stash: T::AccountId,
		value: BalanceOf<T>,
		payee: RewardDestination<T::AccountId>,
	) -> DispatchResult {
		ensure!(!Self::is_bonded(&stash), Error::<T>::AlreadyBonded);
		ensure!(!value.is_zero(), Error::<T>::ZeroAmount);
		let minimum = T::Currency::minimum_balance();
		ensure!(value >= minimum, Error::<T>::BelowExistentialDeposit);
		let value = value.min(Self::stakeable_balance(&stash));
		ensure!(value >= minimum, Error::<T>::NotEnoughFreeBalance);

		StakingLedger::<T>::new(stash.clone(), value).bond(payee)?;

		Self::deposit_event(Event::<T>::Bonded { stash, amount: value });
		Ok(())
	}

	/// Adds up to `max_additional` of `stash`'s free balance to its active bond and returns
	/// the amount added.
	pub(crate) fn do_bond_extra(
		stash: T::AccountId,
		max_additional: BalanceOf<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		let mut ledger = StakingLedger::<T>::of_stash(&stash)?;
		ensure!(!max_additional.is_zero(), Error::<T>::ZeroAmount);
		// A virtual staker's owner has already put the funds aside: it bonds what it is told.
		let extra = if Self::is_virtual(&stash) {
			max_additional
		} else {
			max_additional.min(Self::stakeable_balance(&stash))
		};
		ensure!(!extra.is_zero(), Error::<T>::NotEnoughFreeBalance);

		ledger.total = ledger.total.checked_add(&extra).ok_or(ArithmeticError::Overflow)?;
		ledger.active = ledger.active.checked_add(&extra).ok_or(ArithmeticError::Overflow)?;
		ledger.update()?;

		Self::deposit_event(Event::<T>::Bonded { stash, amount: extra });
		Ok(extra)
	}

	/// Starts unbonding `value` of `stash`'s active bond (see the [`unbond`](crate::Call::unbond)
	/// call). With `Unbonding::Full`, and always for a virtual staker, the funds unlock
	/// [`BondingDuration`](crate::Config::BondingDuration) eras after the current era, as
	/// `sp_staking::StakingInterface::unbond` promises; with `Unbonding::Earliest`, at
	/// [`Self::unlock_era`].
	pub(crate) fn do_unbond(
		stash: T::AccountId,
		value: BalanceOf<T>,
		unbonding: Unbonding,
	) -> DispatchResult {
		let mut ledger = StakingLedger::<T>::of_stash(&stash)?;
		ensure!(!value.is_zero(), Error::<T>::ZeroAmount);
		ensure!(value <= ledger.active, Error::<T>::InsufficientActiveBond);

		// Less than the existential deposit left active would be dust: unbond it too.
		let mut value = value;
		if ledger.active.saturating_sub(value) < T::Currency::minimum_balance() {
			value = ledger.active;
		}
		ensure!(
			ledger.active.saturating_sub(value) >= Self::min_active_bond(&stash),
			Error::<T>::InsufficientBond
		);

		let current_era = Self::current_era();
		let unlock_era = if unbonding == Unbonding::Full || Self::is_virtual(&stash) {
			current_era.saturating_add(T::BondingDuration::get())
		} else {
			Self::unlock_era(&stash, current_era)
		};
		let has_chunk_for_era = ledger.unlocking.iter().any(|chunk| chunk.era == unlock_era);
		let withdrawn = if ledger.unlocking.is_full() && !has_chunk_for_era {
			ensure!(!Self::must_wait_for_slashes(&stash), Error::<T>::SlashesPending);
			ledger.remove_unlocked(current_era)
		} else {
			Zero::zero()
		};
		ledger.add_unlocking(value, unlock_era)?;
		ledger.update()?;

		if !withdrawn.is_zero() {
			Self::deposit_event(Event::<T>::Withdrawn { stash: stash.clone(), amount: withdrawn });
			T::EventListeners::on_withdraw(&stash, withdrawn);
		}
		Self::deposit_event(Event::<T>::Unbonded { stash, amount: value });
		Ok(())
	}

	/// The era from which funds `stash` unbonds now can be withdrawn:
	/// [`BondingDuration`](crate::Config::BondingDuration) eras after the last era its stake was
	/// exposed in, and never before the current era. Stake that was not exposed in the last
	/// [`BondingDuration`](crate::Config::BondingDuration) eras (or never) can be withdrawn at
	/// once. Until the stakers the last election exposed are all recorded, the stake may be exposed
	/// without a record, and while an election is running a validator's or nominator's stake may
	/// already be in its snapshot: then the full bonding duration applies. A staker that stopped
	/// while the election runs is marked as exposed in the era being elected (see
	/// [`Self::note_possibly_elected`]); one that stopped before it started is in no snapshot, and
	/// keeps its instant exit.
	pub(crate) fn unlock_era(stash: &T::AccountId, current_era: EraIndex) -> EraIndex {
		let full = current_era.saturating_add(T::BondingDuration::get());
		if Self::has_unrecorded_exposures() || (Self::is_electing() && Self::is_voter(stash)) {
			return full;
		}
		match LastExposedEra::<T>::get(stash) {
			Some(exposed) => {
				exposed.saturating_add(T::BondingDuration::get()).clamp(current_era, full)
			},
			None => current_era,
		}
	}

	/// Marks `stash`, which stops validating or nominating, as exposed in the era being
	/// elected if an election is running: its snapshot may already hold the stake, and the
	/// stakers the election exposes are only recorded once it is done. If the staker was
	/// exposed, the election's record says the same; if it was not, the mark still keeps its
	/// unbonding at the full duration until [`BondingDuration`](crate::Config::BondingDuration)
	/// eras after that era (records never lower it).
	pub(crate) fn note_possibly_elected(stash: &T::AccountId) {
		if let ElectionPhase::Fetching { era, .. } = NextEraElection::<T>::get() {
			Self::note_exposed(stash, era);
		}
	}

	/// Notes `stash` as exposed in `era`, unless a later era is noted already: the mark only
	/// ever moves forward.
	pub(crate) fn note_exposed(stash: &T::AccountId, era: EraIndex) {
		LastExposedEra::<T>::mutate(stash, |last| {
			*last = Some(last.map_or(era, |last| last.max(era)));
		});
	}

	/// Releases `stash`'s matured unbonding chunks. Removes the staker when nothing stays
	/// bonded (or only dust below the existential deposit). Returns the amount released and
	/// whether the staker was removed. Refused while a slash that may take from `stash` is
	/// pending: its chunks may hold slashable stake (see [`Self::must_wait_for_slashes`]).
	/// [`Config::EventListeners`] hear of the release (`on_withdraw`), dust included.
	pub(crate) fn do_withdraw_unbonded(
		stash: &T::AccountId,
	) -> Result<(BalanceOf<T>, bool), DispatchError> {
		let mut ledger = StakingLedger::<T>::of_stash(stash)?;
		ensure!(!Self::must_wait_for_slashes(stash), Error::<T>::SlashesPending);
		// No slash that may name it is left: its mark, if any, is stale.
		StakerSlashDue::<T>::remove(stash);
		let mut withdrawn = ledger.remove_unlocked(Self::current_era());
		let remove = ledger.unlocking.is_empty() && ledger.active < T::Currency::minimum_balance();

		if remove {
			withdrawn = withdrawn.saturating_add(ledger.active);
		} else {
			ledger.update_leaving_voter_list()?;
		}
		if !withdrawn.is_zero() {
			Self::deposit_event(Event::<T>::Withdrawn { stash: stash.clone(), amount: withdrawn });
		}
		if remove {
			// Releases, and reports, what stays bonded: the withdrawn amount.
			Self::kill_stash(stash)?;
		} else if !withdrawn.is_zero() {
			T::EventListeners::on_withdraw(stash, withdrawn);
		}
		Ok((withdrawn, remove))
	}

	/// Moves up to `value` of `stash`'s unlocking funds back to active and returns the amount.
	pub(crate) fn do_rebond(
		stash: T::AccountId,
		value: BalanceOf<T>,
	) -> Result<BalanceOf<T>, DispatchError> {
		let mut ledger = StakingLedger::<T>::of_stash(&stash)?;
		ensure!(!value.is_zero(), Error::<T>::ZeroAmount);
		ensure!(!ledger.unlocking.is_empty(), Error::<T>::NoUnlockChunk);

		let rebonded = ledger.rebond(value);
		ensure!(
			ledger.active >= T::Currency::minimum_balance(),
			Error::<T>::BelowExistentialDeposit
		);
		ledger.update()?;

		Self::deposit_event(Event::<T>::Bonded { stash, amount: rebonded });
		Ok(rebonded)
	}

	/// Removes the bonded `stash` from staking at once (see the
	/// [`force_unstake`](crate::Call::force_unstake) call). Not a virtual staker: its owner (a
	/// nomination pool) would be left counting stake that is gone.
	pub(crate) fn do_force_unstake(stash: &T::AccountId) -> DispatchResult {
		Self::ensure_bonded(stash)?;
		ensure!(!Self::is_virtual(stash), Error::<T>::VirtualStakerNotAllowed);
		Self::kill_stash(stash)
	}

	/// Removes every trace of `stash` from staking and releases all of its held funds (a
	/// virtual staker's owner releases them: it hears of it through `on_withdraw`). Tells
	/// [`Config::EventListeners`] of the release and of the removal (`on_unstake`).
	pub(crate) fn kill_stash(stash: &T::AccountId) -> DispatchResult {
		Self::chill_stash(stash);
		let bonded = Ledger::<T>::get(stash).map(|ledger| ledger.total).unwrap_or_default();
		if VirtualStakers::<T>::take(stash).is_none() {
			T::Currency::release_all(&HoldReason::Staking.into(), stash, Precision::BestEffort)?;
		}
		Bonded::<T>::remove(stash);
		Ledger::<T>::remove(stash);
		Payee::<T>::remove(stash);
		LastExposedEra::<T>::remove(stash);
		// A staker removed while a slash naming it waits keeps its mark: should it bond again
		// before the slash is applied, the slash takes from its new bond (as it did from the
		// old), and it waits for it.
		Self::forget_slash_mark_if_done(stash);
		ChilledCommission::<T>::remove(stash);
		PendingCommission::<T>::remove(stash);
		if !bonded.is_zero() {
			T::EventListeners::on_withdraw(stash, bonded);
		}
		T::EventListeners::on_unstake(stash);
		Self::deposit_event(Event::<T>::StakerRemoved { stash: stash.clone() });
		Ok(())
	}
}
