//! Commission protections: a ceiling, a largest step, and notice before any increase.
//!
//! A validator's commission never exceeds `MaxCommission`. A decrease applies at once. An
//! increase is announced (`CommissionIncreaseAnnounced`, and [`crate::PendingCommission`] in
//! storage): it raises the commission by at most `MaxCommissionIncrease`, and applies from the
//! first era elected after `CommissionIncreaseDelay` full eras, so that nominators can leave
//! before it does. Until then the validator keeps its commission, and every era's payout uses
//! the commission recorded when the era was elected. A validator that stops validating keeps
//! its commission as the base of its next `validate` ([`crate::ChilledCommission`]): chilling
//! does not skip the notice.

use crate::{
	ChilledCommission, Config, CurrentEra, Error, Event, Pallet, PendingCommission,
	PendingCommissionIncrease, ValidatorPrefs, Validators,
};
use frame_support::{ensure, traits::Get};
use sp_runtime::{traits::Saturating, DispatchError, Perbill};
use sp_staking::EraIndex;

impl<T: Config> Pallet<T> {
	/// The preferences `stash` may store now, asking for `prefs`: `prefs` itself for a new
	/// validator or a lower commission; for a higher one, the current commission, with the
	/// increase announced.
	pub(crate) fn prefs_to_store(
		stash: &T::AccountId,
		prefs: ValidatorPrefs,
	) -> Result<ValidatorPrefs, DispatchError> {
		ensure!(prefs.commission <= T::MaxCommission::get(), Error::<T>::CommissionTooHigh);
		let next_era = CurrentEra::<T>::get().map_or(0, |era| era.saturating_add(1));
		let current = Self::commission_for(stash, next_era);
		let Some(current) = current.filter(|current| prefs.commission > *current) else {
			PendingCommission::<T>::remove(stash);
			return Ok(prefs);
		};
		ensure!(
			prefs.commission.saturating_sub(current) <= T::MaxCommissionIncrease::get(),
			Error::<T>::CommissionIncreaseTooLarge
		);
		let effective_era = Self::active_era()
			.unwrap_or(0)
			.saturating_add(T::CommissionIncreaseDelay::get())
			.saturating_add(1);
		PendingCommission::<T>::insert(
			stash,
			PendingCommissionIncrease { commission: prefs.commission, effective_era },
		);
		Self::deposit_event(Event::<T>::CommissionIncreaseAnnounced {
			stash: stash.clone(),
			commission: prefs.commission,
			effective_era,
		});
		Ok(ValidatorPrefs { commission: current, ..prefs })
	}

	/// The commission `stash` has for `era`, as a validator or a chilled one, with an
	/// announced increase that applies by then. `None` if it never validated (or left).
	fn commission_for(stash: &T::AccountId, era: EraIndex) -> Option<Perbill> {
		let current = Validators::<T>::try_get(stash)
			.map(|prefs| prefs.commission)
			.ok()
			.or_else(|| ChilledCommission::<T>::get(stash))?;
		Some(match PendingCommission::<T>::get(stash) {
			Some(pending) if pending.effective_era <= era => pending.commission,
			_ => current,
		})
	}

	/// `validator`'s preferences for `era`, the era being elected. An announced increase that
	/// applies by `era` takes effect now. A validator elected but chilled since the election's
	/// snapshot keeps its commission (`ChilledCommission`), and stays chilled.
	pub(crate) fn validator_prefs_for(era: EraIndex, validator: &T::AccountId) -> ValidatorPrefs {
		let candidate = Validators::<T>::try_get(validator).ok();
		let mut prefs = candidate.unwrap_or_else(|| ValidatorPrefs {
			commission: ChilledCommission::<T>::get(validator).unwrap_or_default(),
			blocked: false,
		});
		let due = PendingCommission::<T>::get(validator).filter(|p| p.effective_era <= era);
		if let Some(pending) = due {
			prefs.commission = pending.commission;
			PendingCommission::<T>::remove(validator);
			if candidate.is_some() {
				Validators::<T>::insert(validator, prefs);
				Self::deposit_event(Event::<T>::ValidatorPrefsSet {
					stash: validator.clone(),
					prefs,
				});
			} else {
				ChilledCommission::<T>::insert(validator, prefs.commission);
			}
		}
		prefs
	}
}
