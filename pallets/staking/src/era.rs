//! Eras: when the next era is planned, when it starts, and the session manager that hands its
//! validators to `pallet-session`.
//!
//! ## Timeline
//!
//! `pallet-session` asks for the validators of session `i + 1` at the start of session `i`
//! (`new_session(i + 1)`), and the answer must be ready then. So the election of an era that
//! starts at session `s` begins [`Config::ElectionLead`] sessions earlier, at
//! `new_session(s - lead)`: the pallet bumps [`CurrentEra`], records
//! [`ErasStartSessionIndex`], and starts the election provider. Its
//! result is fetched one page per block (see `election.rs`) once the provider is ready. At
//! `new_session(s)` the elected validators are handed to the session pallet, and at
//! `start_session(s)` the era becomes active.
//!
//! If the election has not finished by `new_session(s)`, the era is postponed a session at a
//! time ([`ElectionDelayed`](crate::Event::ElectionDelayed)) until it has: the current validators
//! go on meanwhile, and the provider's round is never abandoned half-way. If the election fails
//! (the provider stopped, or too few validators were elected), the planned era is dropped, what it
//! stored is cleared, and a new election starts at a later session. The chain never stalls on an
//! election.

use crate::{
	ActiveEra, ActiveEraInfo, BondedEras, Config, CurrentEra, CurrentPlannedSession,
	ElectedStashes, ElectionPhase, ErasStartSessionIndex, Error, Event, ForceEra, Forcing,
	NextEraElection, Pallet, SessionInterface, UnexpectedKind, ValidatorCount,
};
use alloc::vec::Vec;
use frame_support::{
	traits::{Get, UnixTime},
	weights::{Weight, WeightMeter},
};
use sp_runtime::{DispatchResult, Perbill, SaturatedConversion};
use sp_staking::{EraIndex, SessionIndex};

/// The share of a block's weight that `on_initialize` may give to work that can wait: recording
/// exposed stakers, paying ended eras' rewards and clearing a failed election.
const HOOK_SHARE: Perbill = Perbill::from_percent(10);

/// The bound of [`BondedEras`]: the bonding duration's eras and the active one.
pub struct BondedErasBound<T>(core::marker::PhantomData<T>);

impl<T: Config> Get<u32> for BondedErasBound<T> {
	fn get() -> u32 {
		T::BondingDuration::get().saturating_add(1)
	}
}

impl<T: Config> Pallet<T> {
	/// The active era's index, if an era has started.
	pub fn active_era() -> Option<EraIndex> {
		ActiveEra::<T>::get().map(|info| info.index)
	}

	/// The weight `on_initialize` may use for work that can wait (see [`HOOK_SHARE`]).
	pub(crate) fn hook_weight_limit() -> Weight {
		let max_block = T::BlockWeights::get().max_block;
		Weight::from_parts(
			HOOK_SHARE.mul_floor(max_block.ref_time()),
			HOOK_SHARE.mul_floor(max_block.proof_size()),
		)
	}

	/// Plans session `session`: hands over the validators of an era starting at it, if one
	/// was elected, and starts the next election when it is due.
	pub(crate) fn plan_session(
		session: SessionIndex,
		is_genesis: bool,
	) -> Option<Vec<T::AccountId>> {
		CurrentPlannedSession::<T>::put(session);
		if is_genesis && CurrentEra::<T>::get().is_none() {
			return Self::elect_genesis_era(session);
		}
		let validators = Self::take_elected_validators(session);
		Self::maybe_start_election(session);
		validators
	}

	/// At genesis there are no blocks to spread the election over: elect era 0 at once.
	fn elect_genesis_era(session: SessionIndex) -> Option<Vec<T::AccountId>> {
		Self::elect_genesis_era_now(session);
		Self::record_exposures(&mut WeightMeter::new());
		Self::take_elected_validators(session)
	}

	/// If the era planned to start at `session` is elected, returns its validators. If its
	/// election is still running, the era is postponed by a session.
	fn take_elected_validators(session: SessionIndex) -> Option<Vec<T::AccountId>> {
		match NextEraElection::<T>::get() {
			ElectionPhase::Ready { era } if Self::era_start(era) == Some(session) => {
				NextEraElection::<T>::put(ElectionPhase::Idle);
				if ForceEra::<T>::get() == Forcing::ForceNew {
					Self::set_force_era(Forcing::NotForcing);
				}
				Some(ElectedStashes::<T>::take().into_inner())
			},
			ElectionPhase::Fetching { era, .. } if Self::era_start(era) == Some(session) => {
				let start = session.saturating_add(1);
				ErasStartSessionIndex::<T>::insert(era, start);
				Self::deposit_event(Event::<T>::ElectionDelayed { era, start });
				None
			},
			_ => None,
		}
	}

	/// Starts electing the next era if no election is running and the schedule (or a force)
	/// says so: by the schedule, [`Self::election_lead`] sessions before the era is due; when
	/// forced, for the session after `session`.
	fn maybe_start_election(session: SessionIndex) {
		if NextEraElection::<T>::get() != ElectionPhase::Idle {
			return;
		}
		let earliest = session.saturating_add(1);
		let (next_era, start) = match CurrentEra::<T>::get() {
			None => (0, earliest),
			Some(latest) => {
				let start = match ForceEra::<T>::get() {
					Forcing::ForceNone => return,
					Forcing::ForceNew | Forcing::ForceAlways => earliest,
					Forcing::NotForcing => {
						let due = Self::next_era_due(latest);
						if session.saturating_add(Self::election_lead()) < due {
							return;
						}
						due.max(earliest)
					},
				};
				(latest.saturating_add(1), start)
			},
		};
		Self::start_election(next_era, start);
	}

