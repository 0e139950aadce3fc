//! Instant exit: stake that was not exposed in the last `BondingDuration` eras is withdrawn
//! without waiting; exposed stake waits.

use super::chunk_eras;
use crate::{mock::*, ElectionPhase, Error, Event, Ledger, NextEraElection};
use frame_support::{assert_noop, assert_ok};

#[test]
fn a_nominator_whose_validators_were_never_elected_leaves_at_once() {
	super::nominator_of_an_unelected_validator().build_and_execute(|| {
		start_active_era(2);
		assert_ok!(Staking::chill(RuntimeOrigin::signed(DAVE)));
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(DAVE), 100));
		assert_eq!(chunk_eras(DAVE), vec![Staking::current_era()]);

		assert_ok!(Staking::withdraw_unbonded(RuntimeOrigin::signed(DAVE), 0));
		assert!(Ledger::<Test>::get(DAVE).is_none());
		assert_eq!(super::held(DAVE), 0);
		System::assert_last_event(Event::StakerRemoved { stash: DAVE }.into());
	});
}

#[test]
fn a_fresh_bond_can_be_withdrawn_at_once() {
	ExtBuilder::default().validator(ALICE, 1_000).build_and_execute(|| {
		assert_ok!(Staking::bond(
			RuntimeOrigin::signed(EVE),
			500,
			crate::RewardDestination::Staked
		));
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(EVE), 200));
		assert_ok!(Staking::withdraw_unbonded(RuntimeOrigin::signed(EVE), 0));
		assert_eq!(super::held(EVE), 300);
	});
}

#[test]
fn exposed_stake_cannot_leave_early() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.nominator(DAVE, 400, vec![ALICE])
		.build_and_execute(|| {
			start_active_era(1);
			assert_ok!(Staking::chill(RuntimeOrigin::signed(DAVE)));
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(DAVE), 400));
			// Dave backed Alice in era 1 (the current era): the full duration applies.
			assert_eq!(chunk_eras(DAVE), vec![1 + BONDING_DURATION]);
			assert_noop!(
				Staking::withdraw_unbonded(RuntimeOrigin::signed(DAVE), 0),
				Error::<Test>::NothingToWithdraw
			);
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(ALICE), 100));
			assert_eq!(chunk_eras(ALICE), vec![1 + BONDING_DURATION]);
		});
}

#[test]
fn stake_exposed_some_eras_ago_waits_only_the_rest_of_the_duration() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.nominator(DAVE, 400, vec![ALICE])
		.build_and_execute(|| {
			// Dave stops nominating during era 0; era 1 is elected without him.
			assert_ok!(Staking::chill(RuntimeOrigin::signed(DAVE)));
			start_active_era(2);
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(DAVE), 100));
			// Last exposed in era 0: held until era 0 + BONDING_DURATION, not 2 + it.
			assert_eq!(chunk_eras(DAVE), vec![BONDING_DURATION]);
		});
}

#[test]
fn no_instant_exit_while_an_election_is_running() {
	ExtBuilder::default().validator(ALICE, 1_000).build_and_execute(|| {
		assert_ok!(Staking::bond(
			RuntimeOrigin::signed(EVE),
			500,
			crate::RewardDestination::Staked
		));
		assert_ok!(Staking::nominate(RuntimeOrigin::signed(EVE), vec![ALICE]));
		start_session(1);
		assert!(matches!(NextEraElection::<Test>::get(), ElectionPhase::Fetching { .. }));
		// The election's snapshot may already hold Eve's stake.
		assert_ok!(Staking::chill(RuntimeOrigin::signed(EVE)));
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(EVE), 500));
		assert_eq!(chunk_eras(EVE), vec![Staking::current_era() + BONDING_DURATION]);
	});
}
