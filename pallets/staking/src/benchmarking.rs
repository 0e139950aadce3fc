//! Benchmarks of the pallet's calls (frame-benchmarking v2), each set up at its worst case.

use crate::{
	BalanceOf, Call, ChillThreshold, Config, ConfigOp, CurrentEra, Ledger, MaxNominatorsCount,
	MinCommission, MinNominatorBond, MinValidatorBond, Nominators, Pallet, RewardDestination,
	StakingLedger, ValidatorPrefs, Validators,
};
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	EnsureOrigin, Get,
};
use frame_system::RawOrigin;
use sp_runtime::{
	traits::{Saturating, StaticLookup, Zero},
	Perbill, Percent,
};

const SEED: u32 = 0;

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

	#[benchmark]
	fn bond_extra() -> Result<(), BenchmarkError> {
		let stash = staker::<T>("stash", 0)?;
		let amount = bond_amount::<T>();
		whitelist_account!(stash);

		#[extrinsic_call]
		_(RawOrigin::Signed(stash.clone()), amount);

		let doubled = amount.saturating_add(amount);
		assert_eq!(Ledger::<T>::get(&stash).map(|ledger| ledger.active), Some(doubled));
		Ok(())
	}

	/// Worst case: every chunk is in use and matured, so they are withdrawn first.
	#[benchmark]
	fn unbond() -> Result<(), BenchmarkError> {
		let stash = nominator::<T>(0)?;
		MinNominatorBond::<T>::kill();
		let keep = bond_amount::<T>() / 2u32.into();
		matured_chunks::<T>(&stash, T::MaxUnlockingChunks::get(), keep);
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
		whitelist_account!(stash);

		#[extrinsic_call]
		withdraw_unbonded(RawOrigin::Signed(stash.clone()), 0);

		assert!(Ledger::<T>::get(&stash).is_some_and(|ledger| ledger.unlocking.is_empty()));
		Ok(())
	}

	/// Everything is withdrawn and the nominator is removed.
	#[benchmark]
	fn withdraw_unbonded_kill() -> Result<(), BenchmarkError> {
		let stash = nominator::<T>(0)?;
		MinNominatorBond::<T>::kill();
		matured_chunks::<T>(&stash, T::MaxUnlockingChunks::get(), Zero::zero());
		whitelist_account!(stash);

		#[extrinsic_call]
		withdraw_unbonded(RawOrigin::Signed(stash.clone()), 0);

		assert!(Ledger::<T>::get(&stash).is_none());
		Ok(())
	}

	/// Worst case: a nominator turns validator.
	#[benchmark]
	fn validate() -> Result<(), BenchmarkError> {
		let stash = nominator::<T>(0)?;
		let prefs = ValidatorPrefs { commission: MinCommission::<T>::get(), blocked: false };
		whitelist_account!(stash);

		#[extrinsic_call]
		_(RawOrigin::Signed(stash.clone()), prefs);

		assert!(Validators::<T>::contains_key(&stash));
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

	#[benchmark]
	fn chill() -> Result<(), BenchmarkError> {
		let stash = nominator::<T>(0)?;
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

	#[benchmark]
	fn force_unstake() -> Result<(), BenchmarkError> {
		let stash = nominator::<T>(0)?;
		let origin =
			T::AdminOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, stash.clone(), 0);

		assert!(Ledger::<T>::get(&stash).is_none());
		Ok(())
	}

	/// `l` chunks are rebonded, newest first.
	#[benchmark]
	fn rebond(l: Linear<1, { T::MaxUnlockingChunks::get() }>) -> Result<(), BenchmarkError> {
		let stash = staker::<T>("stash", 0)?;
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

	#[benchmark]
	fn reap_stash() -> Result<(), BenchmarkError> {
		let stash = nominator::<T>(0)?;
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

	/// Anyone chills a nominator whose bond fell below a raised minimum.
	#[benchmark]
	fn chill_other() -> Result<(), BenchmarkError> {
		let stash = nominator::<T>(0)?;
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

	impl_benchmark_test_suite!(
		Pallet,
		crate::mock::ExtBuilder::default().build(),
		crate::mock::Test
	);
}
