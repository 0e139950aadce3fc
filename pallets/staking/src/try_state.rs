//! The pallet's invariants, checked by `try-runtime` and after every unit test.
//!
//! Each check fails hard: an invariant that only logged would let a corrupted ledger live on.

use crate::{
	history::era_history,
	payout::EraPayout,
	stored_queue::{ExposuresToRecord, SlashesToCompute, StoredQueue},
	ActiveEra, AutoPayout, BalanceOf, Bonded, BondedEras, ChilledCommission, ClaimedErasBackfill,
	ClaimedRewards, Config, CurrentEra, DeferredVoterUpdates, ElectedStashes, ElectionPhase,
	ErasRewardPaid, ErasRewardPoints, ErasStakersOverview, ErasStakersPaged, ErasStartSessionIndex,
	ErasTotalStake, ErasUnpaidBackings, ErasValidatorPrefs, ErasValidatorReward, HoldReason,
	LastExposedEra, Ledger, NextEraElection, NominatorSlashInEra, Nominators, OldestUnprunedEra,
	PagedPayoutsFrom, Pallet, Payee, PendingCommission, RewardDestination, SlashingSpans,
	SnapshotMinimumActiveStake, StakerSlashDue, UnappliedSlash, UnappliedSlashEras,
	UnappliedSlashOverflow, UnappliedSlashOverflowCount, UnappliedSlashes, UnpaidEras,
	ValidatorCount, ValidatorSlashInEra, Validators, VirtualStakeOwner, VirtualStakers,
	VoterSnapshot, VoterSnapshotStatus,
};
use alloc::collections::{btree_map::BTreeMap, btree_set::BTreeSet};
use frame_election_provider_support::SortedListProvider;
use frame_support::{
	ensure,
	traits::{fungible::InspectHold, Get},
};
use sp_runtime::{
	traits::{CheckedAdd, Saturating, Zero},
	TryRuntimeError,
};
use sp_staking::EraIndex;

/// Defines [`Pallet::check_storage_decodes`] over the storage items listed, and, for tests,
/// `STORAGE_DECODE_CHECKED`, their names.
macro_rules! decode_checks {
	(
		values: $($value:ident),* ;
		maps: $($map:ident),* ;
		double_maps: $($double_map:ident),* ;
		n_maps: $($n_map:ident),* ;
	) => {
		/// The storage items [`Pallet::check_storage_decodes`] checks: all of the pallet's.
		#[cfg(test)]
		pub(crate) const STORAGE_DECODE_CHECKED: &[&str] = &[
			$(stringify!($value),)* $(stringify!($map),)* $(stringify!($double_map),)*
			$(stringify!($n_map),)*
		];

		impl<T: Config> Pallet<T> {
			/// Every stored value of every storage item decodes. A bound lowered below what is
			/// stored (polkadot-sdk#451) leaves values that no longer decode, which iteration
			/// skips without a word.
			fn check_storage_decodes() -> Result<(), TryRuntimeError> {
				$(ensure!(
					!crate::$value::<T>::exists() || crate::$value::<T>::try_get().is_ok(),
					concat!("the stored ", stringify!($value), " does not decode")
				);)*
				$(ensure!(
					crate::$map::<T>::iter_keys().all(|key| crate::$map::<T>::try_get(&key).is_ok()),
					concat!("a stored ", stringify!($map), " value does not decode")
				);)*
				$(ensure!(
					crate::$double_map::<T>::iter_keys()
						.all(|(k1, k2)| crate::$double_map::<T>::try_get(&k1, &k2).is_ok()),
					concat!("a stored ", stringify!($double_map), " value does not decode")
				);)*
				$(ensure!(
					crate::$n_map::<T>::iter_keys().all(|key| crate::$n_map::<T>::try_get(key).is_ok()),
					concat!("a stored ", stringify!($n_map), " value does not decode")
				);)*
				Ok(())
			}
		}
	};
}

