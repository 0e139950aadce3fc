//! Nomination pools on the full runtime: a holder with 2 PAL joins a pool with 1 PAL, earns
//! with it, leaves after the bonding duration; a slash of the pool's validator reaches the
//! pool, its unbonding members and each member's held funds. Every pallet's invariants hold
//! after each phase.

mod common;

use common::{assert_try_state, dispatch, genesis, Chain};
use frame_support::{
	dispatch::RawOrigin,
	traits::fungible::{Inspect, InspectHold},
};
use palisade_runtime::{
	AccountId, Balances, NominationPools, Runtime, RuntimeHoldReason, Staking, UNITS,
};
use pallet_nomination_pools::{ClaimPermission, PoolMembers};
use serde_json::json;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Ferdie};
use sp_runtime::Perbill;
use sp_staking::StakingInterface;

type PoolsCall = pallet_nomination_pools::Call<Runtime>;
type StakingCall = pallet_palisade_staking::Call<Runtime>;
type BalancesCall = pallet_balances::Call<Runtime>;

fn signed(who: &AccountId) -> RawOrigin<AccountId> {
	RawOrigin::Signed(who.clone())
}

/// What delegated staking holds of `who`'s funds for its pool.
fn delegated(who: &AccountId) -> u128 {
	let reason: RuntimeHoldReason = pallet_delegated_staking::HoldReason::StakingDelegation.into();
	Balances::balance_on_hold(&reason, who)
}

/// A fresh account, funded by Ferdie with `amount`.
fn fresh(seed: u8, amount: u128) -> AccountId {
	let who = AccountId::from([seed; 32]);
	dispatch(
		signed(&Ferdie.to_account_id()),
		BalancesCall::transfer_keep_alive { dest: who.clone().into(), value: amount },
	)
	.unwrap();
	who
}

/// Ferdie opens a pool with 100 PAL, nominating `targets`; returns its id.
fn open_pool(targets: Vec<AccountId>) -> u32 {
	let ferdie = Ferdie.to_account_id();
	dispatch(
		signed(&ferdie),
		PoolsCall::create {
			amount: 100 * UNITS,
			root: ferdie.clone().into(),
			nominator: ferdie.clone().into(),
			bouncer: ferdie.clone().into(),
		},
	)
	.unwrap();
	let pool_id = pallet_nomination_pools::LastPoolId::<Runtime>::get();
	dispatch(signed(&ferdie), PoolsCall::nominate { pool_id, validators: targets }).unwrap();
	pool_id
}

fn era_blocks() -> u32 {
	palisade_runtime::configs::SessionsPerEra::get()
		* palisade_runtime::EPOCH_DURATION_IN_SLOTS as u32
}

#[test]
fn holders_with_two_pal_are_paid_or_compounded_with_no_call_and_leave() {
	let mut ext = genesis(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET, json!({}));
	ext.execute_with(|| {
		let mut chain = Chain::start();
		let pool_id = open_pool(vec![Alice.to_account_id(), Bob.to_account_id()]);
		let member = fresh(7, 2 * UNITS);
		let compounder = fresh(6, 2 * UNITS);
		for who in [&member, &compounder] {
			dispatch(signed(who), PoolsCall::join { amount: UNITS, pool_id }).unwrap();
			assert_eq!(delegated(who), UNITS);
		}
		dispatch(
			signed(&compounder),
			PoolsCall::set_claim_permission { permission: ClaimPermission::PermissionlessCompound },
		)
		.unwrap();
		let (pool, _) = NominationPools::api_pool_accounts(pool_id);
		assert!(Staking::is_virtual_staker(&pool));
		assert_try_state();

		// Exposed from the next era on. With no call from them, the chain pays the member (the
		// default permission) and bonds the compounder's rewards.
		let free = Balances::balance(&member);
		chain.run_until("rewards paid and compounded", 5 * era_blocks(), || {
			Balances::balance(&member) > free
				&& PoolMembers::<Runtime>::get(&compounder).is_some_and(|m| m.points > UNITS)
		});
		let earned = Balances::balance(&member) - free;
		assert!(delegated(&compounder) > UNITS, "the compounder's rewards are bonded");
		assert_eq!(Balances::balance(&compounder), UNITS, "and none paid out");
		assert!(pallet_palisade_pool_upkeep::SweptEra::<Runtime>::get().is_some());
		assert_try_state();

		// Leaving: a full bonding duration from the current era.
		let unbond_era = Staking::current_era() + Staking::bonding_duration();
		dispatch(
			signed(&member),
			PoolsCall::unbond { member_account: member.clone().into(), unbonding_points: UNITS },
		)
		.unwrap();
		chain.run_until(
			"the unbonding era",
			(Staking::bonding_duration() + 2) * era_blocks(),
			|| Staking::current_era() >= unbond_era,
		);
		dispatch(
			signed(&member),
			PoolsCall::withdraw_unbonded {
				member_account: member.clone().into(),
				num_slashing_spans: 0,
			},
		)
		.unwrap();
		assert_eq!(delegated(&member), 0);
		assert!(!PoolMembers::<Runtime>::contains_key(&member));
		assert_eq!(Balances::total_balance(&member), 2 * UNITS + earned);
		assert_try_state();
	});
}

