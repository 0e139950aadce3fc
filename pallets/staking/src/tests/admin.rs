//! The admin calls (`set_staking_configs`, `set_min_commission`, `force_apply_min_commission`,
//! `force_unstake`) and the permissionless `reap_stash`.

use super::held;
use crate::{
	mock::*, ChillThreshold, ConfigOp, Error, Event, Ledger, MaxNominatorsCount,
	MaxValidatorsCount, MinCommission, MinNominatorBond, MinValidatorBond, PendingCommission,
	ValidatorPrefs, Validators,
};
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect};
use sp_runtime::{DispatchError, Perbill, Percent};

fn set_all(origin: RuntimeOrigin) -> sp_runtime::DispatchResult {
	Staking::set_staking_configs(
		origin,
		ConfigOp::Set(100),
		ConfigOp::Set(200),
		ConfigOp::Set(10),
		ConfigOp::Set(20),
		ConfigOp::Set(Percent::from_percent(75)),
		ConfigOp::Set(Perbill::from_percent(5)),
	)
}

#[test]
fn set_staking_configs_sets_removes_and_leaves_each_parameter() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(set_all(RuntimeOrigin::root()));
		assert_eq!(MinNominatorBond::<Test>::get(), 100);
		assert_eq!(MinValidatorBond::<Test>::get(), 200);
		assert_eq!(MaxNominatorsCount::<Test>::get(), Some(10));
		assert_eq!(MaxValidatorsCount::<Test>::get(), Some(20));
		assert_eq!(ChillThreshold::<Test>::get(), Some(Percent::from_percent(75)));
		assert_eq!(MinCommission::<Test>::get(), Perbill::from_percent(5));

		assert_ok!(Staking::set_staking_configs(
			RuntimeOrigin::root(),
			ConfigOp::Remove,
			ConfigOp::Noop,
			ConfigOp::Remove,
			ConfigOp::Noop,
			ConfigOp::Remove,
			ConfigOp::Noop,
		));
		assert_eq!(MinNominatorBond::<Test>::get(), 0);
		assert_eq!(MinValidatorBond::<Test>::get(), 200);
		assert_eq!(MaxNominatorsCount::<Test>::get(), None);
		assert_eq!(MaxValidatorsCount::<Test>::get(), Some(20));
		assert_eq!(ChillThreshold::<Test>::get(), None);
		assert_eq!(MinCommission::<Test>::get(), Perbill::from_percent(5));
	});
}

#[test]
fn set_staking_configs_fails_for_a_plain_account() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(set_all(RuntimeOrigin::signed(ALICE)), DispatchError::BadOrigin);
	});
}

#[test]
fn set_min_commission_sets_it() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Staking::set_min_commission(RuntimeOrigin::root(), Perbill::from_percent(7)));
		assert_eq!(MinCommission::<Test>::get(), Perbill::from_percent(7));
	});
}

#[test]
fn set_min_commission_fails_for_a_plain_account() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Staking::set_min_commission(RuntimeOrigin::signed(ALICE), Perbill::one()),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn force_apply_min_commission_raises_a_lower_commission() {
	ExtBuilder::default().validator(ALICE, 1_000).build_and_execute(|| {
		MinCommission::<Test>::put(Perbill::from_percent(4));

		assert_ok!(Staking::force_apply_min_commission(RuntimeOrigin::root(), ALICE));

		let prefs = ValidatorPrefs { commission: Perbill::from_percent(4), blocked: false };
		assert_eq!(Validators::<Test>::get(ALICE), prefs);
		System::assert_last_event(Event::ValidatorPrefsSet { stash: ALICE, prefs }.into());
	});
}

// Found by the random-sequence harness: an increase announced below the new minimum stayed
// announced, as a decrease.
#[test]
fn force_apply_min_commission_drops_an_announced_increase_it_overtakes() {
	ExtBuilder::default().validator(ALICE, 1_000).build_and_execute(|| {
		start_active_era(1);
		let prefs =
			|percent| ValidatorPrefs { commission: Perbill::from_percent(percent), blocked: false };
		assert_ok!(Staking::validate(RuntimeOrigin::signed(ALICE), prefs(2)));
		assert!(PendingCommission::<Test>::get(ALICE).is_some(), "the increase is announced");
		MinCommission::<Test>::put(Perbill::from_percent(4));

		assert_ok!(Staking::force_apply_min_commission(RuntimeOrigin::root(), ALICE));
		assert_eq!(Validators::<Test>::get(ALICE), prefs(4));
		assert_eq!(PendingCommission::<Test>::get(ALICE), None);
	});
}

#[test]
fn force_apply_min_commission_fails_for_a_non_validator_and_a_plain_account() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.staker(BOB, 1_000)
		.build_and_execute(|| {
			assert_noop!(
				Staking::force_apply_min_commission(RuntimeOrigin::root(), BOB),
				Error::<Test>::NotValidator
			);
			assert_noop!(
				Staking::force_apply_min_commission(RuntimeOrigin::signed(BOB), ALICE),
				DispatchError::BadOrigin
			);
		});
}

#[test]
fn force_unstake_removes_the_staker_and_releases_its_funds() {
	ExtBuilder::default().validator(ALICE, 1_000).build_and_execute(|| {
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(ALICE), 1));
		assert_ok!(Staking::force_unstake(RuntimeOrigin::root(), ALICE, 0));

		assert!(Ledger::<Test>::get(ALICE).is_none());
		assert!(!Validators::<Test>::contains_key(ALICE));
		assert_eq!(held(ALICE), 0);
		assert_eq!(Balances::balance(&ALICE), INITIAL_BALANCE);
		System::assert_has_event(Event::Chilled { stash: ALICE }.into());
		System::assert_last_event(Event::StakerRemoved { stash: ALICE }.into());
	});
}

#[test]
fn force_unstake_fails_for_an_account_that_is_not_bonded_and_a_plain_account() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		assert_noop!(
			Staking::force_unstake(RuntimeOrigin::root(), BOB, 0),
			Error::<Test>::NotStash
		);
		assert_noop!(
			Staking::force_unstake(RuntimeOrigin::signed(BOB), ALICE, 0),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn reap_stash_removes_a_staker_with_less_than_the_existential_deposit() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		// A slash (later) can leave a ledger below the existential deposit; model it directly,
		// keeping the held balance equal to the ledger.
		Ledger::<Test>::mutate(ALICE, |ledger| {
			let ledger = ledger.as_mut().expect("bonded");
			ledger.total = ED - 1;
			ledger.active = ED - 1;
		});
		Ledger::<Test>::get(ALICE).expect("bonded").update().expect("hold shrinks");

		assert_ok!(Staking::reap_stash(RuntimeOrigin::signed(BOB), ALICE, 0));

		assert!(Ledger::<Test>::get(ALICE).is_none());
		assert_eq!(held(ALICE), 0);
		System::assert_last_event(Event::StakerRemoved { stash: ALICE }.into());
	});
}

#[test]
fn reap_stash_fails_for_a_funded_staker_an_unbonded_account_and_an_unsigned_origin() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		assert_noop!(
			Staking::reap_stash(RuntimeOrigin::signed(BOB), ALICE, 0),
			Error::<Test>::FundedTarget
		);
		assert_noop!(
			Staking::reap_stash(RuntimeOrigin::signed(BOB), CHARLIE, 0),
			Error::<Test>::NotStash
		);
		assert_noop!(
			Staking::reap_stash(RuntimeOrigin::none(), ALICE, 0),
			DispatchError::BadOrigin
		);
	});
}
