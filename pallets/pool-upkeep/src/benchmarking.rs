//! Benchmarks of the sweep: a member's step in its worst case, and a sweep's start and end.

use crate::{BenchmarkHelper, Config, Pallet, Sweep, SweepState, SweepTally, SweptEra, Tally};
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, Get};
use frame_system::RawOrigin;
use pallet_nomination_pools::{
	adapter::StakeStrategy, ClaimPermission, MinCreateBond, MinJoinBond, Pallet as Pools,
};
use sp_runtime::traits::{Bounded, StaticLookup, Zero};

/// A funded account.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let _ = <T as pallet_nomination_pools::Config>::Currency::set_balance(
		&who,
		crate::BalanceOf::<T>::max_value() / 1_000_000u32.into(),
	);
	who
}

/// A pool whose member has rewards to compound and a slash to apply: the heaviest step.
fn member_with_rewards_and_a_slash<T: Config>() -> T::AccountId {
	let depositor = funded::<T>("depositor", 0);
	let bond = Pools::<T>::depositor_min_bond() * 10u32.into();
	let lookup = T::Lookup::unlookup(depositor.clone());
	Pools::<T>::create(
		RawOrigin::Signed(depositor.clone()).into(),
		bond,
		lookup.clone(),
		lookup.clone(),
		lookup,
	)
	.expect("the depositor creates a pool");
	let pool_id = pallet_nomination_pools::LastPoolId::<T>::get();
	let member = funded::<T>("member", 0);
	let amount = MinJoinBond::<T>::get().max(MinCreateBond::<T>::get()) * 10u32.into();
	Pools::<T>::join(RawOrigin::Signed(member.clone()).into(), amount, pool_id)
		.expect("the member joins");
	Pools::<T>::set_claim_permission(
		RawOrigin::Signed(member.clone()).into(),
		ClaimPermission::PermissionlessAll,
	)
	.expect("the member lets anyone compound");
	let (bonded, reward) = Pools::<T>::api_pool_accounts(pool_id);
	let _ = <T as pallet_nomination_pools::Config>::Currency::mint_into(&reward, amount);
	T::BenchmarkHelper::slash_pool(&bonded, bond / 10u32.into());
	member
}

/// A pool whose members unbonded in as many eras as it keeps unbonding sub-pools, each of
/// which a slash may reach: the most a slash report makes the pools write.
fn pool_unbonding_in_every_era<T: Config>() -> (T::AccountId, Vec<sp_staking::EraIndex>) {
	let depositor = funded::<T>("depositor", 0);
	let bond = Pools::<T>::depositor_min_bond() * 10u32.into();
	let lookup = T::Lookup::unlookup(depositor.clone());
	Pools::<T>::create(
		RawOrigin::Signed(depositor).into(),
		bond,
		lookup.clone(),
		lookup.clone(),
		lookup,
	)
	.expect("the depositor creates a pool");
	let pool_id = pallet_nomination_pools::LastPoolId::<T>::get();
	let amount = MinJoinBond::<T>::get().max(MinCreateBond::<T>::get()) * 10u32.into();
	let eras = <T as pallet_nomination_pools::Config>::MaxUnbondingPools::get()
		.saturating_sub(T::StakeAdapter::bonding_duration());
	let mut unbond_eras = Vec::new();
	for era in 0..eras.max(1) {
		T::BenchmarkHelper::set_era(era);
		let member = funded::<T>("member", era);
		Pools::<T>::join(RawOrigin::Signed(member.clone()).into(), amount, pool_id)
			.expect("the member joins");
		Pools::<T>::unbond(
			RawOrigin::Signed(member.clone()).into(),
			T::Lookup::unlookup(member),
			amount,
		)
		.expect("the member unbonds");
		unbond_eras.push(era + T::StakeAdapter::bonding_duration());
	}
	(Pools::<T>::api_pool_accounts(pool_id).0, unbond_eras)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The pools and delegated staking told of a slash of a pool's stake and of each of its
	/// unbonding sub-pools.
	#[benchmark]
	fn pool_slash_listeners() {
		let (pool, eras) = pool_unbonding_in_every_era::<T>();
		let unlocking = eras.into_iter().map(|era| (era, 1u32.into())).collect();
		let active = MinCreateBond::<T>::get();

		#[block]
		{
			T::BenchmarkHelper::notify_slash(&pool, active, &unlocking, active);
		}
	}

	/// The pools and delegated staking told of a pool's withdrawal.
	#[benchmark]
	fn pool_withdraw_listeners() {
		let (pool, _) = pool_unbonding_in_every_era::<T>();

		#[block]
		{
			T::BenchmarkHelper::notify_withdraw(&pool, 1u32.into());
		}
	}

	/// One member's step: its pending slash applied, its rewards compounded.
	#[benchmark]
	fn upkeep_member() {
		let member = member_with_rewards_and_a_slash::<T>();
		assert!(!Pools::<T>::api_member_pending_slash(member.clone()).is_zero());
		let mut tally = SweepTally::default();

		#[block]
		{
			Pallet::<T>::upkeep(&member, &mut tally);
		}

		assert_eq!((tally.slashes, tally.compounded), (1, 1));
	}

	/// A sweep's start (a new era) and end (no member left): its bookkeeping and events.
	#[benchmark]
	fn sweep_boundary() {
		// No member: a member's step is measured on its own.
		let _ = pallet_nomination_pools::PoolMembers::<T>::clear(u32::MAX, None);
		let era = T::StakeAdapter::current_era();
		SweptEra::<T>::put(era.saturating_sub(1));
		Tally::<T>::put(SweepTally::default());
		let mut meter = frame_support::weights::WeightMeter::new();

		#[block]
		{
			Pallet::<T>::sweep(&mut meter);
		}

		assert_eq!(Sweep::<T>::get(), SweepState::Idle);
		assert_eq!(SweptEra::<T>::get(), Some(era));
	}
}
