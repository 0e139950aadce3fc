//! `unbond`, `rebond` and `withdraw_unbonded`: the cooldown, its chunks and its limits.

use super::held;
use crate::{mock::*, Bonded, Error, Event, Ledger, Payee, UnlockChunk};
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::Inspect, Get},
};
use sp_runtime::DispatchError;

fn chunks(who: AccountId) -> Vec<(Balance, u32)> {
	Ledger::<Test>::get(who)
		.map(|ledger| ledger.unlocking.iter().map(|c| (c.value, c.era)).collect())
		.unwrap_or_default()
}

#[test]
fn unbond_moves_active_funds_into_a_chunk_that_unlocks_after_the_bonding_duration() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		set_current_era_exposed(5, ALICE);

		assert_ok!(Staking::unbond(RuntimeOrigin::signed(ALICE), 400));

		let ledger = Ledger::<Test>::get(ALICE).expect("bonded");
		assert_eq!((ledger.total, ledger.active), (1_000, 600));
		assert_eq!(
			ledger.unlocking.to_vec(),
			vec![UnlockChunk { value: 400, era: 5 + BONDING_DURATION }]
		);
		// Unbonding funds stay held until they are withdrawn.
		assert_eq!(held(ALICE), 1_000);
		System::assert_last_event(Event::Unbonded { stash: ALICE, amount: 400 }.into());
	});
}

#[test]
fn unbonds_in_the_same_era_merge_into_one_chunk() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		set_current_era_exposed(0, ALICE);
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(ALICE), 100));
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(ALICE), 200));
		set_current_era_exposed(1, ALICE);
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(ALICE), 50));

		assert_eq!(chunks(ALICE), vec![(300, BONDING_DURATION), (50, 1 + BONDING_DURATION)]);
	});
}

#[test]
fn unbond_leaving_dust_unbonds_everything() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(ALICE), 1_000 - ED + 1));

		assert_eq!(Ledger::<Test>::get(ALICE).map(|l| l.active), Some(0));
		System::assert_last_event(Event::Unbonded { stash: ALICE, amount: 1_000 }.into());
	});
}

#[test]
fn unbond_fails_for_more_than_the_active_bond() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		assert_noop!(
			Staking::unbond(RuntimeOrigin::signed(ALICE), 1_001),
			Error::<Test>::InsufficientActiveBond
		);
	});
}

#[test]
fn unbond_fails_for_zero() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		assert_noop!(Staking::unbond(RuntimeOrigin::signed(ALICE), 0), Error::<Test>::ZeroAmount);
	});
}

#[test]
fn unbond_fails_for_an_account_that_is_not_bonded() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(Staking::unbond(RuntimeOrigin::signed(ALICE), 10), Error::<Test>::NotStash);
	});
}

#[test]
fn unbond_fails_for_an_unsigned_origin() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		assert_noop!(Staking::unbond(RuntimeOrigin::none(), 10), DispatchError::BadOrigin);
	});
}

#[test]
fn unbond_below_the_role_minimum_is_refused_until_the_staker_chills() {
	ExtBuilder::default()
		.min_bonds(500, 800)
		.validator(ALICE, 1_000)
		.nominator(BOB, 1_000, vec![ALICE])
		.build_and_execute(|| {
			assert_noop!(
				Staking::unbond(RuntimeOrigin::signed(ALICE), 300),
				Error::<Test>::InsufficientBond
			);
			assert_noop!(
				Staking::unbond(RuntimeOrigin::signed(BOB), 600),
				Error::<Test>::InsufficientBond
			);
			// Down to the minimum is fine.
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(BOB), 500));
			// After chilling, everything may go.
			assert_ok!(Staking::chill(RuntimeOrigin::signed(ALICE)));
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(ALICE), 1_000));
		});
}

#[test]
fn unbond_with_full_chunks_withdraws_the_matured_ones_first() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		let max: u32 = <Test as crate::Config>::MaxUnlockingChunks::get();
		for era in 0..max {
			set_current_era_exposed(era, ALICE);
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(ALICE), 10));
		}
		assert_eq!(chunks(ALICE).len(), max as usize);

		// By era `max`, the chunks of eras 0..=max-BONDING_DURATION have matured.
		set_current_era_exposed(max, ALICE);
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(ALICE), 10));

		let matured = (max - BONDING_DURATION + 1) as Balance;
		System::assert_has_event(Event::Withdrawn { stash: ALICE, amount: 10 * matured }.into());
		assert_eq!(held(ALICE), 1_000 - 10 * matured);
		assert_eq!(chunks(ALICE).len(), max as usize - matured as usize + 1);
	});
}

#[test]
fn unbond_fails_when_every_chunk_is_in_use_and_none_has_matured() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		// Unreachable through calls while MaxUnlockingChunks > BondingDuration (which
		// `integrity_test` enforces), so the ledger is written directly: every chunk unlocks
		// in a far era. Total and held balance are unchanged.
		let max: u32 = <Test as crate::Config>::MaxUnlockingChunks::get();
		Ledger::<Test>::mutate(ALICE, |ledger| {
			let ledger = ledger.as_mut().expect("bonded");
			for era in 100..100 + max {
				ledger.add_unlocking(10, era).expect("room for a chunk");
			}
		});
		assert_noop!(
			Staking::unbond(RuntimeOrigin::signed(ALICE), 10),
			Error::<Test>::NoMoreChunks
		);
	});
}

