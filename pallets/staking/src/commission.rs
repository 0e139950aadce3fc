//! Commission protections: a ceiling, a largest step, and notice before any increase.
//!
//! A validator's commission never exceeds [`MaxCommission`](crate::Config::MaxCommission). A
//! decrease applies at once. An increase is announced
//! ([`CommissionIncreaseAnnounced`](crate::Event::CommissionIncreaseAnnounced), and
//! [`crate::PendingCommission`] in storage): it raises the commission by at most
//! [`MaxCommissionIncrease`](crate::Config::MaxCommissionIncrease), and applies from the first era
//! whose election starts after [`CommissionIncreaseDelay`](crate::Config::CommissionIncreaseDelay)
//! full eras have passed since the announcement (see [`Pallet::first_era_after_notice`]), so that
//! nominators can leave before it does: no era whose election snapshot was taken during the notice
//! pays the new commission, however many blocks the election spans. Until then the validator keeps
//! its commission, and every era's payout uses the commission recorded when the era was elected. A
//! validator that stops validating keeps its commission as the base of its next
//! [`validate`](crate::Call::validate) ([`crate::ChilledCommission`]): chilling does not skip the
//! notice.

use crate::{
	ChilledCommission, Config, CurrentEra, Error, Event, Pallet, PendingCommission,
	PendingCommissionIncrease, ValidatorPrefs, Validators,
};
use frame_support::{ensure, traits::Get};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchError, Perbill,
};
use sp_staking::EraIndex;

impl<T: Config> Pallet<T> {
	/// Applies the preferences `stash` asks for, and returns those to store now: `prefs`
	/// itself for a new validator or a lower commission (dropping an announced increase); for a
	/// higher one, the current commission, with the increase announced
	/// ([`PendingCommission`], [`Event::CommissionIncreaseAnnounced`]).
	pub(crate) fn apply_requested_prefs(
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
		let effective_era = Self::first_era_after_notice();
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

	/// The first era an increase announced now may apply to: the first era whose election
	/// starts (and so takes its snapshot) after
	/// [`CommissionIncreaseDelay`](crate::Config::CommissionIncreaseDelay) full eras have passed.
	///
	/// The election of era `e + 1` starts during era `e`, and the snapshot is taken once it has
	/// started, in the same or later blocks. Announced in active era `a`, the full eras of
	/// notice are `a + 1 ..= a + delay`; they have passed when era `a + delay + 1` starts, and
	/// the first election that starts after that is era `a + delay + 2`'s. Without notice
	/// (`delay = 0`), it is the first era whose election has not started yet: `a + 1`, or
	/// `a + 2` while era `a + 1` is being elected.
	pub(crate) fn first_era_after_notice() -> EraIndex {
		let active = Self::active_era().unwrap_or(0);
		let delay = T::CommissionIncreaseDelay::get();
		if delay.is_zero() {
			// `CurrentEra` is the latest era whose election has started.
			CurrentEra::<T>::get().map_or(0, |latest| latest.max(active).saturating_add(1))
		} else {
			active.saturating_add(delay).saturating_add(2)
		}
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

	/// Applies `validator`'s announced commission increase if it is due by `era`, the era being
	/// elected, and returns its preferences for `era`. A validator elected but chilled since the
	/// election's snapshot keeps its commission ([`ChilledCommission`]), and stays chilled.
	pub(crate) fn apply_due_commission(era: EraIndex, validator: &T::AccountId) -> ValidatorPrefs {
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