decode_checks! {
	values: ActiveEra, AutoPayout, BondedEras, ChillThreshold, ClaimedErasBackfill, CurrentEra,
		CurrentPlannedSession, ElectedStashes, ForceEra, MaxNominatorsCount, MaxValidatorsCount,
		MinCommission, MinNominatorBond, MinValidatorBond, MinimumActiveStake, MinimumValidatorCount,
		NextEraElection, OldestUnprunedEra, PagedPayoutsFrom, SlashComputationQueue,
		SnapshotMinimumActiveStake, UnappliedSlashEras, UnpaidEras, UnrecordedExposureQueue,
		ValidatorCount, VoterSnapshot;
	maps: Bonded, ChilledCommission, DeferredVoterUpdates, ErasRewardPaid, ErasRewardPoints, ErasStartSessionIndex,
		ErasTotalStake, ErasValidatorReward, LastExposedEra, Ledger, Payee, PendingCommission,
		SlashComputations, SlashingSpans, StakerSlashDue, UnappliedSlashes, UnappliedSlashOverflowCount,
		UnrecordedExposures, Nominators, Validators, VirtualStakers;
	double_maps: ClaimedRewards, ErasStakersOverview, ErasUnpaidBackings, ErasValidatorPrefs,
		NominatorSlashInEra, UnappliedSlashOverflow, ValidatorSlashInEra;
	n_maps: ErasStakersPaged;
}

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the pallet's storage. See the crate docs for the list.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		// First: the other checks iterate storage, and iteration skips what does not decode.
		Self::check_storage_decodes()?;
		Self::check_ledgers()?;
		Self::check_maps_agree()?;
		Self::check_intents()?;
		Self::check_voter_list()?;
		Self::check_eras()?;
		Self::check_era_history()?;
		Self::check_exposures()?;
		Self::check_exposure_records()?;
		Self::check_rewards()?;
		Self::check_commissions()?;
		Self::check_slashes()
	}

	/// Each ledger adds up, is stored under its own stash, and is exactly what is held; a
	/// virtual staker's is held by its owner instead (see [`Self::check_virtual_staker`]).
	fn check_ledgers() -> Result<(), TryRuntimeError> {
		for (stash, ledger) in Ledger::<T>::iter() {
			ensure!(ledger.stash == stash, "a ledger is stored under another account");
			let unlocking = ledger
				.unlocking
				.iter()
				.try_fold(Zero::zero(), |sum: crate::BalanceOf<T>, chunk| {
					sum.checked_add(&chunk.value)
				})
				.ok_or("a ledger's unlocking chunks overflow")?;
			ensure!(
				ledger.active.checked_add(&unlocking) == Some(ledger.total),
				"a ledger's total is not active + unlocking"
			);
			if VirtualStakers::<T>::contains_key(&stash) {
				Self::check_virtual_staker(&stash, ledger.total)?;
			} else {
				ensure!(
					T::Currency::balance_on_hold(&HoldReason::Staking.into(), &stash)
						== ledger.total,
					"a staker's held balance differs from its ledger total"
				);
			}
			Self::check_legacy_claimed_rewards(&stash, &ledger.legacy_claimed_rewards)?;
		}
		Ok(())
	}

	/// The eras a ledger lists as claimed ascend, and in each of them still in history (and
	/// not being removed) the staker was an elected validator all of whose reward pages are
	/// claimed. Only this direction is checked: an era claimed while the staker was not bonded,
	/// or before the list was kept, is rightly missing from it.
	fn check_legacy_claimed_rewards(
		stash: &T::AccountId,
		eras: &[EraIndex],
	) -> Result<(), TryRuntimeError> {
		ensure!(
			eras.windows(2).all(|pair| pair.first() < pair.get(1)),
			"a ledger's claimed eras are not in ascending order"
		);
		for era in eras {
			if !ErasStartSessionIndex::<T>::contains_key(era) {
				continue;
			}
			ensure!(
				Self::reward_pages(*era, stash).is_some(),
				"a ledger lists an era claimed in which the staker was not elected"
			);
			ensure!(
				Self::next_unclaimed_page(*era, stash).is_none(),
				"a ledger lists an era claimed with pages of it unclaimed"
			);
		}
		Ok(())
	}

	/// A virtual staker is keyless, nothing of it is held here, its rewards go to another
	/// account, and its owner holds at least the `total` it has bonded.
	fn check_virtual_staker(
		stash: &T::AccountId,
		total: BalanceOf<T>,
	) -> Result<(), TryRuntimeError> {
		ensure!(
			T::Currency::balance_on_hold(&HoldReason::Staking.into(), stash).is_zero(),
			"a virtual staker's funds are held by the staking pallet"
		);
		ensure!(
			frame_system::Pallet::<T>::account_nonce(stash).is_zero(),
			"a virtual staker signed a transaction: it is not keyless"
		);
		ensure!(
			matches!(Payee::<T>::get(stash), Some(RewardDestination::Account(payee)) if payee != *stash),
			"a virtual staker's rewards are not paid to another account"
		);
		let held = T::VirtualStakeOwner::funds_held_for(stash)
			.ok_or("a virtual staker's owner does not know it")?;
		ensure!(held >= total, "a virtual staker's owner holds less than its bonded total");
		Ok(())
	}

	/// [`Bonded`], [`Ledger`] and [`Payee`] have the
	/// same keys, and every account controls itself.
	fn check_maps_agree() -> Result<(), TryRuntimeError> {
		for (stash, controller) in Bonded::<T>::iter() {
			ensure!(stash == controller, "a stash is controlled by another account");
			ensure!(Ledger::<T>::contains_key(&stash), "a bonded stash has no ledger");
			ensure!(Payee::<T>::contains_key(&stash), "a bonded stash has no payee");
		}
		ensure!(
			Ledger::<T>::iter_keys().all(|stash| Bonded::<T>::contains_key(&stash)),
			"a ledger has no Bonded entry"
		);
		ensure!(
			Payee::<T>::iter_keys().all(|stash| Bonded::<T>::contains_key(&stash)),
			"a payee is set for an account that is not bonded"
		);
		let mut virtual_stakers = 0u32;
		for stash in VirtualStakers::<T>::iter_keys() {
			ensure!(Ledger::<T>::contains_key(&stash), "a virtual staker is not bonded");
			ensure!(!Validators::<T>::contains_key(&stash), "a virtual staker validates");
			virtual_stakers = virtual_stakers.saturating_add(1);
		}
		ensure!(
			virtual_stakers == VirtualStakers::<T>::count(),
			"the virtual staker counter is wrong"
		);
		Ok(())
	}

	/// Validators and nominators are bonded, distinct, and counted right; nominations are
	/// well formed.
	fn check_intents() -> Result<(), TryRuntimeError> {
		let mut validators = 0u32;
		for stash in Validators::<T>::iter_keys() {
			ensure!(Ledger::<T>::contains_key(&stash), "a validator is not bonded");
			ensure!(!Nominators::<T>::contains_key(&stash), "an account validates and nominates");
			validators = validators.saturating_add(1);
		}
		ensure!(validators == Validators::<T>::count(), "the validator counter is wrong");

		let mut nominators = 0u32;
		for (stash, nominations) in Nominators::<T>::iter() {
			ensure!(Ledger::<T>::contains_key(&stash), "a nominator is not bonded");
			ensure!(!nominations.targets.contains(&stash), "a nominator nominates itself");
			let distinct: BTreeSet<_> = nominations.targets.iter().collect();
			ensure!(distinct.len() == nominations.targets.len(), "a nomination repeats a target");
			nominators = nominators.saturating_add(1);
		}
		ensure!(nominators == Nominators::<T>::count(), "the nominator counter is wrong");
		Ok(())
	}

	/// The voter list holds exactly the validators and nominators, each scored at most by its
	/// active bond (rewards bonded by the payout leave the score behind until the list rebags
	/// it; every decrease updates it), except stakers whose changes wait for a voter snapshot
	/// to end ([`DeferredVoterUpdates`]).
	fn check_voter_list() -> Result<(), TryRuntimeError> {
		for stash in T::VoterList::iter() {
			ensure!(
				Self::is_voter(&stash) || DeferredVoterUpdates::<T>::contains_key(&stash),
				"the voter list holds someone who neither validates nor nominates"
			);
		}
		for stash in Validators::<T>::iter_keys().chain(Nominators::<T>::iter_keys()) {
			if DeferredVoterUpdates::<T>::contains_key(&stash) {
				continue;
			}
			ensure!(
				T::VoterList::contains(&stash),
				"a validator or nominator is not in the voter list"
			);
			let active = Ledger::<T>::get(&stash).map(|ledger| ledger.active).unwrap_or_default();
			let score = T::VoterList::get_score(&stash).map_err(|_| "a voter has no score")?;
			ensure!(score <= active, "a voter's score is above its active bond");
		}
		let deferred = DeferredVoterUpdates::<T>::iter_keys().count() as u32;
		ensure!(
			deferred == DeferredVoterUpdates::<T>::count(),
			"the deferred voter updates' counter is wrong"
		);
		if deferred == 0 {
			let voters = Validators::<T>::count().saturating_add(Nominators::<T>::count());
			ensure!(
				T::VoterList::count() == voters,
				"the voter list is not validators + nominators"
			);
		}
		Ok(())
	}

	/// No item of the era history keeps a key of an era older than [`OldestUnprunedEra`]:
	/// pruning removes the whole of an era before it moves on.
	fn check_era_history() -> Result<(), TryRuntimeError> {
		let oldest_kept = OldestUnprunedEra::<T>::get();
		for item in era_history::<T>() {
			if (item.oldest)().is_some_and(|era| era < oldest_kept) {
				log::error!(target: crate::LOG_TARGET, "{} keeps a key of a pruned era", item.name);
				return Err("an item of the era history keeps a key of a pruned era".into());
			}
		}
		Ok(())
	}

	/// Eras are in order: the active era is planned, has a start session, and is bonded;
	/// the election's state matches the planned era.
	fn check_eras() -> Result<(), TryRuntimeError> {
		ensure!(
			ValidatorCount::<T>::get() <= T::MaxValidatorSet::get(),
			"the validator count exceeds MaxValidatorSet"
		);
		let current = CurrentEra::<T>::get();
		if let Some(active) = ActiveEra::<T>::get() {
			ensure!(current.is_some_and(|c| c >= active.index), "the active era is not planned");
			ensure!(
				ErasStartSessionIndex::<T>::contains_key(active.index),
				"the active era has no start session"
			);
			ensure!(
				BondedEras::<T>::get().last().map(|entry: &(EraIndex, u32)| entry.0)
					== Some(active.index),
				"the active era is not the last bonded era"
			);
		}
		let bonded = BondedEras::<T>::get();
		ensure!(
			bonded
				.windows(2)
				.all(|pair| pair.first().map(|p| p.0) < pair.get(1).map(|p| p.0)),
			"bonded eras are not in order"
		);
		match NextEraElection::<T>::get() {
			ElectionPhase::Fetching { era, .. } | ElectionPhase::Ready { era } => {
				ensure!(current == Some(era), "the era being elected is not the current era");
				ensure!(
					ErasStartSessionIndex::<T>::contains_key(era),
					"the era being elected has no start session"
				);
				let elected = ElectedStashes::<T>::get();
				let exposed = ErasStakersOverview::<T>::iter_key_prefix(era).count();
				ensure!(elected.len() == exposed, "elected validators differ from exposures");
			},
			ElectionPhase::Clearing { era } => {
				ensure!(current.is_none_or(|c| c < era), "a failed election's era is still planned")
			},
			ElectionPhase::Idle => {
				ensure!(ElectedStashes::<T>::get().is_empty(), "elected validators left over")
			},
		}
		ensure!(
			SnapshotMinimumActiveStake::<T>::get().is_none()
				|| !matches!(VoterSnapshot::<T>::get(), VoterSnapshotStatus::Waiting),
			"a minimum stake is being taken with no voter snapshot under way"
		);
		ensure!(
			SlashingSpans::<T>::iter_keys().next().is_none(),
			"slashing spans are stored, though Palisade keeps none"
		);
		ensure!(
			ClaimedErasBackfill::<T>::get()
				.is_none_or(|cursor| Some(cursor.era) <= ActiveEra::<T>::get().map(|a| a.index)),
			"the backfill of claimed eras is past the active era"
		);
		Ok(())
	}

	/// Every exposure adds up: each page's total is the sum of its nominators, the overview's
	/// total is own + all pages, its counts match the pages, and the era's total stake is the
	/// sum of its exposures. Every exposed validator has its preferences for the era, and no
	/// era elects more than [`MaxValidatorSet`](crate::Config::MaxValidatorSet). Eras being removed
	/// are skipped.
	fn check_exposures() -> Result<(), TryRuntimeError> {
		let page_size = T::MaxExposurePageSize::get() as usize;
		let mut era_totals: BTreeMap<EraIndex, (BalanceOf<T>, u32)> = BTreeMap::new();
		for (era, validator, overview) in ErasStakersOverview::<T>::iter() {
			// Eras without a start session are being removed (history or a failed election).
			if !ErasStartSessionIndex::<T>::contains_key(era) {
				continue;
			}
			let (mut total, mut nominators) = (overview.own, 0u32);
			for page in 0..overview.page_count {
				let exposure = ErasStakersPaged::<T>::get((era, &validator, page))
					.ok_or("an exposure page is missing")?
					.0;
				ensure!(!exposure.others.is_empty(), "an exposure page is empty");
				ensure!(exposure.others.len() <= page_size, "an exposure page is too large");
				let sum = exposure
					.others
					.iter()
					.fold(BalanceOf::<T>::zero(), |sum, e| sum.saturating_add(e.value));
				ensure!(sum == exposure.page_total, "an exposure page's total is wrong");
				total = total.saturating_add(sum);
				nominators = nominators.saturating_add(exposure.others.len() as u32);
			}
			ensure!(
				!ErasStakersPaged::<T>::contains_key((era, &validator, overview.page_count)),
				"an exposure has more pages than its overview says"
			);
			ensure!(total == overview.total, "an exposure's total is not own + nominators");
			ensure!(
				nominators == overview.nominator_count,
				"an exposure's nominator count is wrong"
			);
			ensure!(
				ErasValidatorPrefs::<T>::contains_key(era, &validator),
				"an exposed validator has no preferences for the era"
			);
			let entry = era_totals.entry(era).or_insert((Zero::zero(), 0));
			entry.0 = entry.0.saturating_add(overview.total);
			entry.1 = entry.1.saturating_add(1);
		}
		for (era, (total, validators)) in era_totals {
			ensure!(ErasTotalStake::<T>::get(era) == total, "an era's total stake is wrong");
			ensure!(validators <= T::MaxValidatorSet::get(), "an era elected too many validators");
		}
		Ok(())
	}

	/// Exposure records are kept for bonded stakers only, and the queue of unrecorded
	/// exposures holds exactly the chunks between its ends, none of them empty.
	fn check_exposure_records() -> Result<(), TryRuntimeError> {
		ensure!(
			LastExposedEra::<T>::iter_keys().all(|staker| Bonded::<T>::contains_key(&staker)),
			"an exposure record is kept for an account that is not bonded"
		);
		ExposuresToRecord::<T>::check(|(_, chunk)| {
			ensure!(!chunk.is_empty(), "a queued chunk of exposures is empty");
			Ok(())
		})
	}

	/// Reward conservation: for each ended era, what was paid plus what its unpaid stakers
	/// are owed never exceeds the era's reward, and falls short of it by rounding alone (less
	/// than two units per validator and per backing). Claimed pages exist; unpaid backings
	/// back elected validators; an era whose automatic payout is done owes nothing; reward
	/// points add up.
	fn check_rewards() -> Result<(), TryRuntimeError> {
		for points in ErasRewardPoints::<T>::iter_values() {
			let sum = points.individual.values().fold(0u32, |sum, p| sum.saturating_add(*p));
			ensure!(sum == points.total, "an era's reward points do not add up");
		}
		let unpaid_eras = UnpaidEras::<T>::get();
		ensure!(
			unpaid_eras
				.windows(2)
				.all(|pair| pair.first().map(|p| p.0) < pair.get(1).map(|p| p.0)),
			"eras awaiting their payout are not in order"
		);
		for (era, _) in unpaid_eras.iter() {
			ensure!(ErasValidatorReward::<T>::contains_key(era), "an unpaid era has no reward");
		}
		if let Some(at) = AutoPayout::<T>::get() {
			let (era, _) = unpaid_eras.first().ok_or("the automatic payout is paying no era")?;
			let pages = Self::reward_pages(*era, &at.validator)
				.ok_or("the automatic payout pays a validator not elected in its era")?;
			ensure!(at.page < pages, "the automatic payout pays a page that does not exist");
			ensure!(
				ClaimedRewards::<T>::get(era, &at.validator).contains(&at.page),
				"the page the automatic payout pays is not claimed"
			);
		}
		let paged_from = PagedPayoutsFrom::<T>::get();
		ensure!(
			ErasUnpaidBackings::<T>::iter_keys().all(|(era, _)| era < paged_from),
			"an era paid from its exposure pages keeps records of what stakers backed"
		);
		for (era, paid) in ErasRewardPaid::<T>::iter() {
			ensure!(ErasValidatorReward::<T>::contains_key(era), "a reward was paid for no era");
			ensure!(paid > Zero::zero(), "an era records a zero payment");
		}
		for (era, validator, claimed) in ClaimedRewards::<T>::iter() {
			let Some(pages) = Self::reward_pages(era, &validator) else { continue };
			ensure!(claimed.iter().all(|page| *page < pages), "a claimed page does not exist");
			let distinct: BTreeSet<_> = claimed.iter().collect();
			ensure!(distinct.len() == claimed.len(), "a page is claimed twice");
		}
		for (era, reward) in ErasValidatorReward::<T>::iter() {
			// Eras being removed, or whose stakers are still being recorded, are skipped.
			if !ErasStartSessionIndex::<T>::contains_key(era) || !Self::exposures_recorded(era) {
				continue;
			}
			let mut payout = EraPayout::<T>::load(era).ok_or("an era's reward vanished")?;
			let mut owed = BalanceOf::<T>::zero();
			for (_, backings) in ErasUnpaidBackings::<T>::iter_prefix(era) {
				ensure!(!backings.is_empty(), "a staker's unpaid backings are empty");
			}
			for (staker, backing) in Self::owed_backings(era) {
				ensure!(
					ErasStakersOverview::<T>::contains_key(era, &backing.validator),
					"an unpaid backing backs a validator not elected in its era"
				);
				owed = owed.saturating_add(payout.earned(&staker, &backing));
			}
			if !Self::is_unpaid(era) {
				ensure!(owed.is_zero(), "an era whose payout is done still owes rewards");
			}
			let accounted = ErasRewardPaid::<T>::get(era).saturating_add(owed);
			ensure!(accounted <= reward, "an era pays out more than its reward");
			let rounding = ErasStakersOverview::<T>::iter_prefix_values(era)
				.fold(0u32, |sum, o| {
					sum.saturating_add(o.nominator_count.saturating_add(2).saturating_mul(2))
				});
			ensure!(
				reward.saturating_sub(accounted) <= rounding.into(),
				"an era's reward is neither paid nor owed"
			);
		}
		Ok(())
	}

	/// Commissions stay within [`MaxCommission`](crate::Config::MaxCommission); an announced
	/// increase belongs to a validator (or a chilled one) and raises its commission; a chilled
	/// commission belongs to a bonded staker that does not validate.
	fn check_commissions() -> Result<(), TryRuntimeError> {
		let max = T::MaxCommission::get();
		for (stash, pending) in PendingCommission::<T>::iter() {
			let current = Validators::<T>::try_get(&stash)
				.map(|prefs| prefs.commission)
				.ok()
				.or_else(|| ChilledCommission::<T>::get(&stash))
				.ok_or("an increase is announced for a staker that never validated")?;
			ensure!(pending.commission > current, "an announced increase does not increase");
			ensure!(pending.commission <= max, "an announced commission exceeds MaxCommission");
		}
		for (stash, _) in ChilledCommission::<T>::iter() {
			ensure!(Ledger::<T>::contains_key(&stash), "a chilled commission outlived its staker");
			ensure!(!Validators::<T>::contains_key(&stash), "a validator has a chilled commission");
		}
		Ok(())
	}

	/// Unapplied slashes are listed under the eras
	/// [`UnappliedSlashEras`] names, the overflow of each era's list has
	/// no gaps, and each entry is sound (see [`Self::check_unapplied_slash`]); slash records are
	/// never zero; queued slash computations are exactly the queue's and each raises its offender's
	/// recorded fraction.
	fn check_slashes() -> Result<(), TryRuntimeError> {
		let eras = UnappliedSlashEras::<T>::get();
		ensure!(
			eras.windows(2).all(|pair| pair.first() < pair.get(1)),
			"the eras with unapplied slashes are not in ascending order"
		);
		let mut stored: BTreeSet<EraIndex> = UnappliedSlashes::<T>::iter_keys().collect();
		stored.extend(UnappliedSlashOverflowCount::<T>::iter_keys());
		ensure!(
			stored == eras.iter().copied().collect(),
			"UnappliedSlashEras does not list exactly the eras with unapplied slashes"
		);
		for (due, slashes) in UnappliedSlashes::<T>::iter() {
			ensure!(!slashes.is_empty(), "an era's unapplied slashes are stored empty");
			for slash in slashes {
				Self::check_unapplied_slash(due, &slash)?;
			}
		}
		for (due, count) in UnappliedSlashOverflowCount::<T>::iter() {
			ensure!(!count.is_zero(), "an era's overflow count is stored as zero");
			let keys: BTreeSet<u32> = UnappliedSlashOverflow::<T>::iter_key_prefix(due).collect();
			ensure!(
				keys == (0..count).collect(),
				"an era's overflowing slashes are not exactly those its count says"
			);
		}
		for (due, _, slash) in UnappliedSlashOverflow::<T>::iter() {
			ensure!(
				UnappliedSlashOverflowCount::<T>::contains_key(due),
				"an overflowing slash is stored for an era without a count"
			);
			Self::check_unapplied_slash(due, &slash)?;
		}
		ensure!(
			ValidatorSlashInEra::<T>::iter_values().all(|(fraction, _)| !fraction.is_zero()),
			"a validator is recorded as slashed by nothing"
		);
		ensure!(
			NominatorSlashInEra::<T>::iter_values().all(|slashed| !slashed.is_zero()),
			"a nominator is recorded as slashed by nothing"
		);
		SlashesToCompute::<T>::check(|computation| {
			ensure!(
				computation.prior < computation.fraction,
				"a slash computation slashes nothing"
			);
			let recorded =
				ValidatorSlashInEra::<T>::get(computation.offence_era, &computation.validator)
					.ok_or("a slash computation has no record of its offender")?;
			ensure!(recorded.0 >= computation.fraction, "a slash computation exceeds its record");
			Ok(())
		})
	}

	/// One entry of the slashes due in `due`: it slashes something, pays its reporters at most
	/// [`SlashRewardFraction`](crate::Config::SlashRewardFraction) of the offender's own slash
	/// (nothing without reporters), never names the offender as a reporter, has its offence
	/// recorded, and every staker it slashes is marked as waiting for slashes due in `due` or
	/// later.
	fn check_unapplied_slash(
		due: EraIndex,
		slash: &UnappliedSlash<T>,
	) -> Result<(), TryRuntimeError> {
		let offence_era = due.saturating_sub(T::SlashDeferDuration::get());
		let total = slash.others.iter().try_fold(slash.own, |sum, (_, amount)| {
			ensure!(!amount.is_zero(), "an unapplied slash lists a zero amount");
			Ok::<_, TryRuntimeError>(sum.saturating_add(*amount))
		})?;
		ensure!(!total.is_zero(), "an unapplied slash slashes nothing");
		ensure!(
			slash.payout <= T::SlashRewardFraction::get().mul_floor(slash.own),
			"a slash pays its reporters more than their share of the offender's own slash"
		);
		ensure!(
			!slash.reporters.is_empty() || slash.payout.is_zero(),
			"a slash without reporters has a payout"
		);
		ensure!(
			!slash.reporters.contains(&slash.validator),
			"an offender is paid as a reporter of its own offence"
		);
		ensure!(
			ValidatorSlashInEra::<T>::contains_key(offence_era, &slash.validator),
			"an unapplied slash has no record of its offender's offence"
		);
		for staker in slash.slashed_stakers() {
			ensure!(
				StakerSlashDue::<T>::get(staker).is_some_and(|marked| marked >= due),
				"a staker an unapplied slash takes from is not marked as waiting for it"
			);
		}
		Ok(())
	}
}