#[test]
fn withdraw_unbonded_releases_matured_chunks_only() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		set_current_era_exposed(0, ALICE);
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(ALICE), 100));
		set_current_era_exposed(1, ALICE);
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(ALICE), 200));

		set_current_era(BONDING_DURATION);
		assert_ok!(Staking::withdraw_unbonded(RuntimeOrigin::signed(ALICE), 0));

		assert_eq!(held(ALICE), 900);
		assert_eq!(Balances::balance(&ALICE), INITIAL_BALANCE - 900);
		assert_eq!(chunks(ALICE), vec![(200, 1 + BONDING_DURATION)]);
		System::assert_last_event(Event::Withdrawn { stash: ALICE, amount: 100 }.into());
	});
}

#[test]
fn withdraw_unbonded_fails_before_the_bonding_duration_has_passed() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		set_current_era_exposed(0, ALICE);
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(ALICE), 100));
		set_current_era(BONDING_DURATION - 1);
		assert_noop!(
			Staking::withdraw_unbonded(RuntimeOrigin::signed(ALICE), 0),
			Error::<Test>::NothingToWithdraw
		);
	});
}

#[test]
fn withdraw_unbonded_fails_for_an_account_that_is_not_bonded() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Staking::withdraw_unbonded(RuntimeOrigin::signed(ALICE), 0),
			Error::<Test>::NotStash
		);
	});
}

#[test]
fn withdraw_unbonded_fails_for_an_unsigned_origin() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		assert_noop!(
			Staking::withdraw_unbonded(RuntimeOrigin::none(), 0),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn withdrawing_everything_removes_the_staker() {
	ExtBuilder::default().validator(ALICE, 1_000).build_and_execute(|| {
		assert_ok!(Staking::chill(RuntimeOrigin::signed(ALICE)));
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(ALICE), 1_000));
		set_current_era(BONDING_DURATION);

		assert_ok!(Staking::withdraw_unbonded(RuntimeOrigin::signed(ALICE), 0));

		assert!(Ledger::<Test>::get(ALICE).is_none());
		assert!(Bonded::<Test>::get(ALICE).is_none());
		assert!(Payee::<Test>::get(ALICE).is_none());
		assert_eq!(held(ALICE), 0);
		assert_eq!(Balances::balance(&ALICE), INITIAL_BALANCE);
		System::assert_has_event(Event::Withdrawn { stash: ALICE, amount: 1_000 }.into());
		System::assert_last_event(Event::StakerRemoved { stash: ALICE }.into());
	});
}

#[test]
fn rebond_takes_the_newest_chunks_first() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		set_current_era_exposed(0, ALICE);
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(ALICE), 100));
		set_current_era_exposed(1, ALICE);
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(ALICE), 200));

		assert_ok!(Staking::rebond(RuntimeOrigin::signed(ALICE), 250));

		let ledger = Ledger::<Test>::get(ALICE).expect("bonded");
		assert_eq!((ledger.total, ledger.active), (1_000, 950));
		assert_eq!(chunks(ALICE), vec![(50, BONDING_DURATION)]);
		System::assert_last_event(Event::Bonded { stash: ALICE, amount: 250 }.into());
	});
}

#[test]
fn rebond_caps_the_amount_at_what_is_unlocking() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(ALICE), 100));
		assert_ok!(Staking::rebond(RuntimeOrigin::signed(ALICE), 5_000));
		assert!(chunks(ALICE).is_empty());
		System::assert_last_event(Event::Bonded { stash: ALICE, amount: 100 }.into());
	});
}

#[test]
fn rebond_fails_when_nothing_is_unbonding() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		assert_noop!(
			Staking::rebond(RuntimeOrigin::signed(ALICE), 10),
			Error::<Test>::NoUnlockChunk
		);
	});
}

#[test]
fn rebond_fails_for_zero_and_for_accounts_that_are_not_bonded() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(ALICE), 100));
		assert_noop!(Staking::rebond(RuntimeOrigin::signed(ALICE), 0), Error::<Test>::ZeroAmount);
		assert_noop!(Staking::rebond(RuntimeOrigin::signed(BOB), 10), Error::<Test>::NotStash);
	});
}

#[test]
fn rebond_fails_when_the_active_bond_would_stay_below_the_existential_deposit() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(ALICE), 1_000));
		assert_noop!(
			Staking::rebond(RuntimeOrigin::signed(ALICE), ED - 1),
			Error::<Test>::BelowExistentialDeposit
		);
	});
}

#[test]
fn rebond_fails_for_an_unsigned_origin() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		assert_noop!(Staking::rebond(RuntimeOrigin::none(), 10), DispatchError::BadOrigin);
	});
}
