//! Offences: how a reported offence becomes a slash.
//!
//! Offences arrive from `pallet-offences` (equivocations proven on chain by BABE and GRANDPA)
//! through [`OnOffenceHandler`], and from governance through
//! [`manual_slash`](crate::Call::manual_slash). Both take the same path,
//! [`Pallet::report_offence`]:
//! - the offence is dated by the era its session belonged to, the **offence era**: its
//!   exposures are what is slashed, and its slash is deferred from it, not from the report;
//! - an offence in the active era disables the validator for the rest of the era (the session
//!   pallet's disabling strategy decides), and every new slash chills it;
//! - within one era a validator is slashed by the highest fraction reported, not their sum: a
//!   report no higher than an earlier one adds nothing, a higher one adds the difference;
//! - the slash of each exposure page is then worked out in the following blocks (see
//!   `slashing.rs`).

use crate::{
	stored_queue::{SlashesToCompute, StoredQueue},
	types::SlashReporters,
	weights::WeightInfo,
	BondedEras, Config, ErasStakersOverview, Error, Event, Pallet, SessionInterface,
	SlashComputation, ValidatorSlashInEra, LOG_TARGET,
};
use frame_support::{ensure, traits::DefensiveSaturating, weights::Weight};
use sp_runtime::{traits::Zero, DispatchResult, Perbill};
use sp_staking::{
	offence::{OffenceDetails, OnOffenceHandler},
	EraIndex, SessionIndex,
};

impl<T: Config> Pallet<T> {
	/// The bonded era that session `session` belonged to. `None` for sessions of eras no
	/// longer bonded: their stake may have been withdrawn, so they are not slashed.
	pub(crate) fn bonded_era_of_session(session: SessionIndex) -> Option<EraIndex> {
		// Bonded eras are in ascending order: a session before the first one finds none.
		BondedEras::<T>::get()
			.iter()
			.rev()
			.find(|(_, start)| *start <= session)
			.map(|(era, _)| *era)
	}

	/// Reports that `validator` committed an offence in the bonded era `offence_era` for
	/// which `fraction` of its exposure is slashed, paying part of the slash to `reporters`.
	///
	/// Emits [`SlashReported`](crate::Event::SlashReported), and
	/// [`ValidatorDisabled`](crate::Event::ValidatorDisabled) and
	/// [`Chilled`](crate::Event::Chilled) as they happen. A validator that was not elected in
	/// `offence_era` is not slashed.
	pub(crate) fn report_offence(
		validator: &T::AccountId,
		offence_era: EraIndex,
		fraction: Perbill,
		reporters: SlashReporters<T>,
	) {
		Self::deposit_event(Event::<T>::SlashReported {
			validator: validator.clone(),
			fraction,
			offence_era,
		});
		if Self::active_era() == Some(offence_era)
			&& T::SessionInterface::disable(validator, fraction)
		{
			Self::deposit_event(Event::<T>::ValidatorDisabled { stash: validator.clone() });
		}
		let Some(exposure) = ErasStakersOverview::<T>::get(offence_era, validator) else {
			let era = offence_era;
			log::warn!(target: LOG_TARGET, "offender {validator:?} was not elected in era {era}");
			return;
		};
		let (prior, slashed_own) = ValidatorSlashInEra::<T>::get(offence_era, validator).unzip();
		let prior = prior.unwrap_or_default();
		if fraction <= prior || exposure.total.is_zero() {
			return;
		}
		ValidatorSlashInEra::<T>::insert(
			offence_era,
			validator,
			(fraction, slashed_own.unwrap_or_default()),
		);
		Self::chill_stash(validator);
		SlashesToCompute::<T>::push([SlashComputation {
			validator: validator.clone(),
			offence_era,
			fraction,
			prior,
			reporters,
			next_page: 0,
		}]);
	}

	/// The reporters of `offender`'s offence that its slash pays: each distinct reporter but
	/// the offender itself, at most [`crate::MAX_SLASH_REPORTERS`]. For BABE and GRANDPA
	/// equivocations the reporter is the author of the block that includes the report, so a
	/// report included by the offender's own block pays nobody.
	pub(crate) fn paid_reporters(
		offender: &T::AccountId,
		reporters: &[T::AccountId],
	) -> SlashReporters<T> {
		let mut paid = SlashReporters::<T>::new();
		for reporter in reporters {
			if reporter == offender || paid.contains(reporter) {
				continue;
			}
			if paid.try_push(reporter.clone()).is_err() {
				break;
			}
		}
		paid
	}

	/// Governance's slash of `validator` by `fraction` of its exposure in `offence_era` (see the
	/// [`manual_slash`](crate::Call::manual_slash) call).
	pub(crate) fn do_manual_slash(
		validator: T::AccountId,
		offence_era: EraIndex,
		fraction: Perbill,
	) -> DispatchResult {
		ensure!(!fraction.is_zero(), Error::<T>::ZeroSlashFraction);
		ensure!(
			BondedEras::<T>::get().iter().any(|(e, _)| *e == offence_era),
			Error::<T>::EraNotSlashable
		);
		ensure!(
			ErasStakersOverview::<T>::contains_key(offence_era, &validator),
			Error::<T>::NotElected
		);
		Self::report_offence(&validator, offence_era, fraction, SlashReporters::<T>::new());
		Ok(())
	}
}

/// What slashing `stake` by `fraction` adds to an earlier slash of it by `prior`.
pub(crate) fn slash_between<Balance>(prior: Perbill, fraction: Perbill, stake: Balance) -> Balance
where
	Balance: sp_runtime::traits::AtLeast32BitUnsigned + Copy,
{
	fraction.mul_floor(stake).defensive_saturating_sub(prior.mul_floor(stake))
}

/// Offences proven on chain, from `pallet-offences`. The offender is identified by
/// `pallet_session::historical`'s identification of a validator: its account and `()`.
impl<T> OnOffenceHandler<T::AccountId, pallet_session::historical::IdentificationTuple<T>, Weight>
	for Pallet<T>
where
	T: Config
		+ pallet_session::Config<ValidatorId = <T as frame_system::Config>::AccountId>
		+ pallet_session::historical::Config,
{
	fn on_offence(
		offenders: &[OffenceDetails<
			T::AccountId,
			pallet_session::historical::IdentificationTuple<T>,
		>],
		slash_fractions: &[Perbill],
		session: SessionIndex,
	) -> Weight {
		let reported = offenders.len().min(slash_fractions.len()) as u32;
		let Some(era) = Self::bonded_era_of_session(session) else {
			log::warn!(target: LOG_TARGET, "offence in session {session}: its era is not bonded");
			return <T as Config>::WeightInfo::report_offences(0);
		};
		for (details, fraction) in offenders.iter().zip(slash_fractions) {
			let offender = &details.offender.0;
			let reporters = Self::paid_reporters(offender, &details.reporters);
			Self::report_offence(offender, era, *fraction, reporters);
		}
		<T as Config>::WeightInfo::report_offences(reported)
	}
}
