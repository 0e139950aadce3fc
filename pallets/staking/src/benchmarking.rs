//! Benchmarks of the pallet's calls (frame-benchmarking v2), each set up at its worst case.

use crate::{
	payout::EraPayout, ActiveEra, ActiveEraInfo, BalanceOf, BondedEras, BoundedExposurePage, Call,
	ChillThreshold, ChilledCommission, ClaimedErasCursor, ClaimedRewards, Config, ConfigOp,
	CurrentEra, DeferredVoterUpdates, ElectedStashes, ElectionPhase, EraRewardPoints,
	ErasRewardPaid, ErasRewardPoints, ErasStakersOverview, ErasStakersPaged, ErasValidatorReward,
	ForceEra, Forcing, LastExposedEra, Ledger, MaxNominatorsCount, MinCommission, MinNominatorBond,
	MinValidatorBond, NextEraElection, Nominators, Pallet, PayoutCursor, PendingCommission,
	RewardDestination, SlashComputations, SlashReporters, StakerSlashDue, StakingLedger,
	UnappliedSlash, UnappliedSlashEras, UnappliedSlashOverflow, UnappliedSlashOverflowCount,
	UnappliedSlashes, UnpaidBackings, ValidatorCount, ValidatorPrefs, ValidatorSlashInEra,
	Validators, VoterSnapshotStatus, WeightInfo, EXPOSURE_RECORD_CHUNK, MAX_SLASH_REPORTERS,
};
use alloc::{collections::btree_map::BTreeMap, vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_election_provider_support::{
	BoundedSupportsOf, DataProviderBounds, ElectionDataProvider, ElectionProvider,
	SortedListProvider, Support,
};
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		EnsureOrigin, Get,
	},
	weights::WeightMeter,
	BoundedVec,
};
use frame_system::RawOrigin;
use sp_runtime::{
	traits::{Saturating, StaticLookup, Zero},
	Perbill, Percent,
};
use sp_staking::{EraIndex, ExposurePage, IndividualExposure};

const SEED: u32 = 0;

/// The most validators one page of an election result can hold.
fn max_winners_per_page<T: Config>() -> u32 {
	<T::ElectionProvider as ElectionProvider>::MaxWinnersPerPage::get()
		.min(T::MaxValidatorSet::get())
}

/// What each benchmark staker bonds: ten existential deposits, or the larger minimum bond.
fn bond_amount<T: Config>() -> BalanceOf<T> {
	T::Currency::minimum_balance()
		.saturating_mul(10u32.into())
		.max(MinNominatorBond::<T>::get())
		.max(MinValidatorBond::<T>::get())
}

/// A new account funded with ten times [`bond_amount`].
fn funded_account<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, SEED);
	T::Currency::set_balance(&who, bond_amount::<T>().saturating_mul(10u32.into()));
	who
}

/// A new staker that bonded [`bond_amount`].
fn staker<T: Config>(name: &'static str, index: u32) -> Result<T::AccountId, BenchmarkError> {
	let who = funded_account::<T>(name, index);
	Pallet::<T>::do_bond(who.clone(), bond_amount::<T>(), RewardDestination::Staked)?;
	Ok(who)
}

/// A new validator candidate with the least commission allowed.
fn validator<T: Config>(index: u32) -> Result<T::AccountId, BenchmarkError> {
	let who = staker::<T>("validator", index)?;
	let prefs = ValidatorPrefs { commission: MinCommission::<T>::get(), blocked: false };
	Pallet::<T>::do_validate(who.clone(), prefs)?;
	Ok(who)
}

/// `count` new validator candidates.
fn validators<T: Config>(count: u32) -> Result<Vec<T::AccountId>, BenchmarkError> {
	(0..count).map(validator::<T>).collect()
}

/// A new nominator of `MaxNominations` new validators.
fn nominator<T: Config>(index: u32) -> Result<T::AccountId, BenchmarkError> {
	let targets = (0..T::MaxNominations::get())
		.map(|i| validator::<T>(index.saturating_mul(1_000).saturating_add(i)))
		.collect::<Result<Vec<_>, _>>()?;
	let who = staker::<T>("nominator", index)?;
	Pallet::<T>::do_nominate(who.clone(), targets)?;
	Ok(who)
}

/// Starts the next era's election, as far as this pallet knows: its snapshot may hold anyone.
fn election_running<T: Config>() {
	let era = Pallet::<T>::current_era().saturating_add(1);
	NextEraElection::<T>::put(ElectionPhase::Fetching { era, next_page: 0 });
}

