//! The admin calls over eras: forcing eras and setting the number of validators.

use crate::{mock::*, ActiveEra, CurrentEra, Error, Event, ForceEra, Forcing, ValidatorCount};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::{DispatchError, Percent};

fn active_era() -> u32 {
	ActiveEra::<Test>::get().map(|era| era.index).expect("an era is active")
}

#[test]
fn force_new_era_starts_an_era_one_session_after_the_next_session_change() {
	SessionsPerEra::set(6);
	ExtBuilder::default().validator(ALICE, 1_000).build_and_execute(|| {
		assert_ok!(Staking::force_new_era(RuntimeOrigin::root()));
		System::assert_last_event(Event::ForceEra { mode: Forcing::ForceNew }.into());

		// Session 1 starts: era 1 is elected to start at session 3, not 6.
		start_session(1);
		assert_eq!(CurrentEra::<Test>::get(), Some(1));
		start_session(3);
		assert_eq!(active_era(), 1);
		// The force is used up: eras follow the schedule again (6 sessions).
		assert_eq!(ForceEra::<Test>::get(), Forcing::NotForcing);
		start_session(8);
		assert_eq!(active_era(), 1);
		start_session(9);
		assert_eq!(active_era(), 2);
	});
	SessionsPerEra::set(3);
}

#[test]
fn force_no_eras_keeps_the_current_era_and_validators() {
	ExtBuilder::default().validator(ALICE, 1_000).build_and_execute(|| {
		assert_ok!(Staking::force_no_eras(RuntimeOrigin::root()));
		System::assert_last_event(Event::ForceEra { mode: Forcing::ForceNone }.into());
		start_session(10);
		assert_eq!(active_era(), 0);
		assert_eq!(CurrentEra::<Test>::get(), Some(0));
		assert_eq!(session_validators(), vec![ALICE]);
	});
}

#[test]
fn force_new_era_always_starts_an_era_every_session() {
	ExtBuilder::default().validator(ALICE, 1_000).build_and_execute(|| {
		assert_ok!(Staking::force_new_era_always(RuntimeOrigin::root()));
		System::assert_last_event(Event::ForceEra { mode: Forcing::ForceAlways }.into());
		start_session(3);
		let era = active_era();
		start_session(4);
		assert_eq!(active_era(), era + 1);
		start_session(5);
		assert_eq!(active_era(), era + 2);
	});
}

#[test]
fn forcing_eras_needs_the_admin_origin() {
	ExtBuilder::default().build_and_execute(|| {
		for origin in [RuntimeOrigin::signed(ALICE), RuntimeOrigin::none()] {
			assert_noop!(Staking::force_new_era(origin.clone()), DispatchError::BadOrigin);
			assert_noop!(Staking::force_no_eras(origin.clone()), DispatchError::BadOrigin);
			assert_noop!(Staking::force_new_era_always(origin), DispatchError::BadOrigin);
		}
	});
}

#[test]
fn set_validator_count_sets_the_count_up_to_the_maximum() {
	ExtBuilder::default().build_and_execute(|| {
		let max: u32 = <Test as crate::Config>::MaxValidatorSet::get();
		assert_ok!(Staking::set_validator_count(RuntimeOrigin::root(), 7));
		assert_eq!(ValidatorCount::<Test>::get(), 7);
		assert_ok!(Staking::set_validator_count(RuntimeOrigin::root(), max));
		assert_noop!(
			Staking::set_validator_count(RuntimeOrigin::root(), max + 1),
			Error::<Test>::TooManyElected
		);
	});
}

#[test]
fn increase_validator_count_adds_up_to_the_maximum() {
	ExtBuilder::default().build_and_execute(|| {
		let max: u32 = <Test as crate::Config>::MaxValidatorSet::get();
		assert_ok!(Staking::increase_validator_count(RuntimeOrigin::root(), 3));
		assert_eq!(ValidatorCount::<Test>::get(), 5);
		assert_noop!(
			Staking::increase_validator_count(RuntimeOrigin::root(), max),
			Error::<Test>::TooManyElected
		);
		assert_noop!(
			Staking::increase_validator_count(RuntimeOrigin::root(), u32::MAX),
			Error::<Test>::TooManyElected
		);
	});
}

#[test]
fn scale_validator_count_grows_by_a_percentage() {
	ExtBuilder::default().validator_count(10).build_and_execute(|| {
		assert_ok!(Staking::scale_validator_count(
			RuntimeOrigin::root(),
			Percent::from_percent(50)
		));
		assert_eq!(ValidatorCount::<Test>::get(), 15);
		ValidatorCount::<Test>::put(90);
		assert_noop!(
			Staking::scale_validator_count(RuntimeOrigin::root(), Percent::from_percent(20)),
			Error::<Test>::TooManyElected
		);
	});
}

#[test]
fn validator_count_calls_need_the_admin_origin() {
	ExtBuilder::default().build_and_execute(|| {
		let origin = RuntimeOrigin::signed(ALICE);
		assert_noop!(Staking::set_validator_count(origin.clone(), 1), DispatchError::BadOrigin);
		assert_noop!(
			Staking::increase_validator_count(origin.clone(), 1),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Staking::scale_validator_count(origin, Percent::from_percent(1)),
			DispatchError::BadOrigin
		);
	});
}
