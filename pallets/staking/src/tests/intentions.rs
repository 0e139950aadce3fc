//! `validate`, `nominate`, `chill`, `kick`, `set_payee` and `chill_other`.

use crate::{
	mock::*, ChillThreshold, Error, Event, MaxNominatorsCount, MaxValidatorsCount, MinCommission,
	Nominators, Payee, RewardDestination, ValidatorPrefs, Validators,
};
use frame_support::{assert_noop, assert_ok, traits::Get};
use sp_runtime::{DispatchError, Perbill, Percent};

fn prefs(commission: u32, blocked: bool) -> ValidatorPrefs {
	ValidatorPrefs { commission: Perbill::from_percent(commission), blocked }
}

fn targets(who: AccountId) -> Vec<AccountId> {
	Nominators::<Test>::get(who).map(|n| n.targets.into_inner()).unwrap_or_default()
}

#[test]
fn validate_makes_a_validator_candidate() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		assert_ok!(Staking::validate(RuntimeOrigin::signed(ALICE), prefs(5, false)));

		assert_eq!(Validators::<Test>::get(ALICE), prefs(5, false));
		assert_eq!(Validators::<Test>::count(), 1);
		System::assert_last_event(
			Event::ValidatorPrefsSet { stash: ALICE, prefs: prefs(5, false) }.into(),
		);
	});
}

#[test]
fn validate_replaces_a_nomination() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.nominator(BOB, 1_000, vec![ALICE])
		.build_and_execute(|| {
			assert_ok!(Staking::validate(RuntimeOrigin::signed(BOB), prefs(0, false)));
			assert!(Nominators::<Test>::get(BOB).is_none());
			assert!(Validators::<Test>::contains_key(BOB));
		});
}

#[test]
fn validate_fails_for_an_account_that_is_not_bonded() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Staking::validate(RuntimeOrigin::signed(ALICE), prefs(0, false)),
			Error::<Test>::NotStash
		);
	});
}

#[test]
fn validate_fails_below_the_minimum_validator_bond() {
	ExtBuilder::default()
		.min_bonds(0, 2_000)
		.staker(ALICE, 1_000)
		.build_and_execute(|| {
			assert_noop!(
				Staking::validate(RuntimeOrigin::signed(ALICE), prefs(0, false)),
				Error::<Test>::InsufficientBond
			);
		});
}

#[test]
fn validate_fails_below_the_minimum_commission() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		MinCommission::<Test>::put(Perbill::from_percent(10));
		assert_noop!(
			Staking::validate(RuntimeOrigin::signed(ALICE), prefs(9, false)),
			Error::<Test>::CommissionTooLow
		);
	});
}

#[test]
fn validate_fails_when_the_validator_set_is_full() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.staker(BOB, 1_000)
		.build_and_execute(|| {
			MaxValidatorsCount::<Test>::put(1);
			assert_noop!(
				Staking::validate(RuntimeOrigin::signed(BOB), prefs(0, false)),
				Error::<Test>::TooManyValidators
			);
			// A validator already in the set may still change its preferences.
			assert_ok!(Staking::validate(RuntimeOrigin::signed(ALICE), prefs(3, false)));
		});
}

#[test]
fn validate_fails_for_an_unsigned_origin() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Staking::validate(RuntimeOrigin::none(), prefs(0, false)),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn nominate_records_distinct_targets() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 1_000)
		.staker(CHARLIE, 1_000)
		.build_and_execute(|| {
			set_current_era(7);
			assert_ok!(Staking::nominate(RuntimeOrigin::signed(CHARLIE), vec![ALICE, BOB, ALICE]));

			let nominations = Nominators::<Test>::get(CHARLIE).expect("nominating");
			assert_eq!(nominations.targets.into_inner(), vec![ALICE, BOB]);
			assert_eq!(nominations.submitted_in, 7);
			assert!(!nominations.suppressed);
			assert_eq!(Nominators::<Test>::count(), 1);
			System::assert_last_event(
				Event::Nominated { stash: CHARLIE, targets: vec![ALICE, BOB] }.into(),
			);
		});
}

#[test]
fn nominate_replaces_a_validator_intent() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 1_000)
		.build_and_execute(|| {
			assert_ok!(Staking::nominate(RuntimeOrigin::signed(BOB), vec![ALICE]));
			assert!(!Validators::<Test>::contains_key(BOB));
			assert_eq!(targets(BOB), vec![ALICE]);
		});
}