#[test]
fn the_dev_chains_start_with_an_open_pool_that_nominates_and_has_members() {
	for preset in
		[sp_genesis_builder::DEV_RUNTIME_PRESET, sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET]
	{
		genesis(preset, json!({})).execute_with(|| {
			let pool = pallet_nomination_pools::BondedPools::<Runtime>::get(1).expect("pool 1");
			assert_eq!(pool.state, pallet_nomination_pools::PoolState::Open);
			assert_eq!(pool.member_counter, 4);
			let (bonded, _) = NominationPools::api_pool_accounts(1);
			assert_eq!(Staking::total_stake(&bonded), Ok(116 * UNITS));
			assert!(Staking::nominations(&bonded).is_some_and(|targets| !targets.is_empty()));
			assert_try_state();
		});
	}
}

#[test]
fn a_slash_of_the_pools_validator_reaches_every_member_pro_rata() {
	let mut ext = genesis(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET, json!({}));
	ext.execute_with(|| {
		let mut chain = Chain::start();
		let charlie = Charlie.to_account_id();
		let pool_id = open_pool(vec![charlie.clone()]);
		let staying = fresh(8, 20 * UNITS);
		let leaving = fresh(9, 20 * UNITS);
		for member in [&staying, &leaving] {
			dispatch(signed(member), PoolsCall::join { amount: 10 * UNITS, pool_id }).unwrap();
		}
		let (pool, _) = NominationPools::api_pool_accounts(pool_id);
		chain.run_until("the pool exposed behind Charlie", 3 * era_blocks(), || {
			Staking::active_era().is_some_and(|era| Staking::is_exposed_in_era(&pool, &era))
		});
		let era = Staking::active_era().unwrap();

		// Governance slashes Charlie's exposure by a tenth; one member unbonds right after:
		// that stake was at risk and pays its share.
		dispatch(
			RawOrigin::Root,
			StakingCall::manual_slash {
				validator_stash: charlie,
				offence_era: era,
				slash_fraction: Perbill::from_percent(10),
			},
		)
		.unwrap();
		dispatch(
			signed(&leaving),
			PoolsCall::unbond {
				member_account: leaving.clone().into(),
				unbonding_points: 10 * UNITS,
			},
		)
		.unwrap();
		let due = era + palisade_runtime::configs::SlashDeferDuration::get();
		chain.run_until("the slash applied", (due - era + 2) * era_blocks(), || {
			NominationPools::api_pool_pending_slash(pool_id) > 0
		});
		assert_eq!(Staking::total_stake(&pool), Ok(108 * UNITS));
		assert_try_state();

		// Each member owes a tenth, and pays it from its own held funds.
		for member in [&staying, &leaving] {
			assert_eq!(NominationPools::api_member_pending_slash(member.clone()), UNITS);
			dispatch(
				signed(&Bob.to_account_id()),
				PoolsCall::apply_slash { member_account: member.clone().into() },
			)
			.unwrap();
			assert_eq!(delegated(member), 9 * UNITS);
		}
		// Ferdie's tenth waits until someone applies it.
		assert_eq!(NominationPools::api_pool_pending_slash(pool_id), 10 * UNITS);
		assert_try_state();
	});
}

