//! `Config::EventListeners`: every change to a staker's stake and intent is reported, with the
//! amounts that left its ledger, so pallets staking through this one keep their accounts.

use crate::{mock::StakingUpdate::*, mock::*, RewardDestination};
use frame_support::assert_ok;
use sp_staking::Stake;

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

#[test]
fn bonds_and_intents_are_reported() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 1_000)
		.build_and_execute(|| {
			staking_updates();
			assert_ok!(Staking::bond(signed(DAVE), 500, RewardDestination::Staked));
			assert_eq!(staking_updates(), vec![StakeChanged { who: DAVE, previous: None }]);
			assert_ok!(Staking::bond_extra(signed(DAVE), 100));
			let previous = Some(Stake { total: 500, active: 500 });
			assert_eq!(staking_updates(), vec![StakeChanged { who: DAVE, previous }]);

			assert_ok!(Staking::nominate(signed(DAVE), vec![ALICE]));
			assert_eq!(staking_updates(), vec![NominatorAdded(DAVE)]);
			assert_ok!(Staking::nominate(signed(DAVE), vec![BOB]));
			assert_eq!(
				staking_updates(),
				vec![NominatorUpdated { who: DAVE, previous: vec![ALICE] }]
			);
			assert_ok!(Staking::kick(signed(BOB), vec![DAVE]));
			assert_eq!(
				staking_updates(),
				vec![NominatorUpdated { who: DAVE, previous: vec![BOB] }]
			);

			assert_ok!(Staking::validate(signed(DAVE), Default::default()));
			assert_eq!(
				staking_updates(),
				vec![NominatorRemoved { who: DAVE, nominations: vec![] }, ValidatorAdded(DAVE)]
			);
			assert_ok!(Staking::validate(signed(DAVE), Default::default()));
			assert_eq!(staking_updates(), vec![ValidatorUpdated(DAVE)]);
			assert_ok!(Staking::nominate(signed(DAVE), vec![ALICE]));
			assert_eq!(staking_updates(), vec![ValidatorRemoved(DAVE), NominatorAdded(DAVE)]);
			assert_ok!(Staking::chill(signed(DAVE)));
			assert_eq!(
				staking_updates(),
				vec![NominatorRemoved { who: DAVE, nominations: vec![ALICE] }]
			);
		});
}

#[test]
fn every_withdrawal_is_reported_with_what_left_the_ledger() {
	ExtBuilder::default().staker(DAVE, 500).build_and_execute(|| {
		set_current_era_exposed(0, DAVE);
		assert_ok!(Staking::unbond(signed(DAVE), 200));
		staking_updates();
		set_current_era(BONDING_DURATION);
		assert_ok!(Staking::withdraw_unbonded(signed(DAVE), 0));
		let previous = Some(Stake { total: 500, active: 300 });
		assert_eq!(
			staking_updates(),
			vec![StakeChanged { who: DAVE, previous }, Withdrawn { who: DAVE, amount: 200 }]
		);

		// The last withdrawal removes the staker: its whole remaining bond is reported.
		assert_ok!(Staking::unbond(signed(DAVE), 300));
		staking_updates();
		assert_ok!(Staking::withdraw_unbonded(signed(DAVE), 0));
		assert_eq!(staking_updates(), vec![Withdrawn { who: DAVE, amount: 300 }, Unstaked(DAVE)]);
	});
}

#[test]
fn the_withdrawal_inside_unbond_is_reported() {
	ExtBuilder::default().staker(DAVE, 500).build_and_execute(|| {
		// One chunk per era fills all 32 chunks: eras 3 to 34.
		for era in 0..32 {
			set_current_era_exposed(era, DAVE);
			assert_ok!(Staking::unbond(signed(DAVE), 1));
		}
		set_current_era_exposed(34, DAVE);
		staking_updates();
		// No chunk is free and none is for era 37: `unbond` first withdraws the 32 matured.
		assert_ok!(Staking::unbond(signed(DAVE), 1));
		let previous = Some(Stake { total: 500, active: 468 });
		assert_eq!(
			staking_updates(),
			vec![StakeChanged { who: DAVE, previous }, Withdrawn { who: DAVE, amount: 32 }]
		);
	});
}

#[test]
fn a_forced_unstake_reports_the_release() {
	ExtBuilder::default().staker(DAVE, 500).build_and_execute(|| {
		staking_updates();
		assert_ok!(Staking::force_unstake(RuntimeOrigin::root(), DAVE, 0));
		assert_eq!(staking_updates(), vec![Withdrawn { who: DAVE, amount: 500 }, Unstaked(DAVE)]);
	});
}
