//! Intents: validating, nominating, and chilling (by oneself, a validator's kick, or anyone
//! under the chill rules).

use crate::{
	ChillThreshold, ChilledCommission, Config, Error, Event, MaxNominatorsCount,
	MaxValidatorsCount, MinCommission, MinNominatorBond, MinValidatorBond, Nominations, Nominators,
	Pallet, Payee, PendingCommission, RewardDestination, StakingLedger, ValidatorPrefs, Validators,
};
use alloc::vec::Vec;
use frame_support::{ensure, traits::Get, BoundedVec};
use sp_runtime::DispatchResult;
use sp_staking::OnStakingUpdate;

impl<T: Config> Pallet<T> {
	/// Makes `stash` a validator candidate with `prefs` (see the
	/// [`validate`](crate::Call::validate) call).
	pub(crate) fn do_validate(stash: T::AccountId, prefs: ValidatorPrefs) -> DispatchResult {
		let ledger = StakingLedger::<T>::of_stash(&stash)?;
		// Its owner (delegated staking) only nominates: an offence of a validator whose funds
		// someone else holds could not be slashed here.
		ensure!(!Self::is_virtual(&stash), Error::<T>::VirtualStakerNotAllowed);
		ensure!(ledger.active >= MinValidatorBond::<T>::get(), Error::<T>::InsufficientBond);
		ensure!(prefs.commission >= MinCommission::<T>::get(), Error::<T>::CommissionTooLow);
		if !Validators::<T>::contains_key(&stash) {
			ensure!(
				!Self::is_full(Validators::<T>::count(), Some(Self::max_validator_candidates())),
				Error::<T>::TooManyValidators
			);
		}

		let prefs = Self::apply_requested_prefs(&stash, prefs)?;
		let was_validator = Validators::<T>::contains_key(&stash);
		if let Some(nominations) = Nominators::<T>::take(&stash) {
			T::EventListeners::on_nominator_remove(&stash, nominations.targets.into_inner());
		}
		ChilledCommission::<T>::remove(&stash);
		Validators::<T>::insert(&stash, prefs);
		Self::insert_voter(&stash, ledger.active);
		if was_validator {
			T::EventListeners::on_validator_update(&stash);
		} else {
			T::EventListeners::on_validator_add(&stash);
		}
		Self::deposit_event(Event::<T>::ValidatorPrefsSet { stash, prefs });
		Ok(())
	}

	/// The most validator candidates there may be:
	/// [`MaxValidatorsCount`], within the
	/// [`MaxValidatorCandidates`](crate::Config::MaxValidatorCandidates) constant.
	pub(crate) fn max_validator_candidates() -> u32 {
		let hard = T::MaxValidatorCandidates::get();
		MaxValidatorsCount::<T>::get().map_or(hard, |max| max.min(hard))
	}

	/// Makes `stash` nominate `targets` (see the [`nominate`](crate::Call::nominate) call).
	pub(crate) fn do_nominate(stash: T::AccountId, targets: Vec<T::AccountId>) -> DispatchResult {
		let ledger = StakingLedger::<T>::of_stash(&stash)?;
		ensure!(ledger.active >= MinNominatorBond::<T>::get(), Error::<T>::InsufficientBond);
		ensure!(!targets.is_empty(), Error::<T>::EmptyTargets);
		ensure!(targets.len() <= T::MaxNominations::get() as usize, Error::<T>::TooManyTargets);

		let previous = Nominators::<T>::get(&stash).map(|n| n.targets).unwrap_or_default();
		let mut distinct = Vec::with_capacity(targets.len());
		for target in targets {
			if distinct.contains(&target) {
				continue;
			}
			ensure!(target != stash, Error::<T>::BadTarget);
			let prefs = Validators::<T>::try_get(&target).map_err(|_| Error::<T>::BadTarget)?;
			ensure!(!prefs.blocked || previous.contains(&target), Error::<T>::BadTarget);
			distinct.push(target);
		}
		let targets: BoundedVec<_, T::MaxNominations> =
			distinct.try_into().map_err(|_| Error::<T>::TooManyTargets)?;

		if !Nominators::<T>::contains_key(&stash) {
			ensure!(
				!Self::is_full(Nominators::<T>::count(), MaxNominatorsCount::<T>::get()),
				Error::<T>::TooManyNominators
			);
		}

		Self::stop_validating(&stash);
		let was_nominator = Nominators::<T>::contains_key(&stash);
		let nominations = Nominations {
			targets: targets.clone(),
			submitted_in: Self::current_era(),
			suppressed: false,
		};
		Nominators::<T>::insert(&stash, nominations);
		Self::insert_voter(&stash, ledger.active);
		if was_nominator {
			T::EventListeners::on_nominator_update(&stash, previous.into_inner());
		} else {
			T::EventListeners::on_nominator_add(&stash);
		}
		Self::deposit_event(Event::<T>::Nominated { stash, targets: targets.into_inner() });
		Ok(())
	}

