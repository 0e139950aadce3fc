//! Nomination pools over delegated staking, hosted by this pallet: a pool bonds as a virtual
//! staker, is elected, paid and slashed as any nominator, and its members' accounts follow.

use super::slashing::offence;
use crate::{mock::*, ErasStartSessionIndex, Ledger};
use frame_support::{
	assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use pallet_nomination_pools::{Event as PoolEvent, MinCreateBond, MinJoinBond, PoolMembers};
use sp_staking::StakingInterface;

const POOL: u32 = 1;

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// Alice and Bob validate (1,000 each); Dave opens pool 1 with 1,000, nominating Alice, and
/// Eve joins it with 100.
fn a_pool_behind_alice() -> ExtBuilder {
	ExtBuilder::default().validator(ALICE, 1_000).validator(BOB, 1_000)
}

fn open_pool() {
	MinJoinBond::<Test>::put(10);
	MinCreateBond::<Test>::put(100);
	assert_ok!(Pools::create(signed(DAVE), 1_000, DAVE, DAVE, DAVE));
	assert_ok!(Pools::join(signed(EVE), 100, POOL));
	assert_ok!(Pools::nominate(signed(DAVE), POOL, vec![ALICE]));
}

fn pool_account() -> AccountId {
	Pools::generate_bonded_account(POOL)
}

/// What delegated staking holds of `who`'s funds for its pool.
fn delegated(who: AccountId) -> Balance {
	Balances::balance_on_hold(&pallet_delegated_staking::HoldReason::StakingDelegation.into(), &who)
}

fn pool_events() -> Vec<PoolEvent<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Pools(event) => Some(event),
			_ => None,
		})
		.collect()
}

#[test]
fn a_pool_stakes_earns_and_lets_its_members_leave() {
	// A day per block, so that an era earns whole units.
	MillisPerBlock::set(24 * 60 * 60 * 1_000);
	a_pool_behind_alice().build_and_execute(|| {
		open_pool();
		let pool = pool_account();
		assert!(Staking::is_virtual_staker(&pool));
		assert_eq!(Staking::total_stake(&pool), Ok(1_100));
		assert_eq!(delegated(EVE), 100);

		// Exposed behind Alice in era 1, paid once era 1 has ended.
		start_active_era(1);
		Staking::reward_by_ids([(ALICE, 50), (BOB, 50)]);
		start_active_era(2);
		run_to_block(System::block_number() + AutoPayoutDelay::get() + 2);
		let pending = Pools::api_pending_rewards(EVE).unwrap();
		assert!(pending > 0, "the pool's reward reached its members");
		let free = Balances::free_balance(EVE);
		assert_ok!(Pools::claim_payout(signed(EVE)));
		assert_eq!(Balances::free_balance(EVE), free + pending);

		// Eve leaves: her funds unlock a full bonding duration after the current era.
		let unbond_era = Staking::current_era() + BONDING_DURATION;
		assert_ok!(Pools::unbond(signed(EVE), EVE, 100));
		assert_eq!(super::chunk_eras(pool), vec![unbond_era]);
		while Staking::current_era() < unbond_era {
			start_session(pallet_session::CurrentIndex::<Test>::get() + 1);
		}
		assert_ok!(Pools::withdraw_unbonded(signed(EVE), EVE, 0));
		assert_eq!(delegated(EVE), 0);
		assert!(!PoolMembers::<Test>::contains_key(EVE));
		assert_eq!(Balances::total_balance(&EVE), INITIAL_BALANCE + pending);
		assert_eq!(Staking::total_stake(&pool), Ok(1_000));
	});
}

#[test]
fn a_slash_reaches_the_pool_its_unbonding_members_and_each_members_funds() {
	a_pool_behind_alice().build_and_execute(|| {
		open_pool();
		let pool = pool_account();
		start_active_era(1);
		assert_eq!(Staking::current_era(), 1);
		// Alice equivocates in era 1: 10 % of the 1,100 the pool had behind her.
		offence(&[ALICE], ErasStartSessionIndex::<Test>::get(1).unwrap(), 10, vec![]);
		// Eve unbonds half after the offence: that half was at stake in era 1 and pays its share.
		assert_ok!(Pools::unbond(signed(EVE), EVE, 50));
		start_active_era(1 + SlashDeferDuration::get());
		run_to_block(System::block_number() + 1);

		let ledger = Ledger::<Test>::get(pool).unwrap();
		assert_eq!((ledger.active, ledger.total), (945, 990));
		let events = pool_events();
		let unbond_era = 1 + BONDING_DURATION;
		assert!(events.contains(&PoolEvent::UnbondingPoolSlashed {
			pool_id: POOL,
			era: unbond_era,
			balance: 45
		}));
		assert!(events.contains(&PoolEvent::PoolSlashed { pool_id: POOL, balance: 945 }));

		// Each member owes its share, and pays it from its own held funds.
		assert_eq!(Pools::api_member_pending_slash(DAVE), 100);
		assert_eq!(Pools::api_member_pending_slash(EVE), 10);
		assert_ok!(Pools::apply_slash(signed(BOB), DAVE));
		assert_ok!(Pools::apply_slash(signed(BOB), EVE));
		assert_eq!(delegated(DAVE), 900);
		assert_eq!(delegated(EVE), 90);
		assert_eq!(Pools::api_member_pending_slash(EVE), 0);
	});
}