#[test]
fn nominate_fails_for_nobody() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		assert_noop!(
			Staking::nominate(RuntimeOrigin::signed(ALICE), vec![]),
			Error::<Test>::EmptyTargets
		);
	});
}

#[test]
fn nominate_fails_for_too_many_targets() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.staker(BOB, 1_000)
		.build_and_execute(|| {
			let max = <<Test as crate::Config>::MaxNominations as Get<u32>>::get() as usize;
			assert_noop!(
				Staking::nominate(RuntimeOrigin::signed(BOB), vec![ALICE; max + 1]),
				Error::<Test>::TooManyTargets
			);
		});
}

#[test]
fn nominate_fails_for_a_target_that_is_not_a_validator() {
	ExtBuilder::default()
		.staker(ALICE, 1_000)
		.staker(BOB, 1_000)
		.build_and_execute(|| {
			assert_noop!(
				Staking::nominate(RuntimeOrigin::signed(BOB), vec![ALICE]),
				Error::<Test>::BadTarget
			);
		});
}

#[test]
fn nominate_fails_for_oneself() {
	ExtBuilder::default().validator(ALICE, 1_000).build_and_execute(|| {
		assert_noop!(
			Staking::nominate(RuntimeOrigin::signed(ALICE), vec![ALICE]),
			Error::<Test>::BadTarget
		);
	});
}

#[test]
fn nominate_refuses_a_blocked_validator_unless_already_nominated() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 1_000)
		.nominator(CHARLIE, 1_000, vec![ALICE])
		.staker(DAVE, 1_000)
		.build_and_execute(|| {
			assert_ok!(Staking::validate(RuntimeOrigin::signed(ALICE), prefs(0, true)));

			assert_noop!(
				Staking::nominate(RuntimeOrigin::signed(DAVE), vec![ALICE]),
				Error::<Test>::BadTarget
			);
			// Charlie already nominates Alice, so it may keep her.
			assert_ok!(Staking::nominate(RuntimeOrigin::signed(CHARLIE), vec![ALICE, BOB]));
			assert_eq!(targets(CHARLIE), vec![ALICE, BOB]);
		});
}

#[test]
fn nominate_fails_below_the_minimum_nominator_bond() {
	ExtBuilder::default()
		.min_bonds(2_000, 0)
		.validator(ALICE, 1_000)
		.staker(BOB, 1_000)
		.build_and_execute(|| {
			assert_noop!(
				Staking::nominate(RuntimeOrigin::signed(BOB), vec![ALICE]),
				Error::<Test>::InsufficientBond
			);
		});
}

#[test]
fn nominate_fails_when_the_nominator_set_is_full() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.nominator(BOB, 1_000, vec![ALICE])
		.staker(CHARLIE, 1_000)
		.build_and_execute(|| {
			MaxNominatorsCount::<Test>::put(1);
			assert_noop!(
				Staking::nominate(RuntimeOrigin::signed(CHARLIE), vec![ALICE]),
				Error::<Test>::TooManyNominators
			);
		});
}

#[test]
fn nominate_fails_for_accounts_that_are_not_bonded_and_unsigned_origins() {
	ExtBuilder::default().validator(ALICE, 1_000).build_and_execute(|| {
		assert_noop!(
			Staking::nominate(RuntimeOrigin::signed(BOB), vec![ALICE]),
			Error::<Test>::NotStash
		);
		assert_noop!(
			Staking::nominate(RuntimeOrigin::none(), vec![ALICE]),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn chill_ends_an_intent_and_keeps_the_bond() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.nominator(BOB, 1_000, vec![ALICE])
		.build_and_execute(|| {
			assert_ok!(Staking::chill(RuntimeOrigin::signed(ALICE)));
			assert_ok!(Staking::chill(RuntimeOrigin::signed(BOB)));

			assert_eq!((Validators::<Test>::count(), Nominators::<Test>::count()), (0, 0));
			assert!(crate::Ledger::<Test>::contains_key(ALICE));
			System::assert_has_event(Event::Chilled { stash: ALICE }.into());
			System::assert_last_event(Event::Chilled { stash: BOB }.into());
		});
}

#[test]
fn chill_fails_for_accounts_that_are_not_bonded_and_unsigned_origins() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(Staking::chill(RuntimeOrigin::signed(ALICE)), Error::<Test>::NotStash);
		assert_noop!(Staking::chill(RuntimeOrigin::none()), DispatchError::BadOrigin);
	});
}