	/// Ends the bonded `stash`'s intent, if it has one (see the [`chill`](crate::Call::chill)
	/// call).
	pub(crate) fn do_chill(stash: &T::AccountId) -> DispatchResult {
		Self::ensure_bonded(stash)?;
		Self::chill_stash(stash);
		Ok(())
	}

	/// Sets where the bonded `stash`'s rewards are paid (see the
	/// [`set_payee`](crate::Call::set_payee) call).
	pub(crate) fn do_set_payee(
		stash: T::AccountId,
		payee: RewardDestination<T::AccountId>,
	) -> DispatchResult {
		Self::ensure_bonded(&stash)?;
		Self::ensure_payee_allowed(&stash, &payee)?;
		Payee::<T>::insert(&stash, payee.clone());
		Self::deposit_event(Event::<T>::PayeeSet { stash, payee });
		Ok(())
	}

	/// Ends `stash`'s intent to validate or nominate. Returns whether it had one.
	pub(crate) fn chill_stash(stash: &T::AccountId) -> bool {
		let was_validator = Self::stop_validating(stash);
		let nominations = Nominators::<T>::take(stash);
		let was_nominator = nominations.is_some();
		if let Some(nominations) = nominations {
			T::EventListeners::on_nominator_remove(stash, nominations.targets.into_inner());
		}
		let chilled = was_validator || was_nominator;
		if chilled {
			Self::note_possibly_elected(stash);
			Self::remove_voter(stash);
			Self::deposit_event(Event::<T>::Chilled { stash: stash.clone() });
		}
		chilled
	}

	/// Removes `stash` from the validator candidates, if it is one, keeping its commission as
	/// the base of its next [`validate`](crate::Call::validate) (so that leaving and coming back
	/// cannot skip the notice of an increase). Returns whether it was a candidate.
	fn stop_validating(stash: &T::AccountId) -> bool {
		let Ok(prefs) = Validators::<T>::try_get(stash) else { return false };
		Validators::<T>::remove(stash);
		ChilledCommission::<T>::insert(stash, prefs.commission);
		T::EventListeners::on_validator_remove(stash);
		true
	}

	/// Removes `validator` from `nominator`'s targets, if it is one of them.
	pub(crate) fn kick_nominator(validator: &T::AccountId, nominator: &T::AccountId) {
		let kicked = Nominators::<T>::mutate(nominator, |nominations| {
			let nominations = nominations.as_mut()?;
			let before = nominations.targets.clone();
			nominations.targets.retain(|target| target != validator);
			(nominations.targets.len() != before.len()).then_some(before)
		});
		if let Some(before) = kicked {
			T::EventListeners::on_nominator_update(nominator, before.into_inner());
			Self::deposit_event(Event::<T>::Kicked {
				nominator: nominator.clone(),
				stash: validator.clone(),
			});
		}
	}

	/// Chills `stash` on behalf of `caller` if the chill rules allow it.
	pub(crate) fn do_chill_other(caller: &T::AccountId, stash: &T::AccountId) -> DispatchResult {
		let ledger = StakingLedger::<T>::of_stash(stash)?;
		if caller != stash {
			let threshold = ChillThreshold::<T>::get().ok_or(Error::<T>::CannotChillOther)?;
			let (count, max, min_bond) = if Nominators::<T>::contains_key(stash) {
				(
					Nominators::<T>::count(),
					MaxNominatorsCount::<T>::get(),
					MinNominatorBond::<T>::get(),
				)
			} else if Validators::<T>::contains_key(stash) {
				(
					Validators::<T>::count(),
					Some(Self::max_validator_candidates()),
					MinValidatorBond::<T>::get(),
				)
			} else {
				return Err(Error::<T>::CannotChillOther.into());
			};
			let max = max.ok_or(Error::<T>::CannotChillOther)?;
			ensure!(count >= threshold.mul_ceil(max), Error::<T>::CannotChillOther);
			ensure!(ledger.active < min_bond, Error::<T>::CannotChillOther);
		}
		Self::chill_stash(stash);
		Ok(())
	}

	/// Raises `stash`'s commission to [`MinCommission`] if it is below it.
	pub(crate) fn do_force_apply_min_commission(stash: T::AccountId) -> DispatchResult {
		ensure!(Validators::<T>::contains_key(&stash), Error::<T>::NotValidator);
		let min = MinCommission::<T>::get();
		let mut prefs = Validators::<T>::get(&stash);
		if prefs.commission < min {
			prefs.commission = min;
			Validators::<T>::insert(&stash, prefs);
			// An announced increase the minimum reached already is moot.
			if PendingCommission::<T>::get(&stash).is_some_and(|p| p.commission <= min) {
				PendingCommission::<T>::remove(&stash);
			}
			Self::deposit_event(Event::<T>::ValidatorPrefsSet { stash, prefs });
		}
		Ok(())
	}

	/// Whether a set of `count` members has reached its optional maximum.
	fn is_full(count: u32, max: Option<u32>) -> bool {
		max.is_some_and(|max| count >= max)
	}
}
