//! Benchmarks of the sweep (a member's step, the worst and the idle one; a sweep's start and
//! end), of what the pools do when the staking pallet reports a pool's slash or withdrawal,
//! and of the pools' calls that reach the staking pallet, measured with this host (the
//! runtime charges each such call the larger of this and upstream's scaled weight).

use crate::{BenchmarkHelper, Config, Pallet, Sweep, SweepState, SweepTally, SweptEra, Tally};
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, Get};
use frame_system::RawOrigin;
use pallet_nomination_pools::{
	adapter::StakeStrategy, ClaimPermission, MinCreateBond, MinJoinBond, Pallet as Pools, PoolId,
	PoolState,
};
use sp_runtime::traits::{Bounded, StaticLookup, Zero};
use sp_staking::EraIndex;

type BalanceOf<T> = crate::BalanceOf<T>;

/// A funded account.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let _ = <T as pallet_nomination_pools::Config>::Currency::set_balance(
		&who,
		BalanceOf::<T>::max_value() / 1_000_000u32.into(),
	);
	who
}

/// What a member joins with: well above the minimum, so that it can unbond in many eras.
fn member_bond<T: Config>() -> BalanceOf<T> {
	MinJoinBond::<T>::get().max(MinCreateBond::<T>::get()).max(1u32.into()) * 1_000u32.into()
}

/// `member`'s points in its pool (0 if it is no member).
fn member_points<T: Config>(member: &T::AccountId) -> BalanceOf<T> {
	pallet_nomination_pools::PoolMembers::<T>::get(member)
		.map(|member| member.points)
		.unwrap_or_default()
}

/// A pool created by a funded depositor; returns its id and its depositor.
fn pool<T: Config>() -> (PoolId, T::AccountId) {
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
	(pallet_nomination_pools::LastPoolId::<T>::get(), depositor)
}

/// `member` joins `pool_id` and unbonds a little in each of `eras` eras, from era 0 on.
fn join_and_unbond_in_eras<T: Config>(pool_id: PoolId, member: &T::AccountId, eras: u32) {
	Pools::<T>::join(RawOrigin::Signed(member.clone()).into(), member_bond::<T>(), pool_id)
		.expect("the member joins");
	let points = Pools::<T>::api_balance_to_points(pool_id, member_bond::<T>() / 1_000u32.into());
	for era in 0..eras {
		T::BenchmarkHelper::set_era(era);
		Pools::<T>::unbond(
			RawOrigin::Signed(member.clone()).into(),
			T::Lookup::unlookup(member.clone()),
			points,
		)
		.expect("the member unbonds");
	}
}

