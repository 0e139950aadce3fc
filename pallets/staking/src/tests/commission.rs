//! Commission protections: a ceiling, a largest step, and notice before an increase.

use crate::{
	mock::*, ChilledCommission, ErasValidatorPrefs, Error, Event, PendingCommission,
	PendingCommissionIncrease, ValidatorPrefs, Validators,
};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::Perbill;

fn prefs(percent: u32) -> ValidatorPrefs {
	ValidatorPrefs { commission: Perbill::from_percent(percent), blocked: false }
}

fn commission(who: AccountId) -> Perbill {
	Validators::<Test>::get(who).commission
}

/// Alice and Bob validate (at no commission); increases of at most 5 % wait two full eras.
fn two_validators_with_notice() -> ExtBuilder {
	CommissionIncreaseDelay::set(2);
	MaxCommissionIncrease::set(Perbill::from_percent(5));
	ExtBuilder::default().validator(ALICE, 1_000).validator(BOB, 1_000)
}

fn reset() {
	CommissionIncreaseDelay::set(0);
	MaxCommissionIncrease::set(Perbill::from_percent(50));
}

#[test]
fn a_new_validator_sets_any_commission_up_to_the_maximum_at_once() {
	ExtBuilder::default().build_and_execute(|| {
		assert_ok!(Staking::bond(
			RuntimeOrigin::signed(CHARLIE),
			500,
			crate::RewardDestination::Staked
		));
		assert_noop!(
			Staking::validate(RuntimeOrigin::signed(CHARLIE), prefs(81)),
			Error::<Test>::CommissionTooHigh
		);
		assert_ok!(Staking::validate(RuntimeOrigin::signed(CHARLIE), prefs(80)));
		assert_eq!(commission(CHARLIE), Perbill::from_percent(80));
	});
}

#[test]
fn an_increase_is_announced_and_applies_after_the_notice() {
	two_validators_with_notice().build_and_execute(|| {
		start_active_era(1);
		assert_ok!(Staking::validate(RuntimeOrigin::signed(ALICE), prefs(5)));

		// Announced in era 1: two full eras (2 and 3) of notice. Era 4 is elected during
		// era 3, before the notice ends, so the first era it applies to is era 5.
		System::assert_has_event(
			Event::CommissionIncreaseAnnounced {
				stash: ALICE,
				commission: Perbill::from_percent(5),
				effective_era: 5,
			}
			.into(),
		);
		let pending =
			PendingCommissionIncrease { commission: Perbill::from_percent(5), effective_era: 5 };
		assert_eq!(PendingCommission::<Test>::get(ALICE), Some(pending));
		assert_eq!(commission(ALICE), Perbill::zero());

		start_active_era(4);
		assert_eq!(ErasValidatorPrefs::<Test>::get(4, ALICE).commission, Perbill::zero());
		start_active_era(5);
		assert_eq!(ErasValidatorPrefs::<Test>::get(5, ALICE).commission, Perbill::from_percent(5));
		assert_eq!(commission(ALICE), Perbill::from_percent(5));
		assert_eq!(PendingCommission::<Test>::get(ALICE), None);
	});
	reset();
}

/// The block in which `era`'s election started, and the commission its exposures recorded
/// for Alice once they are stored: runs blocks until then.
fn elect_era(era: u32) -> (BlockNumber, Perbill) {
	while Staking::current_era() != era || !Staking::is_electing() {
		run_to_block(System::block_number() + 1);
	}
	let started = System::block_number();
	while Staking::is_electing() {
		run_to_block(System::block_number() + 1);
	}
	(started, ErasValidatorPrefs::<Test>::get(era, ALICE).commission)
}

