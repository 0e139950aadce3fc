//! The pallet seen through `sp_staking::StakingInterface`, as another pallet uses it.

use crate::{mock::*, Error, Payee, RewardDestination};
use frame_support::{assert_noop, assert_ok};
use sp_staking::{Stake, StakerStatus, StakingInterface};

type S = Staking;

#[test]
fn a_staker_lives_its_whole_life_through_the_interface() {
	ExtBuilder::default().validator(ALICE, 1_000).build_and_execute(|| {
		assert_ok!(<S as StakingInterface>::bond(&BOB, 800, &CHARLIE));
		assert_eq!(Payee::<Test>::get(BOB), Some(RewardDestination::Account(CHARLIE)));
		assert_ok!(<S as StakingInterface>::bond_extra(&BOB, 200));
		assert_eq!(<S as StakingInterface>::stake(&BOB), Ok(Stake { total: 1_000, active: 1_000 }));
		assert_eq!(<S as StakingInterface>::stash_by_ctrl(&BOB), Ok(BOB));

		assert_ok!(<S as StakingInterface>::nominate(&BOB, vec![ALICE]));
		assert_eq!(<S as StakingInterface>::status(&BOB), Ok(StakerStatus::Nominator(vec![ALICE])));
		assert_eq!(<S as StakingInterface>::status(&ALICE), Ok(StakerStatus::Validator));
		assert!(<S as StakingInterface>::is_validator(&ALICE));

		assert_ok!(<S as StakingInterface>::chill(&BOB));
		assert_eq!(<S as StakingInterface>::status(&BOB), Ok(StakerStatus::Idle));
		set_current_era_exposed(0, BOB);
		assert_ok!(<S as StakingInterface>::unbond(&BOB, 1_000));
		assert!(<S as StakingInterface>::is_unbonding(&BOB).expect("bonded"));

		// Not yet withdrawable.
		assert_eq!(<S as StakingInterface>::withdraw_unbonded(BOB, 0), Ok(false));
		<S as StakingInterface>::set_era(<S as StakingInterface>::bonding_duration());
		assert_eq!(<S as StakingInterface>::current_era(), BONDING_DURATION);
		assert_eq!(<S as StakingInterface>::withdraw_unbonded(BOB, 0), Ok(true));
		assert_noop!(<S as StakingInterface>::stake(&BOB), Error::<Test>::NotStash);
	});
}

#[test]
fn the_interface_reports_the_configuration() {
	ExtBuilder::default().min_bonds(10, 20).build_and_execute(|| {
		assert_eq!(<S as StakingInterface>::minimum_nominator_bond(), 10);
		assert_eq!(<S as StakingInterface>::minimum_validator_bond(), 20);
		assert_eq!(<S as StakingInterface>::bonding_duration(), BONDING_DURATION);
		assert_eq!(<S as StakingInterface>::desired_validator_count(), 2);
		assert!(!<S as StakingInterface>::election_ongoing());
	});
}

#[test]
fn the_interface_refuses_accounts_that_are_not_bonded() {
	ExtBuilder::default().build_and_execute(|| {
		let nobody = NOBODY;
		assert_noop!(<S as StakingInterface>::status(&nobody), Error::<Test>::NotStash);
		assert_noop!(<S as StakingInterface>::chill(&nobody), Error::<Test>::NotStash);
		assert_noop!(<S as StakingInterface>::set_payee(&nobody, &ALICE), Error::<Test>::NotStash);
		assert_noop!(<S as StakingInterface>::force_unstake(nobody), Error::<Test>::NotStash);
	});
}

#[test]
fn force_unstake_through_the_interface_releases_everything() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		assert_ok!(<S as StakingInterface>::force_unstake(ALICE));
		assert_eq!(super::held(ALICE), 0);
	});
}
