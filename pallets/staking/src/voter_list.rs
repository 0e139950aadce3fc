//! The voter list: every nominator and validator, scored by its active bond.
//!
//! The pallet keeps the list in step with staking: a staker enters it on
//! [`validate`](crate::Call::validate) or [`nominate`](crate::Call::nominate), leaves it when
//! chilled or removed, and its score is updated on every change of its active bond that a staker
//! makes or suffers (bond, unbond, rebond, slashes). Rewards that compound are the exception:
//! paying an era would otherwise move a list node for every staker paid, so the payout bonds the
//! reward and leaves the score behind. A sorted list catches up by itself (`pallet-bags-list`'s
//! automatic rebag of `MaxAutoRebagPerBlock` voters a block in `on_idle`, or anyone's `rebag`). A
//! score is therefore never above the active bond (but while the list is frozen, below), and below
//! it by the rewards since the list last looked at the voter.
//!
//! While an election's voter snapshot is taken over several blocks, the list is frozen: the
//! snapshot resumes after the last voter it took, so nobody may move. Changes are then noted in
//! [`DeferredVoterUpdates`] and applied, a few per block, once the
//! snapshot is done.
//!
//! [`UseValidatorsAndNominators`] is a list for chains that do not need sorting: it reads the
//! [`Validators`] and [`Nominators`] maps directly, in
//! storage order. It cannot be frozen, so it suits single-page elections only.

use crate::{
	weights::WeightInfo, BalanceOf, Config, DeferredVoterUpdates, Ledger, Nominators, Pallet,
	StakingLedger, UnexpectedKind, Validators, VoterSnapshot, VoterSnapshotStatus, LOG_TARGET,
};
use alloc::boxed::Box;
use frame_election_provider_support::{ScoreProvider, SortedListProvider};
use frame_support::weights::WeightMeter;

impl<T: Config> Pallet<T> {
	/// Adds `stash` to the voter list, if it is not in it, with its active bond `active` as
	/// score. Deferred while the list is frozen.
	pub(crate) fn insert_voter(stash: &T::AccountId, active: BalanceOf<T>) {
		if Self::defer_voter_update(stash) || T::VoterList::contains(stash) {
			return;
		}
		if let Err(error) = T::VoterList::on_insert(stash.clone(), active) {
			Pallet::<T>::unexpected_error(UnexpectedKind::VoterListRefused, error);
		}
	}

	/// Removes `stash` from the voter list, if it is in it. Deferred while the list is
	/// frozen.
	pub(crate) fn remove_voter(stash: &T::AccountId) {
		if Self::defer_voter_update(stash) || !T::VoterList::contains(stash) {
			return;
		}
		if let Err(error) = T::VoterList::on_remove(stash) {
			Pallet::<T>::unexpected_error(UnexpectedKind::VoterListRefused, error);
		}
	}

	/// Sets `stash`'s score to `active`, if it is a voter. Deferred while the list is frozen.
	pub(crate) fn update_voter_score(stash: &T::AccountId, active: BalanceOf<T>) {
		if Self::defer_voter_update(stash) || !T::VoterList::contains(stash) {
			return;
		}
		if let Err(error) = T::VoterList::on_update(stash, active) {
			log::warn!(target: LOG_TARGET, "voter score not updated: {error:?}");
			Pallet::<T>::unexpected(UnexpectedKind::VoterListRefused);
		}
	}

	/// Whether the voter list is frozen: a snapshot is being taken over several blocks, and
	/// it resumes after the last voter taken, so the list's order must not change until it is
	/// done. The list is locked meanwhile (`lock`), which stops its own reordering
	/// (`pallet-bags-list`'s `rebag` and `put_in_front_of`, and its automatic rebagging).
	pub(crate) fn voter_list_frozen() -> bool {
		matches!(VoterSnapshot::<T>::get(), VoterSnapshotStatus::Ongoing(_))
	}

	/// If the voter list is frozen, notes that `stash`'s place in it is to be brought up to
	/// date once it thaws, and returns `true`.
	fn defer_voter_update(stash: &T::AccountId) -> bool {
		let frozen = Self::voter_list_frozen();
		if frozen {
			DeferredVoterUpdates::<T>::insert(stash, ());
		}
		frozen
	}

	/// Once the voter list has thawed, brings the places of stakers whose changes were
	/// deferred up to date, one at a time while `meter` allows: each enters, moves in or
	/// leaves the list as it is now a voter with its active bond, or no voter.
	pub(crate) fn apply_deferred_voter_updates(meter: &mut WeightMeter) {
		if Self::voter_list_frozen() {
			return;
		}
		let step = T::WeightInfo::apply_deferred_voter_update();
		let mut deferred = DeferredVoterUpdates::<T>::iter_keys();
		while meter.can_consume(step) {
			let Some(stash) = deferred.next() else { return };
			meter.consume(step);
			DeferredVoterUpdates::<T>::remove(&stash);
			Self::bring_voter_up_to_date(&stash);
		}
	}