#[test]
fn kick_removes_the_validator_from_nominations() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 1_000)
		.nominator(CHARLIE, 1_000, vec![ALICE, BOB])
		.nominator(DAVE, 1_000, vec![BOB])
		.build_and_execute(|| {
			assert_ok!(Staking::kick(RuntimeOrigin::signed(ALICE), vec![CHARLIE, DAVE]));

			assert_eq!(targets(CHARLIE), vec![BOB]);
			assert_eq!(targets(DAVE), vec![BOB]);
			System::assert_last_event(Event::Kicked { nominator: CHARLIE, stash: ALICE }.into());
		});
}

#[test]
fn kick_fails_for_accounts_that_are_not_bonded_and_unsigned_origins() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Staking::kick(RuntimeOrigin::signed(ALICE), vec![BOB]),
			Error::<Test>::NotStash
		);
		assert_noop!(Staking::kick(RuntimeOrigin::none(), vec![BOB]), DispatchError::BadOrigin);
	});
}

#[test]
fn set_payee_changes_the_reward_destination() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		assert_ok!(Staking::set_payee(
			RuntimeOrigin::signed(ALICE),
			RewardDestination::Account(BOB)
		));
		assert_eq!(Payee::<Test>::get(ALICE), Some(RewardDestination::Account(BOB)));
		System::assert_last_event(
			Event::PayeeSet { stash: ALICE, payee: RewardDestination::Account(BOB) }.into(),
		);
	});
}

#[test]
fn set_payee_fails_for_accounts_that_are_not_bonded_and_unsigned_origins() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Staking::set_payee(RuntimeOrigin::signed(ALICE), RewardDestination::Stash),
			Error::<Test>::NotStash
		);
		assert_noop!(
			Staking::set_payee(RuntimeOrigin::none(), RewardDestination::Stash),
			DispatchError::BadOrigin
		);
	});
}

/// Alice validates; Bob (below the minimum after it was raised) and Charlie nominate her.
fn chill_other_setup() -> ExtBuilder {
	ExtBuilder::default()
		.validator(ALICE, 2_000)
		.nominator(BOB, 500, vec![ALICE])
		.nominator(CHARLIE, 2_000, vec![ALICE])
}

#[test]
fn chill_other_chills_an_underbonded_nominator_when_the_set_is_nearly_full() {
	chill_other_setup().build_and_execute(|| {
		crate::MinNominatorBond::<Test>::put(1_000);
		MaxNominatorsCount::<Test>::put(2);
		ChillThreshold::<Test>::put(Percent::from_percent(90));

		assert_ok!(Staking::chill_other(RuntimeOrigin::signed(EVE), BOB));

		assert!(Nominators::<Test>::get(BOB).is_none());
		System::assert_last_event(Event::Chilled { stash: BOB }.into());
	});
}

#[test]
fn chill_other_fails_unless_every_rule_allows_it() {
	chill_other_setup().build_and_execute(|| {
		crate::MinNominatorBond::<Test>::put(1_000);
		// No threshold set.
		assert_noop!(
			Staking::chill_other(RuntimeOrigin::signed(EVE), BOB),
			Error::<Test>::CannotChillOther
		);
		// No maximum set.
		ChillThreshold::<Test>::put(Percent::from_percent(90));
		assert_noop!(
			Staking::chill_other(RuntimeOrigin::signed(EVE), BOB),
			Error::<Test>::CannotChillOther
		);
		// The set is not full enough.
		MaxNominatorsCount::<Test>::put(10);
		assert_noop!(
			Staking::chill_other(RuntimeOrigin::signed(EVE), BOB),
			Error::<Test>::CannotChillOther
		);
		// Charlie's bond meets the minimum.
		MaxNominatorsCount::<Test>::put(2);
		assert_noop!(
			Staking::chill_other(RuntimeOrigin::signed(EVE), CHARLIE),
			Error::<Test>::CannotChillOther
		);
		// Not bonded at all.
		assert_noop!(
			Staking::chill_other(RuntimeOrigin::signed(EVE), DAVE),
			Error::<Test>::NotStash
		);
		assert_noop!(Staking::chill_other(RuntimeOrigin::none(), BOB), DispatchError::BadOrigin);
	});
}

#[test]
fn chill_other_lets_a_staker_chill_itself() {
	chill_other_setup().build_and_execute(|| {
		assert_ok!(Staking::chill_other(RuntimeOrigin::signed(CHARLIE), CHARLIE));
		assert!(Nominators::<Test>::get(CHARLIE).is_none());
	});
}