/// Makes era 1 an ended era (era 2 is active) in which each validator was exposed to its
/// stakes and earned points, with a reward to share and every staker's backing unpaid.
fn ended_era_exposing<T: Config>(
	exposures: impl IntoIterator<Item = (T::AccountId, Vec<(T::AccountId, BalanceOf<T>)>)>,
) -> EraIndex {
	let era = 1;
	let mut points = EraRewardPoints::<T>::default();
	for (validator, stakes) in exposures {
		Pallet::<T>::add_exposure(era, &validator, stakes);
		let _ = points.individual.try_insert(validator, 20);
		points.total = points.total.saturating_add(20);
	}
	ErasRewardPoints::<T>::insert(era, points);
	ErasValidatorReward::<T>::insert(era, bond_amount::<T>().saturating_mul(1_000u32.into()));
	CurrentEra::<T>::put(era + 1);
	ActiveEra::<T>::put(ActiveEraInfo { index: era + 1, start: None });
	era
}

/// Moves all but `keep` of `stash`'s active bond into `chunks` chunks that unlocked long ago,
/// and makes the current era late enough for them all to be withdrawable.
fn matured_chunks<T: Config>(stash: &T::AccountId, chunks: u32, keep: BalanceOf<T>) {
	let mut ledger = StakingLedger::<T>::get(stash).expect("the benchmark bonded it");
	let per_chunk = ledger.active.saturating_sub(keep) / chunks.max(1).into();
	for era in 0..chunks {
		ledger.add_unlocking(per_chunk, era).expect("at most MaxUnlockingChunks chunks");
	}
	ledger.update().expect("the hold only changes shape");
	CurrentEra::<T>::put(chunks.saturating_add(T::BondingDuration::get()));
}

/// Makes `era` the active (and current) era, bonded from session 0, so that its stakers can be
/// slashed.
fn slashable_era<T: Config>(era: EraIndex) -> EraIndex {
	CurrentEra::<T>::put(era);
	ActiveEra::<T>::put(ActiveEraInfo { index: era, start: None });
	BondedEras::<T>::put(BoundedVec::truncate_from(vec![(era, 0)]));
	era
}

/// The most reporters an offence pays, each funded.
fn reporters<T: Config>() -> SlashReporters<T> {
	SlashReporters::<T>::truncate_from(
		(0..MAX_SLASH_REPORTERS).map(|i| funded_account::<T>("reporter", i)).collect(),
	)
}