// The notice holds when the election runs over many blocks: an increase never applies to an
// era whose election (and snapshot) started before the notice ended, even when the pages of
// its result are fetched after it.
#[test]
fn no_era_elected_during_the_notice_pays_the_increase_with_a_paged_election() {
	ElectionPages::set(3);
	two_validators_with_notice()
		.nominator(DAVE, 500, vec![ALICE])
		.build_and_execute(|| {
			start_active_era(1);
			assert_ok!(Staking::validate(RuntimeOrigin::signed(ALICE), prefs(5)));
			let due = PendingCommission::<Test>::get(ALICE).expect("announced").effective_era;
			assert_eq!(due, 5);
			// Eras 2, 3 and 4 are elected while the notice runs (era 4's election starts in era
			// 3, the last full era of notice): each keeps the old commission on every page.
			for era in 2..due {
				let (started, commission) = elect_era(era);
				assert!(
					Staking::active_era() == Some(era - 1),
					"era {era} elected in era {}",
					era - 1
				);
				assert_eq!(commission, Perbill::zero(), "era {era}, elected from block {started}");
			}
			// Era 5's election starts in era 4, after the notice: it pays the increase.
			let (_, commission) = elect_era(due);
			assert_eq!(commission, Perbill::from_percent(5));
		});
	ElectionPages::set(1);
	reset();
}

// Without notice, an increase announced while an election is fetching its pages waits for the
// next election: the running one took its snapshot before the announcement.
#[test]
fn without_notice_an_increase_announced_during_an_election_waits_for_the_next() {
	ElectionPages::set(3);
	MaxCommissionIncrease::set(Perbill::from_percent(50));
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 1_000)
		.nominator(DAVE, 500, vec![ALICE])
		.build_and_execute(|| {
			assert_eq!(CommissionIncreaseDelay::get(), 0);
			// Between elections, the next era is the first to pay it.
			assert_ok!(Staking::validate(RuntimeOrigin::signed(BOB), prefs(5)));
			assert_eq!(PendingCommission::<Test>::get(BOB).map(|p| p.effective_era), Some(1));

			while !Staking::is_electing() {
				run_to_block(System::block_number() + 1);
			}
			// Era 1's election has started: its first page is fetched next block.
			run_to_block(System::block_number() + 1);
			assert!(Staking::is_electing(), "pages are still to be fetched");
			assert_ok!(Staking::validate(RuntimeOrigin::signed(ALICE), prefs(5)));
			assert_eq!(PendingCommission::<Test>::get(ALICE).map(|p| p.effective_era), Some(2));
			while Staking::is_electing() {
				run_to_block(System::block_number() + 1);
			}
			assert_eq!(ErasValidatorPrefs::<Test>::get(1, ALICE).commission, Perbill::zero());
			assert_eq!(
				ErasValidatorPrefs::<Test>::get(1, BOB).commission,
				Perbill::from_percent(5)
			);
			start_active_era(2);
			assert_eq!(
				ErasValidatorPrefs::<Test>::get(2, ALICE).commission,
				Perbill::from_percent(5)
			);
		});
	ElectionPages::set(1);
	reset();
}

#[test]
fn an_increase_beyond_the_largest_step_is_refused() {
	two_validators_with_notice().build_and_execute(|| {
		assert_noop!(
			Staking::validate(RuntimeOrigin::signed(ALICE), prefs(6)),
			Error::<Test>::CommissionIncreaseTooLarge
		);
		assert_ok!(Staking::validate(RuntimeOrigin::signed(ALICE), prefs(5)));
	});
	reset();
}

#[test]
fn a_decrease_applies_at_once_and_cancels_an_announced_increase() {
	two_validators_with_notice().build_and_execute(|| {
		assert_ok!(Staking::validate(RuntimeOrigin::signed(ALICE), prefs(5)));
		assert_eq!(PendingCommission::<Test>::get(ALICE).map(|p| p.effective_era), Some(4));
		assert_ok!(Staking::validate(RuntimeOrigin::signed(ALICE), prefs(0)));
		System::assert_last_event(
			Event::ValidatorPrefsSet { stash: ALICE, prefs: prefs(0) }.into(),
		);
		assert_eq!(PendingCommission::<Test>::get(ALICE), None);
		start_active_era(3);
		assert_eq!(ErasValidatorPrefs::<Test>::get(3, ALICE).commission, Perbill::zero());
	});
	reset();
}

