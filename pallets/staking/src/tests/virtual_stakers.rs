//! Virtual stakers (`sp_staking::StakingUnchecked`): stakers whose funds another pallet holds,
//! here `pallet_delegated_staking`'s agents, as nomination pools are.

use super::{held, slashing::offence};
use crate::{
	mock::{StakingUpdate::*, *},
	Error, Ledger, NominatorSlashInEra, Payee, RewardDestination, VirtualStakers,
};
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect};
use sp_staking::{Stake, StakingInterface, StakingUnchecked};

/// A keyless account that stakes delegated funds, and where its rewards go.
const AGENT: AccountId = 50;
const REWARDS: AccountId = 51;

/// Makes [`AGENT`] an agent of delegated staking and `delegator` delegate `amount` to it, which
/// bonds it here as a virtual staker.
fn delegate(delegator: AccountId, amount: Balance) {
	if !pallet_delegated_staking::Agents::<Test>::contains_key(AGENT) {
		assert_ok!(DelegatedStaking::register_agent(RuntimeOrigin::signed(AGENT), REWARDS));
	}
	assert_ok!(DelegatedStaking::delegate_to_agent(
		RuntimeOrigin::signed(delegator),
		AGENT,
		amount
	));
}

#[test]
fn a_virtual_staker_bonds_without_a_hold_here() {
	ExtBuilder::default().build_and_execute(|| {
		delegate(DAVE, 1_000);
		assert!(Staking::is_virtual_staker(&AGENT));
		assert_eq!(Staking::stake(&AGENT), Ok(Stake { total: 1_000, active: 1_000 }));
		assert_eq!(held(AGENT), 0);
		assert_eq!(Balances::balance(&AGENT), 0);
		assert_eq!(Payee::<Test>::get(AGENT), Some(RewardDestination::Account(REWARDS)));
		// Its owner puts funds aside first: the staking pallet bonds what it is told.
		delegate(EVE, 500);
		assert_eq!(Staking::stake(&AGENT), Ok(Stake { total: 1_500, active: 1_500 }));
		assert_eq!(held(AGENT), 0);
	});
}

#[test]
fn a_virtual_staker_always_unbonds_for_the_full_duration() {
	ExtBuilder::default().validator(ALICE, 1_000).build_and_execute(|| {
		delegate(DAVE, 1_000);
		// Never exposed: a staker holding its own funds would exit at once.
		set_current_era(7);
		assert_ok!(<Staking as StakingInterface>::unbond(&AGENT, 400));
		assert_eq!(super::chunk_eras(AGENT), vec![7 + BONDING_DURATION]);
		staking_updates();
		set_current_era(7 + BONDING_DURATION);
		assert_eq!(<Staking as StakingInterface>::withdraw_unbonded(AGENT, 0), Ok(false));
		let previous = Some(Stake { total: 1_000, active: 600 });
		assert_eq!(
			staking_updates(),
			vec![StakeChanged { who: AGENT, previous }, Withdrawn { who: AGENT, amount: 400 }]
		);
		assert_eq!(Balances::balance(&AGENT), 0);
		// Unbonding zero, or more than is active, is what pools may ask for.
		assert_ok!(<Staking as StakingInterface>::unbond(&AGENT, 0));
		assert_ok!(<Staking as StakingInterface>::unbond(&AGENT, 10_000));
		set_current_era(7 + 2 * BONDING_DURATION);
		assert_eq!(<Staking as StakingInterface>::withdraw_unbonded(AGENT, 0), Ok(true));
		assert!(!VirtualStakers::<Test>::contains_key(AGENT));
		assert_eq!(staking_updates().last(), Some(&Unstaked(AGENT)));
		// Delegated staking now lets Dave have it all back.
		assert_ok!(DelegatedStaking::release_delegation(
			RuntimeOrigin::signed(AGENT),
			DAVE,
			1_000,
			0
		));
		assert_eq!(Balances::balance(&DAVE), INITIAL_BALANCE);
	});
}

#[test]
fn a_virtual_stakers_rewards_go_to_another_account() {
	ExtBuilder::default().build_and_execute(|| {
		assert_noop!(
			<Staking as StakingUnchecked>::virtual_bond(&AGENT, 100, &AGENT),
			Error::<Test>::RewardDestinationRestricted
		);
		delegate(DAVE, 1_000);
		assert_noop!(
			<Staking as StakingInterface>::set_payee(&AGENT, &AGENT),
			Error::<Test>::RewardDestinationRestricted
		);
		for payee in [RewardDestination::Staked, RewardDestination::Stash, RewardDestination::None]
		{
			assert_noop!(
				Staking::set_payee(RuntimeOrigin::signed(AGENT), payee),
				Error::<Test>::RewardDestinationRestricted
			);
		}
		assert_ok!(<Staking as StakingInterface>::set_payee(&AGENT, &EVE));
	});
}

#[test]
fn nobody_bonds_twice() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.nominator(BOB, 500, vec![ALICE])
		.build_and_execute(|| {
			delegate(DAVE, 1_000);
			assert_noop!(
				<Staking as StakingUnchecked>::virtual_bond(&AGENT, 100, &REWARDS),
				Error::<Test>::AlreadyBonded
			);
			assert_noop!(
				<Staking as StakingInterface>::bond(&AGENT, 100, &REWARDS),
				Error::<Test>::AlreadyBonded
			);
			for staker in [ALICE, BOB] {
				assert_noop!(
					<Staking as StakingUnchecked>::virtual_bond(&staker, 100, &REWARDS),
					Error::<Test>::AlreadyBonded
				);
			}
		});
}