/// A slash of one unit from each of a full page of accounts that are not bonded: an entry that
/// fills an era's list of unapplied slashes.
fn filler_slash<T: Config>(validator: &T::AccountId) -> UnappliedSlash<T> {
	let others = (0..T::MaxExposurePageSize::get())
		.map(|i| (account("filler", i, SEED), 1u32.into()))
		.collect::<Vec<_>>();
	UnappliedSlash {
		validator: validator.clone(),
		own: Zero::zero(),
		others: BoundedVec::truncate_from(others),
		reporters: SlashReporters::<T>::new(),
		payout: Zero::zero(),
	}
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn bond() {
		let stash = funded_account::<T>("stash", 0);
		let amount = bond_amount::<T>();
		whitelist_account!(stash);

		#[extrinsic_call]
		_(RawOrigin::Signed(stash.clone()), amount, RewardDestination::Staked);

		assert_eq!(Ledger::<T>::get(&stash).map(|ledger| ledger.active), Some(amount));
	}

	/// Worst case: a nominator, whose voter-list score moves with its bond.
	#[benchmark]
	fn bond_extra() -> Result<(), BenchmarkError> {
		let stash = nominator::<T>(0)?;
		let amount = bond_amount::<T>();
		whitelist_account!(stash);

		#[extrinsic_call]
		_(RawOrigin::Signed(stash.clone()), amount);

		let doubled = amount.saturating_add(amount);
		assert_eq!(Ledger::<T>::get(&stash).map(|ledger| ledger.active), Some(doubled));
		Ok(())
	}

	/// Worst case: every chunk is in use and matured, so they are withdrawn first; the
	/// nominator was exposed, so the full bonding duration applies; no election runs, so its
	/// exposure record is read.
	#[benchmark]
	fn unbond() -> Result<(), BenchmarkError> {
		let stash = nominator::<T>(0)?;
		NextEraElection::<T>::put(ElectionPhase::Idle);
		MinNominatorBond::<T>::kill();
		let keep = bond_amount::<T>() / 2u32.into();
		matured_chunks::<T>(&stash, T::MaxUnlockingChunks::get(), keep);
		LastExposedEra::<T>::insert(&stash, Pallet::<T>::current_era());
		// A stale mark of a slash long applied: the slash check reads all it can.
		StakerSlashDue::<T>::insert(&stash, 0);
		whitelist_account!(stash);
		let value = T::Currency::minimum_balance();

		#[extrinsic_call]
		_(RawOrigin::Signed(stash.clone()), value);

		let ledger = Ledger::<T>::get(&stash).expect("still bonded");
		assert_eq!(ledger.unlocking.len(), 1);
		Ok(())
	}

	/// `s` matured chunks are withdrawn; the staker stays bonded.
	#[benchmark]
	fn withdraw_unbonded_update(
		s: Linear<1, { T::MaxUnlockingChunks::get() }>,
	) -> Result<(), BenchmarkError> {
		let stash = staker::<T>("stash", 0)?;
		matured_chunks::<T>(&stash, s, bond_amount::<T>() / 2u32.into());
		// A stale mark of a slash long applied: the slash check reads all it can.
		StakerSlashDue::<T>::insert(&stash, 0);
		whitelist_account!(stash);

		#[extrinsic_call]
		withdraw_unbonded(RawOrigin::Signed(stash.clone()), 0);

		assert!(Ledger::<T>::get(&stash).is_some_and(|ledger| ledger.unlocking.is_empty()));
		Ok(())
	}

	/// Everything is withdrawn and the nominator is removed, while an election runs (its
	/// chilling notes it as possibly elected, before the mark goes with the rest).
	#[benchmark]
	fn withdraw_unbonded_kill() -> Result<(), BenchmarkError> {
		let stash = nominator::<T>(0)?;
		election_running::<T>();
		MinNominatorBond::<T>::kill();
		matured_chunks::<T>(&stash, T::MaxUnlockingChunks::get(), Zero::zero());
		// A stale mark of a slash long applied: the slash check reads all it can.
		StakerSlashDue::<T>::insert(&stash, 0);
		whitelist_account!(stash);

		#[extrinsic_call]
		withdraw_unbonded(RawOrigin::Signed(stash.clone()), 0);

		assert!(Ledger::<T>::get(&stash).is_none());
		Ok(())
	}

	/// Worst case: a former validator, nominating now, validates again at a higher commission:
	/// it is counted, and the increase is announced.
	#[benchmark]
	fn validate() -> Result<(), BenchmarkError> {
		let stash = nominator::<T>(0)?;
		let base = MinCommission::<T>::get();
		ChilledCommission::<T>::insert(&stash, base);
		let raised = base
			.saturating_add(T::MaxCommissionIncrease::get())
			.min(T::MaxCommission::get());
		let prefs = ValidatorPrefs { commission: raised, blocked: false };
		whitelist_account!(stash);

		#[extrinsic_call]
		_(RawOrigin::Signed(stash.clone()), prefs);

		assert_eq!(Validators::<T>::get(&stash).commission, base);
		assert_eq!(PendingCommission::<T>::contains_key(&stash), raised > base);
		Ok(())
	}

	/// Worst case: a validator turns nominator of `n` validators.
	#[benchmark]
	fn nominate(n: Linear<1, { T::MaxNominations::get() }>) -> Result<(), BenchmarkError> {
		let targets = validators::<T>(n)?;
		let stash = validator::<T>(n)?;
		let lookups: Vec<_> = targets.iter().cloned().map(T::Lookup::unlookup).collect();
		whitelist_account!(stash);

		#[extrinsic_call]
		_(RawOrigin::Signed(stash.clone()), lookups);

		let nominated = Nominators::<T>::get(&stash).map(|nominations| nominations.targets);
		assert_eq!(nominated.map(|targets| targets.into_inner()), Some(targets));
		Ok(())
	}

	/// While an election runs (the worst case): the nominator is also marked as exposed in
	/// the era being elected.
	#[benchmark]
	fn chill() -> Result<(), BenchmarkError> {
		let stash = nominator::<T>(0)?;
		election_running::<T>();
		whitelist_account!(stash);

		#[extrinsic_call]
		_(RawOrigin::Signed(stash.clone()));

		assert!(!Nominators::<T>::contains_key(&stash));
		Ok(())
	}

	#[benchmark]
	fn set_payee() -> Result<(), BenchmarkError> {
		let stash = staker::<T>("stash", 0)?;
		whitelist_account!(stash);

		#[extrinsic_call]
		_(RawOrigin::Signed(stash.clone()), RewardDestination::Stash);

		assert_eq!(crate::Payee::<T>::get(&stash), Some(RewardDestination::Stash));
		Ok(())
	}

	/// A nominator is removed while an election runs.
	#[benchmark]
	fn force_unstake() -> Result<(), BenchmarkError> {
		let stash = nominator::<T>(0)?;
		election_running::<T>();
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, stash.clone(), 0);

		assert!(Ledger::<T>::get(&stash).is_none());
		Ok(())
	}

	/// `l` chunks of a nominator are rebonded, newest first.
	#[benchmark]
	fn rebond(l: Linear<1, { T::MaxUnlockingChunks::get() }>) -> Result<(), BenchmarkError> {
		let stash = nominator::<T>(0)?;
		MinNominatorBond::<T>::kill();
		let mut ledger = StakingLedger::<T>::get(&stash).expect("bonded above");
		let per_chunk = ledger.active / 2u32.into() / l.into();
		for era in 0..l {
			ledger.add_unlocking(per_chunk, era)?;
		}
		ledger.update()?;
		let all = per_chunk.saturating_mul(l.into());
		whitelist_account!(stash);

		#[extrinsic_call]
		_(RawOrigin::Signed(stash.clone()), all);

		assert!(Ledger::<T>::get(&stash).is_some_and(|ledger| ledger.unlocking.is_empty()));
		Ok(())
	}

	/// A nominator with nothing bonded is removed while an election runs.
	#[benchmark]
	fn reap_stash() -> Result<(), BenchmarkError> {
		let stash = nominator::<T>(0)?;
		election_running::<T>();
		let mut ledger = StakingLedger::<T>::get(&stash).expect("bonded above");
		ledger.total = Zero::zero();
		ledger.active = Zero::zero();
		ledger.update()?;
		let caller = funded_account::<T>("caller", 0);
		whitelist_account!(caller);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), stash.clone(), 0);

		assert!(Ledger::<T>::get(&stash).is_none());
		Ok(())
	}

	/// `k` nominators are kicked.
	#[benchmark]
	fn kick(k: Linear<1, { T::MaxNominations::get() }>) -> Result<(), BenchmarkError> {
		let kicker = validator::<T>(u32::MAX)?;
		let mut kicked = Vec::new();
		for i in 0..k {
			// A full nomination whose last target is the kicker.
			let nominator = nominator::<T>(i)?;
			Nominators::<T>::mutate(&nominator, |nominations| {
				if let Some(last) = nominations.as_mut().and_then(|n| n.targets.last_mut()) {
					*last = kicker.clone();
				}
			});
			kicked.push(nominator);
		}
		let lookups: Vec<_> = kicked.iter().cloned().map(T::Lookup::unlookup).collect();
		whitelist_account!(kicker);

		#[extrinsic_call]
		_(RawOrigin::Signed(kicker.clone()), lookups);

		for nominator in kicked {
			let targets = Nominators::<T>::get(&nominator).expect("still nominating").targets;
			assert!(!targets.contains(&kicker));
		}
		Ok(())
	}

	#[benchmark]
	fn set_staking_configs_all_set() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		set_staking_configs(
			origin as T::RuntimeOrigin,
			ConfigOp::Set(bond_amount::<T>()),
			ConfigOp::Set(bond_amount::<T>()),
			ConfigOp::Set(u32::MAX),
			ConfigOp::Set(u32::MAX),
			ConfigOp::Set(Percent::from_percent(80)),
			ConfigOp::Set(Perbill::from_percent(5)),
		);

		assert_eq!(ChillThreshold::<T>::get(), Some(Percent::from_percent(80)));
		Ok(())
	}

	#[benchmark]
	fn set_staking_configs_all_remove() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		set_staking_configs(
			origin as T::RuntimeOrigin,
			ConfigOp::Remove,
			ConfigOp::Remove,
			ConfigOp::Remove,
			ConfigOp::Remove,
			ConfigOp::Remove,
			ConfigOp::Remove,
		);

		assert!(MaxNominatorsCount::<T>::get().is_none());
		Ok(())
	}

	/// Anyone chills a nominator whose bond fell below a raised minimum, while an election
	/// runs (the worst case, see `chill`).
	#[benchmark]
	fn chill_other() -> Result<(), BenchmarkError> {
		let stash = nominator::<T>(0)?;
		election_running::<T>();
		MinNominatorBond::<T>::put(bond_amount::<T>().saturating_add(1u32.into()));
		MaxNominatorsCount::<T>::put(Nominators::<T>::count());
		ChillThreshold::<T>::put(Percent::from_percent(0));
		let caller = funded_account::<T>("caller", 0);
		whitelist_account!(caller);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), stash.clone());

		assert!(!Nominators::<T>::contains_key(&stash));
		Ok(())
	}

	#[benchmark]
	fn force_apply_min_commission() -> Result<(), BenchmarkError> {
		let stash = validator::<T>(0)?;
		MinCommission::<T>::put(Perbill::from_percent(50));
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, stash.clone());

		assert_eq!(Validators::<T>::get(&stash).commission, Perbill::from_percent(50));
		Ok(())
	}

	#[benchmark]
	fn set_min_commission() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Perbill::from_percent(10));

		assert_eq!(MinCommission::<T>::get(), Perbill::from_percent(10));
		Ok(())
	}

	#[benchmark]
	fn set_validator_count() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let max = T::MaxValidatorSet::get();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, max);

		assert_eq!(ValidatorCount::<T>::get(), max);
		Ok(())
	}

	#[benchmark]
	fn increase_validator_count() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		ValidatorCount::<T>::put(0);
		let max = T::MaxValidatorSet::get();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, max);

		assert_eq!(ValidatorCount::<T>::get(), max);
		Ok(())
	}

	#[benchmark]
	fn scale_validator_count() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		ValidatorCount::<T>::put(T::MaxValidatorSet::get() / 2);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Percent::from_percent(10));

		assert!(ValidatorCount::<T>::get() >= T::MaxValidatorSet::get() / 2);
		Ok(())
	}

	#[benchmark]
	fn force_no_eras() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin);

		assert_eq!(ForceEra::<T>::get(), Forcing::ForceNone);
		Ok(())
	}

	#[benchmark]
	fn force_new_era() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin);

		assert_eq!(ForceEra::<T>::get(), Forcing::ForceNew);
		Ok(())
	}

	#[benchmark]
	fn force_new_era_always() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin);

		assert_eq!(ForceEra::<T>::get(), Forcing::ForceAlways);
		Ok(())
	}

	/// One page of an election result: `v` elected validators backed by `n` stakes in all
	/// (spread evenly), stored as exposures.
	#[benchmark]
	fn store_election_page(
		v: Linear<1, { max_winners_per_page::<T>() }>,
		n: Linear<0, 5_000>,
	) -> Result<(), BenchmarkError> {
		let winners: Vec<T::AccountId> = (0..v).map(|i| account("winner", i, SEED)).collect();
		let mut supports: Vec<_> = winners
			.iter()
			.map(|winner| (winner.clone(), Support { total: 0, voters: vec![(winner.clone(), 1)] }))
			.collect();
		for i in 0..n {
			let backer: T::AccountId = account("backer", i, SEED);
			let index = (i % v) as usize;
			if let Some((_, support)) = supports.get_mut(index) {
				support.voters.push((backer, 1));
				support.total = support.total.saturating_add(1);
			}
		}
		let (supports, _, _) =
			BoundedSupportsOf::<T::ElectionProvider>::sorted_truncate_from(supports);

		#[block]
		{
			Pallet::<T>::store_election_page(1, supports);
		}

		assert_eq!(ElectedStashes::<T>::decode_len(), Some(v as usize));
		assert!(ErasStakersOverview::<T>::contains_key(1, &winners[0]));
		Ok(())
	}

	/// A queued chunk of `u` exposed stakers recorded. (A chunk of an era recorded before
	/// storage version 3 also writes each staker's unpaid backings: `record_exposures` charges
	/// that read and write per staker on top.)
	#[benchmark]
	fn record_exposures(u: Linear<1, EXPOSURE_RECORD_CHUNK>) -> Result<(), BenchmarkError> {
		let stakers = (0..u)
			.map(|i| Ok((staker::<T>("staker", i)?, UnpaidBackings::<T>::default())))
			.collect::<Result<BTreeMap<_, _>, BenchmarkError>>()?;
		let first = stakers.keys().next().cloned();
		Pallet::<T>::queue_exposed(1, stakers);
		// Era 1's election is over (a chain's genesis may have started it): its stakers may be
		// recorded.
		NextEraElection::<T>::put(ElectionPhase::Idle);
		let mut meter = WeightMeter::new();

		#[block]
		{
			Pallet::<T>::record_exposures(&mut meter);
		}

		assert!(!Pallet::<T>::has_unrecorded_exposures());
		assert_eq!(first.map(LastExposedEra::<T>::get), Some(Some(1)));
		Ok(())
	}

	/// `payout_stakers_by_page` of a page of `n` nominators, all paid into their bonds.
	#[benchmark]
	fn payout_stakers_by_page(
		n: Linear<0, { T::MaxExposurePageSize::get() }>,
	) -> Result<(), BenchmarkError> {
		let validator = validator::<T>(0)?;
		let mut stakes = vec![(validator.clone(), bond_amount::<T>())];
		for i in 0..n {
			let nominator = staker::<T>("nominator", i)?;
			Pallet::<T>::do_nominate(nominator.clone(), vec![validator.clone()])?;
			stakes.push((nominator, bond_amount::<T>()));
		}
		let era = ended_era_exposing::<T>([(validator.clone(), stakes)]);
		let caller: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), validator.clone(), era, 0);

		assert_eq!(ClaimedRewards::<T>::get(era, &validator).to_vec(), vec![0]);
		assert!(!ErasRewardPaid::<T>::get(era).is_zero(), "the page is paid");
		Ok(())
	}

	/// The automatic payout's opening of a page of `MaxExposurePageSize` nominators (the
	/// largest): claiming it, reading it, and working out its validator's part.
	#[benchmark]
	fn read_payout_page() -> Result<(), BenchmarkError> {
		let validator = validator::<T>(0)?;
		let mut stakes = vec![(validator.clone(), bond_amount::<T>())];
		for i in 0..T::MaxExposurePageSize::get() {
			stakes.push((account::<T::AccountId>("nominator", i, SEED), bond_amount::<T>()));
		}
		let era = ended_era_exposing::<T>([(validator.clone(), stakes)]);
		let mut payout = EraPayout::<T>::load(era).ok_or(BenchmarkError::Stop("era ended"))?;
		let page = PayoutCursor { validator: validator.clone(), page: 0, next: 0 };
		let stakers;

		#[block]
		{
			stakers = Pallet::<T>::open_page(&mut payout, &page).map(|stakers| stakers.len());
		}

		assert_eq!(stakers, Some(T::MaxExposurePageSize::get() as usize + 1));
		assert_eq!(ClaimedRewards::<T>::get(era, &validator).to_vec(), vec![0]);
		Ok(())
	}

	/// The automatic payout of one nominator on a page it has opened, into the nominator's
	/// bond. The voter list is not touched: its own rebagging brings the score up later.
	#[benchmark]
	fn pay_page_staker() -> Result<(), BenchmarkError> {
		let validator = validator::<T>(0)?;
		let nominator = staker::<T>("nominator", 0)?;
		Pallet::<T>::do_nominate(nominator.clone(), vec![validator.clone()])?;
		let stakes =
			vec![(validator.clone(), bond_amount::<T>()), (nominator.clone(), bond_amount::<T>())];
		let era = ended_era_exposing::<T>([(validator.clone(), stakes)]);
		let mut payout = EraPayout::<T>::load(era).ok_or(BenchmarkError::Stop("era ended"))?;
		let page = PayoutCursor { validator: validator.clone(), page: 0, next: 0 };
		Pallet::<T>::open_page(&mut payout, &page).ok_or(BenchmarkError::Stop("page opened"))?;
		let bonded = StakingLedger::<T>::get(&nominator).map(|ledger| ledger.active);
		let stake = bond_amount::<T>();

		#[block]
		{
			Pallet::<T>::pay_backing(&mut payout, &validator, 0, &nominator, stake);
		}

		let now_bonded = StakingLedger::<T>::get(&nominator).map(|ledger| ledger.active);
		assert!(now_bonded > bonded, "the reward is bonded");
		Ok(())
	}

	/// A step of the backfill that storage version 4 started: reading the validator after the
	/// cursor's in an era (the cursor resuming after another), and listing the era, all of whose
	/// pages are claimed, in the validator's ledger when the list is the longest the history
	/// holds and the era goes first.
	#[benchmark]
	fn backfill_claimed_era() -> Result<(), BenchmarkError> {
		let validators = [validator::<T>(0)?, validator::<T>(1)?];
		let era = ended_era_exposing::<T>(
			validators.clone().map(|v| (v.clone(), vec![(v, bond_amount::<T>())])),
		);
		let depth = T::HistoryDepth::get();
		ActiveEra::<T>::put(ActiveEraInfo { index: era.saturating_add(depth), start: None });
		for validator in &validators {
			let mut ledger = StakingLedger::<T>::get(validator).ok_or("bonded")?;
			let later: Vec<EraIndex> = (era.saturating_add(1)..era.saturating_add(depth)).collect();
			ledger.legacy_claimed_rewards = BoundedVec::try_from(later).map_err(|_| "fits")?;
			Ledger::<T>::insert(validator, ledger);
			ClaimedRewards::<T>::insert(era, validator, BoundedVec::truncate_from(vec![0]));
		}
		let first = ClaimedRewards::<T>::iter_key_prefix(era).next();
		let cursor = ClaimedErasCursor { era, after: first.clone() };
		let listed;

		#[block]
		{
			listed = Pallet::<T>::next_claimed(&cursor).map(|(next, claimed)| {
				Pallet::<T>::list_if_claimed(era, &next, &claimed);
				next
			});
		}

		let second = listed.ok_or("a second validator")?;
		assert!(Some(&second) != first.as_ref());
		let eras = StakingLedger::<T>::get(&second).map(|ledger| ledger.legacy_claimed_rewards);
		assert_eq!(eras.and_then(|eras| eras.first().copied()), Some(era));
		Ok(())
	}

	/// A page of `v` voters taken from the voter list for the election snapshot.
	#[benchmark]
	fn electing_voters(v: Linear<1, 500>) -> Result<(), BenchmarkError> {
		let targets = validators::<T>(T::MaxNominations::get())?;
		for i in 0..v {
			let who = staker::<T>("voter", i)?;
			Pallet::<T>::do_nominate(who, targets.clone())?;
		}
		let bounds = DataProviderBounds::default();
		let all_voters = T::VoterList::count() as usize;
		let voters;

		#[block]
		{
			voters = <Pallet<T> as ElectionDataProvider>::electing_voters(bounds, 0)?;
		}

		assert_eq!(voters.len(), all_voters);
		Ok(())
	}

	/// A staker whose change a voter snapshot deferred is brought up to date once the snapshot
	/// is done: a nominator whose bond grew a hundredfold moves to another bag of the voter
	/// list, leaving voters behind in its old bag and joining others in the new one.
	#[benchmark]
	fn apply_deferred_voter_update() -> Result<(), BenchmarkError> {
		let targets = validators::<T>(1)?;
		let grown = bond_amount::<T>().saturating_mul(100u32.into());
		let mut nominators = Vec::new();
		for i in 0..5 {
			let who = staker::<T>("voter", i)?;
			Pallet::<T>::do_nominate(who.clone(), targets.clone())?;
			nominators.push(who);
		}
		for who in &nominators[3..] {
			T::Currency::set_balance(who, grown.saturating_mul(2u32.into()));
			Pallet::<T>::do_bond_extra(who.clone(), grown)?;
		}
		let mover = nominators[1].clone();
		Pallet::<T>::set_voter_snapshot(VoterSnapshotStatus::Ongoing(nominators[0].clone()));
		T::Currency::set_balance(&mover, grown.saturating_mul(2u32.into()));
		Pallet::<T>::do_bond_extra(mover.clone(), grown)?;
		assert!(DeferredVoterUpdates::<T>::contains_key(&mover));
		Pallet::<T>::set_voter_snapshot(VoterSnapshotStatus::Consumed);
		let mut meter = WeightMeter::with_limit(T::WeightInfo::apply_deferred_voter_update());

		#[block]
		{
			Pallet::<T>::apply_deferred_voter_updates(&mut meter);
		}

		assert_eq!(DeferredVoterUpdates::<T>::count(), 0);
		let active = Ledger::<T>::get(&mover).map(|ledger| ledger.active);
		assert_eq!(T::VoterList::get_score(&mover).ok(), active);
		Ok(())
	}

	/// `t` validator candidates considered for the election: each one's own stake is read,
	/// they are sorted by it, and each one's session keys are looked up; those without keys
	/// (the benchmark's own) are left out, so every candidate is looked at. (The weight is
	/// linear in `t`; the range stops at 2,000 candidates to keep the run short.)
	#[benchmark]
	fn electable_targets(
		t: Linear<1, { T::MaxValidatorCandidates::get().min(2_000) }>,
	) -> Result<(), BenchmarkError> {
		validators::<T>(t)?;
		let all = Validators::<T>::count() as usize;
		let targets;

		#[block]
		{
			targets = <Pallet<T> as ElectionDataProvider>::electable_targets(
				DataProviderBounds::default(),
				0,
			)?;
		}

		assert!(targets.len() <= all);
		Ok(())
	}

	/// `k` keys of an old era are removed.
	#[benchmark]
	fn clear_era_keys(k: Linear<0, 1_000>) -> Result<(), BenchmarkError> {
		let validator: T::AccountId = account("validator", 0, SEED);
		let nominator: T::AccountId = account("nominator", 0, SEED);
		let page = ExposurePage {
			page_total: bond_amount::<T>(),
			others: vec![IndividualExposure { who: nominator, value: bond_amount::<T>() }],
		};
		for index in 0..k {
			ErasStakersPaged::<T>::insert(
				(0, &validator, index),
				BoundedExposurePage(page.clone()),
			);
		}
		let done;

		#[block]
		{
			done = Pallet::<T>::clear_era(0, &mut WeightMeter::new());
		}

		assert!(done);
		assert_eq!(ErasStakersPaged::<T>::iter_prefix((0,)).count(), 0);
		Ok(())
	}

	/// `o` offenders of the active era reported at once, each with the most reporters, while
	/// an election runs (each chilled offender is noted as possibly elected).
	#[benchmark]
	fn report_offences(o: Linear<1, 100>) -> Result<(), BenchmarkError> {
		let era = slashable_era::<T>(1);
		let offenders = validators::<T>(o)?;
		election_running::<T>();
		for validator in &offenders {
			Pallet::<T>::add_exposure(
				era,
				validator,
				vec![(validator.clone(), bond_amount::<T>())],
			);
		}
		let reporters = reporters::<T>();

		#[block]
		{
			for validator in &offenders {
				Pallet::<T>::report_offence(
					validator,
					era,
					Perbill::from_percent(10),
					reporters.clone(),
				);
			}
		}

		assert_eq!(SlashComputations::<T>::iter().count(), o as usize);
		Ok(())
	}

	/// Working out the slash of an exposure page of `n` nominators, each marked as waiting
	/// for it, into the last place of its era's list in `UnappliedSlashes`.
	#[benchmark]
	fn compute_slash_page(
		n: Linear<0, { T::MaxExposurePageSize::get() }>,
	) -> Result<(), BenchmarkError> {
		let era = slashable_era::<T>(1);
		let validator = validator::<T>(0)?;
		let due = era.saturating_add(T::SlashDeferDuration::get());
		let fillers = T::MaxUnappliedSlashes::get().saturating_sub(1) as usize;
		let slashes = vec![filler_slash::<T>(&validator); fillers];
		UnappliedSlashes::<T>::insert(due, BoundedVec::truncate_from(slashes));
		let stakes = core::iter::once((validator.clone(), bond_amount::<T>())).chain(
			(0..n).map(|i| (account::<T::AccountId>("nominator", i, SEED), bond_amount::<T>())),
		);
		Pallet::<T>::add_exposure(era, &validator, stakes);
		Pallet::<T>::report_offence(&validator, era, Perbill::from_percent(10), reporters::<T>());
		let mut computation =
			SlashComputations::<T>::get(0).ok_or(BenchmarkError::Stop("queued"))?;

		#[block]
		{
			Pallet::<T>::compute_slash_page(&mut computation);
		}

		assert_eq!(
			UnappliedSlashes::<T>::get(due).last().map(|slash| slash.others.len()),
			Some(n as usize)
		);
		Ok(())
	}

	/// Applying the last slash of an era full of slashes of full pages: a page of `n`
	/// nominators who nominate, and the validator, paying the most reporters.
	#[benchmark]
	fn apply_slash_page(
		n: Linear<0, { T::MaxExposurePageSize::get() }>,
	) -> Result<(), BenchmarkError> {
		let offence_era = 1;
		let due = slashable_era::<T>(offence_era.saturating_add(T::SlashDeferDuration::get()));
		let validator = validator::<T>(0)?;
		let mut others = Vec::new();
		for i in 0..n {
			let nominator = staker::<T>("nominator", i)?;
			Pallet::<T>::do_nominate(nominator.clone(), vec![validator.clone()])?;
			others.push((nominator, bond_amount::<T>() / 2u32.into()));
		}
		let fillers = T::MaxUnappliedSlashes::get().saturating_sub(1) as usize;
		let mut slashes = vec![filler_slash::<T>(&validator); fillers];
		slashes.push(UnappliedSlash {
			validator: validator.clone(),
			own: bond_amount::<T>() / 2u32.into(),
			others: BoundedVec::truncate_from(others),
			reporters: reporters::<T>(),
			payout: bond_amount::<T>(),
		});
		UnappliedSlashes::<T>::insert(due, BoundedVec::truncate_from(slashes));
		UnappliedSlashEras::<T>::put(BoundedVec::truncate_from(vec![due]));
		ValidatorSlashInEra::<T>::insert(
			offence_era,
			&validator,
			(Perbill::from_percent(50), BalanceOf::<T>::zero()),
		);
		let applied;

		#[block]
		{
			applied = Pallet::<T>::apply_last_slash(due, n);
		}

		assert_eq!(applied, Some(n));
		let ledger = StakingLedger::<T>::get(&validator).ok_or(BenchmarkError::Stop("bonded"))?;
		assert_eq!(ledger.active, bond_amount::<T>() - bond_amount::<T>() / 2u32.into());
		Ok(())
	}

	/// Cancelling `n` slashes of an era whose list holds full pages: the first (so its list
	/// in `UnappliedSlashes`, full, is read and written whole) and `n - 1` beyond it, each
	/// replaced by the last.
	#[benchmark]
	fn cancel_deferred_slash(
		n: Linear<1, { T::MaxUnappliedSlashes::get() }>,
	) -> Result<(), BenchmarkError> {
		let origin = T::SlashCancelOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		let era = 2;
		let validator: T::AccountId = account("validator", 0, SEED);
		let listed = T::MaxUnappliedSlashes::get();
		let slashes = vec![filler_slash::<T>(&validator); listed as usize];
		UnappliedSlashes::<T>::insert(era, BoundedVec::truncate_from(slashes));
		let beyond = n.saturating_mul(2);
		for place in 0..beyond {
			UnappliedSlashOverflow::<T>::insert(era, place, filler_slash::<T>(&validator));
		}
		UnappliedSlashOverflowCount::<T>::insert(era, beyond);
		UnappliedSlashEras::<T>::put(BoundedVec::truncate_from(vec![era]));
		let indices: Vec<u32> =
			core::iter::once(0).chain((1..n).map(|i| listed.saturating_add(i))).collect();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, era, indices);

		assert_eq!(Pallet::<T>::unapplied_slash_count(era), listed.saturating_add(n));
		Ok(())
	}

	/// Governance slashes a validator of the active era.
	#[benchmark]
	fn manual_slash() -> Result<(), BenchmarkError> {
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let era = slashable_era::<T>(1);
		let validator = validator::<T>(0)?;
		Pallet::<T>::add_exposure(era, &validator, vec![(validator.clone(), bond_amount::<T>())]);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, validator.clone(), era, Perbill::from_percent(10));

		assert_eq!(SlashComputations::<T>::iter().count(), 1);
		Ok(())
	}

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