#[test]
fn chilling_does_not_skip_the_notice() {
	two_validators_with_notice().build_and_execute(|| {
		assert_ok!(Staking::chill(RuntimeOrigin::signed(ALICE)));
		assert_eq!(ChilledCommission::<Test>::get(ALICE), Some(Perbill::zero()));
		assert_ok!(Staking::validate(RuntimeOrigin::signed(ALICE), prefs(5)));
		assert_eq!(commission(ALICE), Perbill::zero());
		assert!(PendingCommission::<Test>::get(ALICE).is_some());
		assert_eq!(ChilledCommission::<Test>::get(ALICE), None);
	});
	reset();
}

// Found by the random-sequence harness: a validator that switched to nominating lost its
// commission base, so its next `validate` set any commission at once, and an increase it had
// announced was left behind.
#[test]
fn nominating_does_not_skip_the_notice() {
	two_validators_with_notice().build_and_execute(|| {
		assert_ok!(Staking::validate(RuntimeOrigin::signed(ALICE), prefs(5)));
		assert!(PendingCommission::<Test>::get(ALICE).is_some());
		assert_ok!(Staking::nominate(RuntimeOrigin::signed(ALICE), vec![BOB]));
		assert_eq!(ChilledCommission::<Test>::get(ALICE), Some(Perbill::zero()));

		assert_noop!(
			Staking::validate(RuntimeOrigin::signed(ALICE), prefs(80)),
			Error::<Test>::CommissionIncreaseTooLarge
		);
		assert_ok!(Staking::validate(RuntimeOrigin::signed(ALICE), prefs(5)));
		assert_eq!(commission(ALICE), Perbill::zero());
		assert!(PendingCommission::<Test>::get(ALICE).is_some());
	});
	reset();
}

// Found by the random-sequence harness: an increase that fell due while the election fetched
// the pages of a validator chilled since the snapshot made it a validator candidate again,
// outside the voter list.
#[test]
fn an_increase_due_for_a_validator_chilled_during_its_election_leaves_it_chilled() {
	ElectionPages::set(2);
	// Alice backs herself alone: her support is in the second page fetched.
	two_validators_with_notice()
		.nominator(DAVE, 500, vec![BOB])
		.build_and_execute(|| {
			assert_ok!(Staking::validate(RuntimeOrigin::signed(ALICE), prefs(5)));
			let due = PendingCommission::<Test>::get(ALICE).expect("announced").effective_era;
			while !(Staking::is_electing() && Staking::current_era() == due) {
				run_to_block(System::block_number() + 1);
			}
			run_to_block(System::block_number() + 1);
			assert!(Staking::is_electing(), "a page is still to be fetched");
			assert_ok!(Staking::chill(RuntimeOrigin::signed(ALICE)));
			while Staking::is_electing() {
				run_to_block(System::block_number() + 1);
			}

			assert!(!Validators::<Test>::contains_key(ALICE));
			assert_eq!(ChilledCommission::<Test>::get(ALICE), Some(Perbill::from_percent(5)));
			assert_eq!(PendingCommission::<Test>::get(ALICE), None);
			// She was elected with her commission, which rose as announced.
			assert_eq!(ErasValidatorPrefs::<Test>::get(due, ALICE), prefs(5));
		});
	ElectionPages::set(1);
	reset();
}

#[test]
fn the_minimum_commission_cannot_exceed_the_maximum() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			Staking::set_min_commission(RuntimeOrigin::root(), Perbill::from_percent(81)),
			Error::<Test>::CommissionTooHigh
		);
		assert_noop!(
			Staking::set_staking_configs(
				RuntimeOrigin::root(),
				crate::ConfigOp::Noop,
				crate::ConfigOp::Noop,
				crate::ConfigOp::Noop,
				crate::ConfigOp::Noop,
				crate::ConfigOp::Noop,
				crate::ConfigOp::Set(Perbill::from_percent(81)),
			),
			Error::<Test>::CommissionTooHigh
		);
	});
}