#[test]
fn a_direct_nominator_becomes_a_delegated_one() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.nominator(BOB, 500, vec![ALICE])
		.build_and_execute(|| {
			assert_eq!(held(BOB), 500);
			assert_ok!(DelegatedStaking::migrate_to_agent(RuntimeOrigin::signed(BOB), REWARDS));
			assert!(Staking::is_virtual_staker(&BOB));
			assert_eq!(held(BOB), 0);
			assert_eq!(Staking::stake(&BOB), Ok(Stake { total: 500, active: 500 }));
			assert_eq!(Payee::<Test>::get(BOB), Some(RewardDestination::Account(REWARDS)));
		});
}

#[test]
fn a_virtual_nominator_is_slashed_in_its_ledger_and_its_owner_takes_the_funds() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 1_000)
		.build_and_execute(|| {
			delegate(DAVE, 1_000);
			assert_ok!(<Staking as StakingInterface>::nominate(&AGENT, vec![ALICE]));
			start_active_era(1);
			let dave_before = Balances::balance(&DAVE);
			staking_updates();
			offence(&[ALICE], crate::ErasStartSessionIndex::<Test>::get(1).unwrap(), 10, vec![]);
			start_active_era(1 + SlashDeferDuration::get() + 1);
			// Its ledger lost a tenth; nothing moved from anyone's balance here.
			assert_eq!(Ledger::<Test>::get(AGENT).unwrap().total, 900);
			assert_eq!(NominatorSlashInEra::<Test>::get(1, AGENT), Some(100));
			assert_eq!(Balances::balance(&DAVE), dave_before);
			assert!(staking_updates().contains(&Slashed {
				who: AGENT,
				active: 900,
				unlocking: Default::default(),
				total: 100
			}));
			// Delegated staking owes the slash and takes it from Dave's delegation.
			let ledger = pallet_delegated_staking::Agents::<Test>::get(AGENT).unwrap();
			assert_eq!(ledger.pending_slash, 100);
			assert_ok!(DelegatedStaking::do_slash(AGENT.into(), DAVE.into(), 100, None));
			assert_eq!(Balances::total_balance(&DAVE), INITIAL_BALANCE - 100);
		});
}

#[test]
fn a_virtual_staker_cannot_be_reaped_removed_or_validate() {
	ExtBuilder::default().build_and_execute(|| {
		delegate(DAVE, 1_000);
		assert_noop!(
			Staking::reap_stash(RuntimeOrigin::signed(EVE), AGENT, 0),
			Error::<Test>::VirtualStakerNotAllowed
		);
		assert_noop!(
			Staking::force_unstake(RuntimeOrigin::root(), AGENT, 0),
			Error::<Test>::VirtualStakerNotAllowed
		);
		assert_noop!(
			<Staking as StakingInterface>::force_unstake(AGENT),
			Error::<Test>::VirtualStakerNotAllowed
		);
		assert_noop!(
			Staking::validate(RuntimeOrigin::signed(AGENT), Default::default()),
			Error::<Test>::VirtualStakerNotAllowed
		);
	});
}

#[test]
fn the_invariants_check_a_virtual_staker_against_its_owner() {
	ExtBuilder::default().build().execute_with(|| {
		// Bonded with no owner holding anything for it.
		assert_ok!(<Staking as StakingUnchecked>::virtual_bond(&AGENT, 1_000, &REWARDS));
		assert_eq!(
			Staking::do_try_state(),
			Err("a virtual staker's owner does not know it".into())
		);
	});
	ExtBuilder::default().build().execute_with(|| {
		delegate(DAVE, 1_000);
		assert_ok!(Staking::do_try_state());
		// The ledger counts more than the owner holds.
		Ledger::<Test>::mutate(AGENT, |ledger| {
			let ledger = ledger.as_mut().unwrap();
			ledger.total += 1;
			ledger.active += 1;
		});
		assert_eq!(
			Staking::do_try_state(),
			Err("a virtual staker's owner holds less than its bonded total".into())
		);
	});
}

#[test]
fn a_late_reward_of_a_dissolved_virtual_staker_is_forfeited_not_minted_into_its_keyless_account() {
	// A day per block, so that an era earns whole units.
	MillisPerBlock::set(24 * 60 * 60 * 1_000);
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 1_000)
		.build_and_execute(|| {
			delegate(DAVE, 1_000);
			assert_ok!(<Staking as StakingInterface>::nominate(&AGENT, vec![ALICE]));
			start_active_era(1);
			Staking::reward_by_ids([(ALICE, 100)]);
			start_active_era(2);
			// Before era 1's rewards are paid, the staker is gone, and its owner released its funds.
			assert!(Staking::is_unpaid(1));
			assert_ok!(Staking::kill_stash(&AGENT));
			assert_ok!(DelegatedStaking::release_delegation(
				RuntimeOrigin::signed(AGENT),
				DAVE,
				1_000,
				0
			));
			let issuance = Balances::total_issuance();
			run_to_block(System::block_number() + AutoPayoutDelay::get() + 3);
			assert!(!Staking::is_unpaid(1), "era 1 is paid");
			assert!(!frame_system::Pallet::<Test>::account_exists(&AGENT));
			assert_eq!(Balances::balance(&AGENT), 0);
			assert!(Balances::total_issuance() > issuance, "Alice was paid");
		});
}