	/// The session at which the era after `latest` is due, by the schedule.
	fn next_era_due(latest: EraIndex) -> SessionIndex {
		let started = Self::era_start(latest).unwrap_or_else(|| {
			Self::unexpected(UnexpectedKind::EraStartSessionMissing);
			0
		});
		started.saturating_add(T::SessionsPerEra::get())
	}

	/// How many sessions before an era is due its election starts: [`Config::ElectionLead`],
	/// at least one, and less than an era when an era has more than one session (so that an
	/// era is under way before the next one is planned).
	pub(crate) fn election_lead() -> SessionIndex {
		T::ElectionLead::get().clamp(1, Self::max_election_lead())
	}

	/// The longest lead [`Config::ElectionLead`] may set.
	pub(crate) fn max_election_lead() -> SessionIndex {
		T::SessionsPerEra::get().saturating_sub(1).max(1)
	}

	/// The session at which `era` starts (or is planned to).
	fn era_start(era: EraIndex) -> Option<SessionIndex> {
		ErasStartSessionIndex::<T>::get(era)
	}

	/// Called when session `session` starts: starts the planned era if it starts now.
	pub(crate) fn on_session_start(session: SessionIndex) {
		let next = Self::active_era().map_or(0, |era| era.saturating_add(1));
		// A planned era keeps its start session only once its validators were handed over at
		// `new_session(start)`; a failed election removes it.
		let Some(start) = Self::era_start(next) else { return };
		if start == session {
			Self::start_era(next, session);
		} else if start < session {
			Self::unexpected(UnexpectedKind::SessionSkipped);
			Self::start_era(next, session);
		}
	}

	/// Makes `era` the active era, from session `session`, and ends the rewards of the era
	/// before it.
	fn start_era(era: EraIndex, session: SessionIndex) {
		if let Some(ended) = ActiveEra::<T>::get() {
			Self::end_era_rewards(ended.index, ended.start);
		}
		ActiveEra::<T>::put(ActiveEraInfo { index: era, start: None });
		let pruned = BondedEras::<T>::mutate(|bonded| {
			let first_kept = era.saturating_sub(T::BondingDuration::get());
			let before = bonded.len();
			bonded.retain(|entry: &(EraIndex, SessionIndex)| entry.0 >= first_kept);
			if bonded.try_push((era, session)).is_err() {
				Self::unexpected(UnexpectedKind::EraListFull);
			}
			let first_session = bonded.first().map(|entry| entry.1);
			first_session.filter(|_| bonded.len() <= before)
		});
		// Offences are only reported for bonded eras: older session roots are not needed.
		if let Some(first_session) = pruned {
			T::SessionInterface::prune_historical_up_to(first_session);
		}
		Self::deposit_event(Event::<T>::EraStarted { era });
	}

	/// Records the active era's start time if it is not known yet.
	pub(crate) fn note_era_start_time() {
		if let Some(mut active) = ActiveEra::<T>::get() {
			if active.start.is_none() {
				active.start = Some(T::UnixTime::now().as_millis().saturated_into::<u64>());
				ActiveEra::<T>::put(active);
			}
		}
	}

	/// Sets how eras change.
	pub(crate) fn set_force_era(mode: Forcing) {
		ForceEra::<T>::put(mode);
		Self::deposit_event(Event::<T>::ForceEra { mode });
	}

	/// Sets the number of validators to elect, if it is within
	/// [`MaxValidatorSet`](crate::Config::MaxValidatorSet).
	pub(crate) fn do_set_validator_count(new: Option<u32>) -> DispatchResult {
		let new = new.filter(|new| *new <= T::MaxValidatorSet::get());
		ValidatorCount::<T>::put(new.ok_or(Error::<T>::TooManyElected)?);
		Ok(())
	}
}

impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
	fn new_session(new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
		Self::plan_session(new_index, false)
	}

	fn new_session_genesis(new_index: SessionIndex) -> Option<Vec<T::AccountId>> {
		Self::plan_session(new_index, true)
	}

	fn start_session(start_index: SessionIndex) {
		Self::on_session_start(start_index)
	}

	fn end_session(_end_index: SessionIndex) {}
}

/// For `pallet_session::historical`: a validator is identified by its account alone.
impl<T: Config> pallet_session::historical::SessionManager<T::AccountId, ()> for Pallet<T> {
	fn new_session(new_index: SessionIndex) -> Option<Vec<(T::AccountId, ())>> {
		Self::plan_session(new_index, false)
			.map(|validators| validators.into_iter().map(|v| (v, ())).collect())
	}

	fn new_session_genesis(new_index: SessionIndex) -> Option<Vec<(T::AccountId, ())>> {
		Self::plan_session(new_index, true)
			.map(|validators| validators.into_iter().map(|v| (v, ())).collect())
	}

	fn start_session(start_index: SessionIndex) {
		Self::on_session_start(start_index)
	}

	fn end_session(_end_index: SessionIndex) {}
}