/// A pool whose members unbonded in `eras` eras, one each: a slash report may reach each of
/// their unbonding sub-pools. Returns the pool's bonded account and the eras its sub-pools
/// are keyed by.
fn pool_unbonding_in_eras<T: Config>(eras: u32) -> (T::AccountId, Vec<EraIndex>) {
	let (pool_id, _) = pool::<T>();
	for era in 0..eras {
		T::BenchmarkHelper::set_era(era);
		let member = funded::<T>("member", era);
		Pools::<T>::join(RawOrigin::Signed(member.clone()).into(), member_bond::<T>(), pool_id)
			.expect("the member joins");
		Pools::<T>::unbond(
			RawOrigin::Signed(member.clone()).into(),
			T::Lookup::unlookup(member),
			member_bond::<T>(),
		)
		.expect("the member unbonds");
	}
	let eras = (0..eras).map(|era| era + T::StakeAdapter::bonding_duration()).collect();
	(Pools::<T>::api_pool_accounts(pool_id).0, eras)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// The pools and the pallet holding their funds told of a slash of a pool's stake and of
	/// `u` of its unbonding sub-pools (the runtime charges it at `MaxUnbondingPools`).
	#[benchmark]
	fn pool_slash_listeners(u: Linear<1, 6>) {
		let (pool, eras) = pool_unbonding_in_eras::<T>(u);
		let unlocking = eras.into_iter().map(|era| (era, 1u32.into())).collect();
		let active = MinCreateBond::<T>::get();

		#[block]
		{
			T::BenchmarkHelper::notify_slash(&pool, active, &unlocking, active);
		}
	}

	/// The pools and the pallet holding their funds told of a pool's withdrawal.
	#[benchmark]
	fn pool_withdraw_listeners() {
		let (pool, _) = pool_unbonding_in_eras::<T>(1);

		#[block]
		{
			T::BenchmarkHelper::notify_withdraw(&pool, 1u32.into());
		}
	}

	/// The heaviest step: a member unbonding in `MaxUnbonding` eras, whose pending slash is
	/// applied, and whose rewards its pool (being destroyed) refuses to compound, so they are
	/// paid instead.
	#[benchmark]
	fn upkeep_member() {
		let (pool_id, depositor) = pool::<T>();
		let member = funded::<T>("member", 0);
		let eras = <T as pallet_nomination_pools::Config>::MaxUnbonding::get();
		join_and_unbond_in_eras::<T>(pool_id, &member, eras);
		Pools::<T>::set_claim_permission(
			RawOrigin::Signed(member.clone()).into(),
			ClaimPermission::PermissionlessAll,
		)
		.expect("the member lets anyone compound or pay");
		Pools::<T>::set_state(RawOrigin::Signed(depositor).into(), pool_id, PoolState::Destroying)
			.expect("the depositor destroys the pool");
		let (bonded, reward) = Pools::<T>::api_pool_accounts(pool_id);
		let _ = <T as pallet_nomination_pools::Config>::Currency::mint_into(
			&reward,
			member_bond::<T>(),
		);
		T::BenchmarkHelper::slash_pool(&bonded, Pools::<T>::depositor_min_bond());
		assert!(!Pools::<T>::api_member_pending_slash(member.clone()).is_zero());
		let mut tally = SweepTally::default();

		#[block]
		{
			Pallet::<T>::upkeep(&member, &mut tally);
		}

		assert_eq!((tally.slashes, tally.compounded, tally.paid), (1, 0, 1));
	}

	/// The step of a member with nothing to do: it is looked at (its pending slash and
	/// rewards worked out), and left.
	#[benchmark]
	fn upkeep_member_idle() {
		let (pool_id, _) = pool::<T>();
		let member = funded::<T>("member", 0);
		let eras = <T as pallet_nomination_pools::Config>::MaxUnbonding::get();
		join_and_unbond_in_eras::<T>(pool_id, &member, eras);
		let mut tally = SweepTally::default();

		#[block]
		{
			Pallet::<T>::upkeep(&member, &mut tally);
		}

		assert_eq!(tally, SweepTally::default());
	}

	/// `pallet_nomination_pools::create`: a new pool's virtual bond in the staking pallet.
	#[benchmark]
	fn pools_create() -> Result<(), BenchmarkError> {
		let pools_before = pallet_nomination_pools::LastPoolId::<T>::get();
		let depositor = funded::<T>("depositor", 0);
		let bond = Pools::<T>::depositor_min_bond() * 10u32.into();
		let lookup = T::Lookup::unlookup(depositor.clone());

		#[block]
		{
			Pools::<T>::create(
				RawOrigin::Signed(depositor).into(),
				bond,
				lookup.clone(),
				lookup.clone(),
				lookup,
			)?;
		}

		assert_eq!(pallet_nomination_pools::LastPoolId::<T>::get(), pools_before + 1);
		Ok(())
	}

	/// `pallet_nomination_pools::join`: a member's delegation and its pool's bond growing in
	/// the staking pallet.
	#[benchmark]
	fn pools_join() -> Result<(), BenchmarkError> {
		let (pool_id, _) = pool::<T>();
		let member = funded::<T>("member", 0);

		#[block]
		{
			Pools::<T>::join(
				RawOrigin::Signed(member.clone()).into(),
				member_bond::<T>(),
				pool_id,
			)?;
		}

		assert!(pallet_nomination_pools::PoolMembers::<T>::contains_key(&member));
		Ok(())
	}

	/// `pallet_nomination_pools::bond_extra` by another account, compounding a member's
	/// rewards into its pool's bond.
	#[benchmark]
	fn pools_bond_extra_other() -> Result<(), BenchmarkError> {
		let (pool_id, _) = pool::<T>();
		let member = funded::<T>("member", 0);
		Pools::<T>::join(RawOrigin::Signed(member.clone()).into(), member_bond::<T>(), pool_id)
			.expect("the member joins");
		Pools::<T>::set_claim_permission(
			RawOrigin::Signed(member.clone()).into(),
			ClaimPermission::PermissionlessAll,
		)
		.expect("the member lets anyone compound");
		let reward = Pools::<T>::api_pool_accounts(pool_id).1;
		let _ = <T as pallet_nomination_pools::Config>::Currency::mint_into(
			&reward,
			member_bond::<T>(),
		);
		let caller = funded::<T>("caller", 0);
		let before = member_points::<T>(&member);

		#[block]
		{
			Pools::<T>::bond_extra_other(
				RawOrigin::Signed(caller).into(),
				T::Lookup::unlookup(member.clone()),
				pallet_nomination_pools::BondExtra::Rewards,
			)?;
		}

		assert!(member_points::<T>(&member) > before);
		Ok(())
	}

	/// `pallet_nomination_pools::unbond`: the pool unbonds in the staking pallet, which first
	/// withdraws the pool's chunks due and then reports the withdrawal; the pool's unbonding
	/// sub-pools are full, so the oldest merge.
	#[benchmark]
	fn pools_unbond() -> Result<(), BenchmarkError> {
		let (pool_id, _) = pool::<T>();
		let eras = <T as pallet_nomination_pools::Config>::MaxUnbonding::get();
		let earlier = funded::<T>("earlier", 0);
		join_and_unbond_in_eras::<T>(pool_id, &earlier, eras);
		let member = funded::<T>("member", 0);
		Pools::<T>::join(RawOrigin::Signed(member.clone()).into(), member_bond::<T>(), pool_id)
			.expect("the member joins");
		let now = eras.saturating_add(T::StakeAdapter::bonding_duration());
		T::BenchmarkHelper::set_era(now);
		let points = member_points::<T>(&member);

		#[block]
		{
			Pools::<T>::unbond(
				RawOrigin::Signed(member.clone()).into(),
				T::Lookup::unlookup(member.clone()),
				points,
			)?;
		}

		assert!(member_points::<T>(&member).is_zero());
		Ok(())
	}

	/// `pallet_nomination_pools::withdraw_unbonded` of a member's last funds: the pool
	/// withdraws in the staking pallet, reports it, and the member is removed.
	#[benchmark]
	fn pools_withdraw_unbonded_kill() -> Result<(), BenchmarkError> {
		let (pool_id, _) = pool::<T>();
		let member = funded::<T>("member", 0);
		Pools::<T>::join(RawOrigin::Signed(member.clone()).into(), member_bond::<T>(), pool_id)
			.expect("the member joins");
		T::BenchmarkHelper::set_era(0);
		Pools::<T>::unbond(
			RawOrigin::Signed(member.clone()).into(),
			T::Lookup::unlookup(member.clone()),
			member_bond::<T>(),
		)
		.expect("the member unbonds");
		T::BenchmarkHelper::set_era(T::StakeAdapter::bonding_duration());

		#[block]
		{
			Pools::<T>::withdraw_unbonded(
				RawOrigin::Signed(member.clone()).into(),
				T::Lookup::unlookup(member.clone()),
				u32::MAX,
			)?;
		}

		assert!(!pallet_nomination_pools::PoolMembers::<T>::contains_key(&member));
		Ok(())
	}

	/// A sweep's start (a new era) and end (no member left): its bookkeeping and events.
	#[benchmark]
	fn sweep_boundary() {
		// No member: a member's step is measured on its own.
		let _ = pallet_nomination_pools::PoolMembers::<T>::clear(u32::MAX, None);
		let era = 1;
		T::BenchmarkHelper::set_era(era);
		SweptEra::<T>::put(era - 1);
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