	/// Puts `stash` in the voter list with its active bond if it validates or nominates, and
	/// takes it out otherwise.
	fn bring_voter_up_to_date(stash: &T::AccountId) {
		match <Self as ScoreProvider<T::AccountId>>::score(stash) {
			Some(active) if T::VoterList::contains(stash) => {
				Self::update_voter_score(stash, active)
			},
			Some(active) => Self::insert_voter(stash, active),
			None => Self::remove_voter(stash),
		}
	}

	/// Whether `stash` validates or nominates: it is (or, once deferred changes are applied,
	/// will be) in the voter list.
	pub(crate) fn is_voter(stash: &T::AccountId) -> bool {
		Validators::<T>::contains_key(stash) || Nominators::<T>::contains_key(stash)
	}

	/// `stash`'s active bond, zero if it is not bonded.
	pub(crate) fn active_bond(stash: &T::AccountId) -> BalanceOf<T> {
		StakingLedger::<T>::get(stash).map(|ledger| ledger.active).unwrap_or_default()
	}
}

/// A voter's score is its active bond; stakers that neither validate nor nominate have none.
impl<T: Config> ScoreProvider<T::AccountId> for Pallet<T> {
	type Score = BalanceOf<T>;

	fn score(who: &T::AccountId) -> Option<BalanceOf<T>> {
		Self::is_voter(who).then(|| Self::active_bond(who))
	}

	/// For `pallet-bags-list`'s benchmarks, which move a node by changing its score: `who`
	/// becomes a nominator (of nobody, if it was not one) whose active bond is `score`. Only
	/// the ledger, [`Bonded`](crate::Bonded) and [`Nominators`] are written, not the hold or
	/// the list: the state is not consistent, and a benchmark throws it away.
	#[cfg(feature = "runtime-benchmarks")]
	fn set_score_of(who: &T::AccountId, score: BalanceOf<T>) {
		use sp_runtime::Saturating;
		let mut ledger =
			StakingLedger::<T>::get(who).unwrap_or_else(|| StakingLedger::new(who.clone(), score));
		ledger.total = ledger.total.saturating_sub(ledger.active).saturating_add(score);
		ledger.active = score;
		Ledger::<T>::insert(who, ledger);
		crate::Bonded::<T>::insert(who, who);
		if !Self::is_voter(who) {
			Nominators::<T>::insert(
				who,
				crate::Nominations::<T> {
					targets: Default::default(),
					submitted_in: 0,
					suppressed: false,
				},
			);
		}
	}
}

/// A voter list read straight from the [`Validators`] and
/// [`Nominators`] maps: validators first, then nominators, each in storage order
/// (not sorted by stake). The maps are the list, so there is nothing to update, and nothing to
/// freeze: use it with a single-page election (a paged snapshot would lose its place when the voter
/// it stopped at leaves the maps).
pub struct UseValidatorsAndNominators<T>(core::marker::PhantomData<T>);

impl<T: Config> SortedListProvider<T::AccountId> for UseValidatorsAndNominators<T> {
	type Error = ();
	type Score = BalanceOf<T>;

	fn iter() -> Box<dyn Iterator<Item = T::AccountId>> {
		Box::new(Validators::<T>::iter_keys().chain(Nominators::<T>::iter_keys()))
	}

	fn iter_from(start: &T::AccountId) -> Result<Box<dyn Iterator<Item = T::AccountId>>, ()> {
		if Validators::<T>::contains_key(start) {
			let from = Validators::<T>::hashed_key_for(start);
			let validators = Validators::<T>::iter_from(from).map(|(stash, _)| stash);
			Ok(Box::new(validators.chain(Nominators::<T>::iter_keys())))
		} else if Nominators::<T>::contains_key(start) {
			let from = Nominators::<T>::hashed_key_for(start);
			Ok(Box::new(Nominators::<T>::iter_from(from).map(|(stash, _)| stash)))
		} else {
			Err(())
		}
	}

	fn lock() {}

	fn unlock() {}

	fn count() -> u32 {
		Validators::<T>::count().saturating_add(Nominators::<T>::count())
	}

	fn contains(id: &T::AccountId) -> bool {
		Validators::<T>::contains_key(id) || Nominators::<T>::contains_key(id)
	}

	fn on_insert(_: T::AccountId, _: BalanceOf<T>) -> Result<(), ()> {
		Ok(())
	}

	fn on_update(_: &T::AccountId, _: BalanceOf<T>) -> Result<(), ()> {
		Ok(())
	}

	fn get_score(id: &T::AccountId) -> Result<BalanceOf<T>, ()> {
		Ledger::<T>::get(id).map(|ledger| ledger.active).ok_or(())
	}

	fn on_remove(_: &T::AccountId) -> Result<(), ()> {
		Ok(())
	}

	fn unsafe_regenerate(
		_: impl IntoIterator<Item = T::AccountId>,
		_: Box<dyn Fn(&T::AccountId) -> Option<BalanceOf<T>>>,
	) -> u32 {
		Self::count()
	}

	fn unsafe_clear() {}

	#[cfg(feature = "try-runtime")]
	fn try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		Ok(())
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn score_update_worst_case(_: &T::AccountId, _: bool) -> BalanceOf<T> {
		Default::default()
	}
}
