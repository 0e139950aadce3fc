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
use pallet_nomination_pools::PoolMembers;
use serde_json::json;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Ferdie};
use sp_runtime::Perbill;
use sp_staking::StakingInterface;

type PoolsCall = pallet_nomination_pools::Call<Runtime>;
type StakingCall = pallet_palisade_staking::Call<Runtime>;
type BalancesCall = pallet_balances::Call<Runtime>;

const POOL: u32 = 1;

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

/// Ferdie opens pool 1 with 100 PAL, nominating `targets`.
fn open_pool(targets: Vec<AccountId>) {
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
	dispatch(signed(&ferdie), PoolsCall::nominate { pool_id: POOL, validators: targets }).unwrap();
}

fn era_blocks() -> u32 {
	palisade_runtime::configs::SessionsPerEra::get()
		* palisade_runtime::EPOCH_DURATION_IN_SLOTS as u32
}

#[test]
fn a_holder_with_two_pal_joins_a_pool_earns_and_leaves() {
	let mut ext = genesis(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET, json!({}));
	ext.execute_with(|| {
		let mut chain = Chain::start();
		open_pool(vec![Alice.to_account_id(), Bob.to_account_id()]);
		let member = fresh(7, 2 * UNITS);
		dispatch(signed(&member), PoolsCall::join { amount: UNITS, pool_id: POOL }).unwrap();
		assert_eq!(delegated(&member), UNITS);
		let (pool, _) = NominationPools::api_pool_accounts(POOL);
		assert!(Staking::is_virtual_staker(&pool));
		assert_try_state();

		// Exposed from the next era on; its first era's reward reaches the member.
		chain.run_until("a reward for the member", 4 * era_blocks(), || {
			NominationPools::api_pending_rewards(member.clone()).unwrap_or_default() > 0
		});
		let pending = NominationPools::api_pending_rewards(member.clone()).unwrap();
		// Anyone may pay a member its rewards (the default claim permission).
		let free = Balances::balance(&member);
		dispatch(
			signed(&Bob.to_account_id()),
			PoolsCall::claim_payout_other { other: member.clone() },
		)
		.unwrap();
		assert_eq!(Balances::balance(&member), free + pending);
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
		assert_eq!(Balances::total_balance(&member), 2 * UNITS + pending);
		assert_try_state();
	});
}

#[test]
fn a_slash_of_the_pools_validator_reaches_every_member_pro_rata() {
	let mut ext = genesis(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET, json!({}));
	ext.execute_with(|| {
		let mut chain = Chain::start();
		let charlie = Charlie.to_account_id();
		open_pool(vec![charlie.clone()]);
		let staying = fresh(8, 20 * UNITS);
		let leaving = fresh(9, 20 * UNITS);
		for member in [&staying, &leaving] {
			dispatch(signed(member), PoolsCall::join { amount: 10 * UNITS, pool_id: POOL })
				.unwrap();
		}
		let (pool, _) = NominationPools::api_pool_accounts(POOL);
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
				era,
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
			NominationPools::api_pool_pending_slash(POOL) > 0
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
		assert_eq!(NominationPools::api_pool_pending_slash(POOL), 10 * UNITS);
		assert_try_state();
	});
}