#[test]
fn a_pool_is_destroyed_and_everything_it_bonded_returns_to_its_members() {
	let mut ext = genesis(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET, json!({}));
	ext.execute_with(|| {
		let mut chain = Chain::start();
		let ferdie = Ferdie.to_account_id();
		let pool_id = open_pool(vec![Alice.to_account_id()]);
		let member = fresh(5, 20 * UNITS);
		dispatch(signed(&member), PoolsCall::join { amount: 10 * UNITS, pool_id }).unwrap();
		let (pool, _) = NominationPools::api_pool_accounts(pool_id);
		let ferdie_before = Balances::total_balance(&ferdie);

		// The depositor closes the pool and stops it nominating; then anyone may unbond its
		// members.
		dispatch(
			signed(&ferdie),
			PoolsCall::set_state { pool_id, state: pallet_nomination_pools::PoolState::Destroying },
		)
		.unwrap();
		dispatch(signed(&ferdie), PoolsCall::chill { pool_id }).unwrap();
		dispatch(
			signed(&Bob.to_account_id()),
			PoolsCall::unbond {
				member_account: member.clone().into(),
				unbonding_points: 10 * UNITS,
			},
		)
		.unwrap();
		let unbond_era = Staking::current_era() + Staking::bonding_duration();
		chain.run_until(
			"the member's unbonding era",
			(Staking::bonding_duration() + 2) * era_blocks(),
			|| Staking::current_era() >= unbond_era,
		);
		dispatch(
			signed(&Bob.to_account_id()),
			PoolsCall::withdraw_unbonded {
				member_account: member.clone().into(),
				num_slashing_spans: 0,
			},
		)
		.unwrap();
		assert_eq!(delegated(&member), 0);
		assert_try_state();

		// The depositor leaves last: the pool is dissolved and its stake gone from staking.
		dispatch(
			signed(&ferdie),
			PoolsCall::unbond {
				member_account: ferdie.clone().into(),
				unbonding_points: 100 * UNITS,
			},
		)
		.unwrap();
		let unbond_era = Staking::current_era() + Staking::bonding_duration();
		chain.run_until(
			"the depositor's unbonding era",
			(Staking::bonding_duration() + 2) * era_blocks(),
			|| Staking::current_era() >= unbond_era,
		);
		dispatch(
			signed(&ferdie),
			PoolsCall::withdraw_unbonded {
				member_account: ferdie.clone().into(),
				num_slashing_spans: 0,
			},
		)
		.unwrap();
		assert!(pallet_nomination_pools::BondedPools::<Runtime>::get(pool_id).is_none());
		assert!(Staking::stake(&pool).is_err(), "the pool's stake is gone from staking");
		assert!(!pallet_delegated_staking::Agents::<Runtime>::contains_key(&pool));
		assert_eq!(delegated(&ferdie), 0);
		assert!(Balances::total_balance(&ferdie) >= ferdie_before, "Ferdie has his bond back");
		assert_try_state();
	});
}

#[test]
fn a_sweep_spans_blocks_and_pays_every_member_once() {
	use palisade_runtime::RuntimeEvent;
	use pallet_palisade_pool_upkeep::Event as UpkeepEvent;
	use std::collections::BTreeMap;

	let mut ext = genesis(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET, json!({}));
	ext.execute_with(|| {
		let mut chain = Chain::start();
		let pool_id = open_pool(vec![Alice.to_account_id(), Bob.to_account_id()]);
		// More members than one block's share (5 %) reaches.
		for seed in 10..=200u8 {
			let member = fresh(seed, 2 * UNITS);
			dispatch(signed(&member), PoolsCall::join { amount: UNITS, pool_id }).unwrap();
		}
		let members = PoolMembers::<Runtime>::count();

		// Watch sweeps until one pays every member (once every pool has earned).
		let mut started = None;
		let mut paid: BTreeMap<AccountId, u32> = BTreeMap::new();
		for _ in 0..6 * era_blocks() {
			chain.next_block();
			for event in common::events() {
				match event {
					RuntimeEvent::PoolUpkeep(UpkeepEvent::SweepStarted { .. }) => {
						started = Some(frame_system::Pallet::<Runtime>::block_number());
						paid.clear();
					},
					RuntimeEvent::NominationPools(pallet_nomination_pools::Event::PaidOut {
						member,
						..
					}) => *paid.entry(member).or_default() += 1,
					RuntimeEvent::PoolUpkeep(UpkeepEvent::SweepCompleted {
						paid: count, ..
					}) if count == members => {
						let blocks =
							frame_system::Pallet::<Runtime>::block_number() - started.unwrap();
						assert!(blocks >= 2, "the sweep of {members} members took {blocks} blocks");
						assert_eq!(paid.len() as u32, members);
						assert!(paid.values().all(|times| *times == 1), "each paid once");
						assert_try_state();
						return;
					},
					_ => {},
				}
			}
		}
		panic!("no sweep paid all {members} members");
	});
}
