//! Instant exit: stake that was not exposed in the last `BondingDuration` eras is withdrawn
//! without waiting; exposed stake waits.

use super::chunk_eras;
use crate::{mock::*, ElectionPhase, Error, Event, LastExposedEra, Ledger, NextEraElection};
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

/// Eve bonds 500 and nominates Alice before the election of era 1 starts.
fn eve_nominates_alice(test: impl FnOnce()) {
	ExtBuilder::default().validator(ALICE, 1_000).build_and_execute(|| {
		assert_ok!(Staking::bond(
			RuntimeOrigin::signed(EVE),
			500,
			crate::RewardDestination::Staked
		));
		assert_ok!(Staking::nominate(RuntimeOrigin::signed(EVE), vec![ALICE]));
		test();
	});
}

fn election_of_era_1_running() -> bool {
	matches!(NextEraElection::<Test>::get(), ElectionPhase::Fetching { era: 1, .. })
}

#[test]
fn a_nominator_unbonding_while_an_election_runs_waits_the_full_duration() {
	eve_nominates_alice(|| {
		start_session(1);
		assert!(election_of_era_1_running());
		// The election's snapshot may already hold Eve's stake.
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(EVE), 100));
		assert_eq!(chunk_eras(EVE), vec![Staking::current_era() + BONDING_DURATION]);
	});
}

#[test]
fn a_staker_that_stops_while_an_election_runs_waits_as_if_exposed_in_the_elected_era() {
	eve_nominates_alice(|| {
		start_session(1);
		assert!(election_of_era_1_running());
		assert_ok!(Staking::chill(RuntimeOrigin::signed(EVE)));
		assert_eq!(LastExposedEra::<Test>::get(EVE), Some(1));
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(EVE), 500));
		assert_eq!(chunk_eras(EVE), vec![Staking::current_era() + BONDING_DURATION]);
		assert_noop!(
			Staking::withdraw_unbonded(RuntimeOrigin::signed(EVE), 0),
			Error::<Test>::NothingToWithdraw
		);
	});
}

#[test]
fn the_mark_of_a_staker_that_stopped_during_an_election_holds_even_if_it_was_not_elected() {
	super::nominator_of_an_unelected_validator().build_and_execute(|| {
		start_session(1);
		assert!(election_of_era_1_running());
		assert_ok!(Staking::chill(RuntimeOrigin::signed(DAVE)));
		start_active_era(1);
		// Charlie was not elected, so Dave was not exposed in era 1; the mark cannot know
		// that, and keeps Dave's unbonding at the duration from era 1.
		assert_eq!(LastExposedEra::<Test>::get(DAVE), Some(1));
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(DAVE), 100));
		assert_eq!(chunk_eras(DAVE), vec![1 + BONDING_DURATION]);
	});
}

#[test]
fn a_late_record_of_an_earlier_era_keeps_the_mark_of_the_era_being_elected() {
	eve_nominates_alice(|| {
		start_active_era(1);
		while !matches!(NextEraElection::<Test>::get(), ElectionPhase::Fetching { era: 2, .. }) {
			run_to_block(System::block_number() + 1);
		}
		assert_ok!(Staking::chill(RuntimeOrigin::signed(EVE)));
		assert_eq!(LastExposedEra::<Test>::get(EVE), Some(2));
		// A chunk of era 1's exposures recorded after the mark does not lower it.
		crate::Pallet::<Test>::record_exposed(1, [EVE]);
		assert_eq!(LastExposedEra::<Test>::get(EVE), Some(2));
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(EVE), 500));
		assert_eq!(chunk_eras(EVE), vec![2 + BONDING_DURATION]);
	});
}

#[test]
fn a_staker_that_stopped_before_the_election_leaves_at_once_while_it_runs() {
	eve_nominates_alice(|| {
		assert_ok!(Staking::chill(RuntimeOrigin::signed(EVE)));
		start_session(1);
		assert!(election_of_era_1_running());
		assert_eq!(LastExposedEra::<Test>::get(EVE), None);
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(EVE), 500));
		assert_eq!(chunk_eras(EVE), vec![Staking::current_era()]);
		assert_ok!(Staking::withdraw_unbonded(RuntimeOrigin::signed(EVE), 0));
		assert_eq!(super::held(EVE), 0);
	});
}

#[test]
fn a_fresh_bond_can_be_withdrawn_at_once_while_an_election_runs() {
	ExtBuilder::default().validator(ALICE, 1_000).build_and_execute(|| {
		start_session(1);
		assert!(election_of_era_1_running());
		assert_ok!(Staking::bond(
			RuntimeOrigin::signed(EVE),
			500,
			crate::RewardDestination::Staked
		));
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(EVE), 500));
		assert_ok!(Staking::withdraw_unbonded(RuntimeOrigin::signed(EVE), 0));
		assert_eq!(super::held(EVE), 0);
	});
}
