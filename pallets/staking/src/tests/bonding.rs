//! `bond` and `bond_extra`: funds are held, ledgers recorded, bad input refused.

use super::held;
use crate::{mock::*, Bonded, Error, Event, Ledger, Payee, RewardDestination};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, Mutate},
};
use sp_runtime::{DispatchError, TokenError};

#[test]
fn bond_holds_funds_and_records_the_staker() {
	ExtBuilder::default().build_and_execute(|| {
		// When
		assert_ok!(Staking::bond(RuntimeOrigin::signed(ALICE), 1_000, RewardDestination::Stash));

		// Then
		let ledger = Ledger::<Test>::get(ALICE).expect("bonded");
		assert_eq!((ledger.stash, ledger.total, ledger.active), (ALICE, 1_000, 1_000));
		assert!(ledger.unlocking.is_empty());
		assert_eq!(Bonded::<Test>::get(ALICE), Some(ALICE));
		assert_eq!(Payee::<Test>::get(ALICE), Some(RewardDestination::Stash));
		assert_eq!(held(ALICE), 1_000);
		assert_eq!(Balances::balance(&ALICE), INITIAL_BALANCE - 1_000);
		System::assert_last_event(Event::Bonded { stash: ALICE, amount: 1_000 }.into());
	});
}

#[test]
fn bond_caps_the_amount_at_what_the_account_can_spare() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Staking::bond(
			RuntimeOrigin::signed(ALICE),
			u128::MAX,
			RewardDestination::Staked
		));

		// The existential deposit stays free so the account stays alive.
		assert_eq!(held(ALICE), INITIAL_BALANCE - ED);
		assert_eq!(Balances::balance(&ALICE), ED);
		System::assert_last_event(
			Event::Bonded { stash: ALICE, amount: INITIAL_BALANCE - ED }.into(),
		);
	});
}

#[test]
fn bond_fails_for_a_bonded_account() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		assert_noop!(
			Staking::bond(RuntimeOrigin::signed(ALICE), 1_000, RewardDestination::Staked),
			Error::<Test>::AlreadyBonded
		);
	});
}

#[test]
fn bond_fails_below_the_existential_deposit() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Staking::bond(RuntimeOrigin::signed(ALICE), ED - 1, RewardDestination::Staked),
			Error::<Test>::BelowExistentialDeposit
		);
		assert_noop!(
			Staking::bond(RuntimeOrigin::signed(ALICE), 0, RewardDestination::Staked),
			Error::<Test>::ZeroAmount
		);
	});
}

#[test]
fn bond_fails_for_an_account_without_funds() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Staking::bond(RuntimeOrigin::signed(NOBODY), 1_000, RewardDestination::Staked),
			Error::<Test>::NotEnoughFreeBalance
		);
	});
}

#[test]
fn bond_fails_for_an_unsigned_origin() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Staking::bond(RuntimeOrigin::none(), 1_000, RewardDestination::Staked),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn bonded_funds_cannot_be_transferred() {
	ExtBuilder::default().staker(ALICE, 9_000).build_and_execute(|| {
		assert_noop!(
			<Balances as Mutate<_>>::transfer(
				&ALICE,
				&BOB,
				2_000,
				frame_support::traits::tokens::Preservation::Expendable
			),
			TokenError::FundsUnavailable
		);
		assert_eq!(held(ALICE), 9_000);
	});
}

#[test]
fn genesis_stakers_are_bonded() {
	ExtBuilder::default()
		.staker(ALICE, 1_000)
		.staker(BOB, 2_000)
		.build_and_execute(|| {
			assert_eq!(Ledger::<Test>::get(ALICE).map(|l| l.active), Some(1_000));
			assert_eq!(Ledger::<Test>::get(BOB).map(|l| l.active), Some(2_000));
			assert_eq!(Payee::<Test>::get(BOB), Some(RewardDestination::Staked));
			assert_eq!(held(BOB), 2_000);
		});
}

#[test]
fn bond_extra_adds_to_the_active_bond() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		// When
		assert_ok!(Staking::bond_extra(RuntimeOrigin::signed(ALICE), 500));

		// Then
		let ledger = Ledger::<Test>::get(ALICE).expect("bonded");
		assert_eq!((ledger.total, ledger.active), (1_500, 1_500));
		assert_eq!(held(ALICE), 1_500);
		System::assert_last_event(Event::Bonded { stash: ALICE, amount: 500 }.into());
	});
}

#[test]
fn bond_extra_caps_the_amount_at_what_the_account_can_spare() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		assert_ok!(Staking::bond_extra(RuntimeOrigin::signed(ALICE), u128::MAX));

		assert_eq!(held(ALICE), INITIAL_BALANCE - ED);
		System::assert_last_event(
			Event::Bonded { stash: ALICE, amount: INITIAL_BALANCE - ED - 1_000 }.into(),
		);
	});
}

#[test]
fn bond_extra_fails_for_an_account_that_is_not_bonded() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Staking::bond_extra(RuntimeOrigin::signed(ALICE), 500),
			Error::<Test>::NotStash
		);
	});
}

#[test]
fn bond_extra_fails_when_nothing_is_free() {
	ExtBuilder::default().staker(ALICE, INITIAL_BALANCE - ED).build_and_execute(|| {
		assert_noop!(
			Staking::bond_extra(RuntimeOrigin::signed(ALICE), 500),
			Error::<Test>::NotEnoughFreeBalance
		);
		assert_noop!(
			Staking::bond_extra(RuntimeOrigin::signed(ALICE), 0),
			Error::<Test>::ZeroAmount
		);
	});
}

#[test]
fn bond_extra_fails_for_an_unsigned_origin() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		assert_noop!(Staking::bond_extra(RuntimeOrigin::none(), 500), DispatchError::BadOrigin);
	});
}
