//! The storage items kept in `pallet-staking`'s names for the clients that read them (Sidecar,
//! polkadot-api's staking SDK, Polkadot.js' derives), each holding a true answer:
//! `MinimumActiveStake`, `SlashingSpans` and the ledger's `legacy_claimed_rewards`.

use super::{
	rewards::{
		end_era_zero, run_automatic_payouts, two_validators_one_nominator,
		with_more_nominators_of_alice,
	},
	voter_list::voters_of_three_sizes,
};
use crate::{
	mock::*, ClaimedRewards, ElectionFailure, Ledger, MinimumActiveStake, RewardDestination,
	SlashingSpans, SnapshotMinimumActiveStake, StakingLedger,
};
use frame_election_provider_support::{bounds::DataProviderBounds, ElectionDataProvider};
use frame_support::assert_ok;
use sp_runtime::Perbill;
use sp_staking::EraIndex;

fn count(voters: u32) -> DataProviderBounds {
	DataProviderBounds { count: Some(voters.into()), size: None }
}

fn claimed_eras(who: AccountId) -> Vec<EraIndex> {
	Ledger::<Test>::get(who)
		.map(|ledger| ledger.legacy_claimed_rewards.to_vec())
		.unwrap_or_default()
}

#[test]
fn the_minimum_active_stake_is_the_smallest_nominator_stake_the_last_snapshot_took() {
	voters_of_three_sizes().build_and_execute(|| {
		// Genesis elected everyone: Charlie's 50 is the smallest nominator stake.
		assert_eq!(MinimumActiveStake::<Test>::get(), 50);

		// A snapshot of three voters takes Bob, Dave and Alice: Alice's smaller stake is a
		// validator's and does not count.
		Staking::electing_voters(count(3), 0).expect("voters");
		assert_eq!(MinimumActiveStake::<Test>::get(), 1_000);

		// Page by page: the value changes only once the last page (page 0) is taken.
		Staking::electing_voters(count(2), 1).expect("page 1");
		assert_eq!(SnapshotMinimumActiveStake::<Test>::get(), Some(1_000));
		assert_eq!(MinimumActiveStake::<Test>::get(), 1_000);
		Staking::electing_voters(count(2), 0).expect("page 0");
		assert_eq!(MinimumActiveStake::<Test>::get(), 50);
		assert_eq!(SnapshotMinimumActiveStake::<Test>::get(), None);
	});
}

#[test]
fn a_snapshot_without_nominators_sets_the_minimum_active_stake_to_zero() {
	ExtBuilder::default()
		.validator(ALICE, 100)
		.validator(BOB, 200)
		.build_and_execute(|| {
			assert_eq!(MinimumActiveStake::<Test>::get(), 0);
			assert_ok!(Staking::bond(RuntimeOrigin::signed(DAVE), 700, RewardDestination::Staked));
			assert_ok!(Staking::nominate(RuntimeOrigin::signed(DAVE), vec![ALICE]));
			Staking::electing_voters(DataProviderBounds::default(), 0).expect("voters");
			assert_eq!(MinimumActiveStake::<Test>::get(), 700);
			assert_ok!(Staking::chill(RuntimeOrigin::signed(DAVE)));
			Staking::electing_voters(DataProviderBounds::default(), 0).expect("voters");
			assert_eq!(MinimumActiveStake::<Test>::get(), 0);
		});
}

#[test]
fn a_snapshot_cut_short_leaves_the_last_complete_snapshots_minimum() {
	voters_of_three_sizes().build_and_execute(|| {
		Staking::electing_voters(count(2), 1).expect("page 1");
		assert_eq!(SnapshotMinimumActiveStake::<Test>::get(), Some(1_000));
		// The election fails before its last page: what the snapshot took so far is
		// forgotten, and the last complete snapshot's value stays.
		Staking::fail_election(1, ElectionFailure::ProviderFailed);
		assert_eq!(SnapshotMinimumActiveStake::<Test>::get(), None);
		assert_eq!(MinimumActiveStake::<Test>::get(), 50);
	});
}

#[test]
fn each_eras_election_updates_the_minimum_active_stake() {
	voters_of_three_sizes().build_and_execute(|| {
		assert_ok!(Staking::bond_extra(RuntimeOrigin::signed(CHARLIE), 150));
		start_active_era(1);
		assert_eq!(MinimumActiveStake::<Test>::get(), 200);
		assert_ok!(Staking::chill(RuntimeOrigin::signed(CHARLIE)));
		start_active_era(2);
		assert_eq!(MinimumActiveStake::<Test>::get(), 1_000);
	});
}

#[test]
fn a_validators_ledger_lists_an_era_once_the_automatic_payout_claimed_all_its_pages() {
	two_validators_one_nominator().build_and_execute(|| {
		end_era_zero();
		assert_eq!(claimed_eras(ALICE), Vec::<EraIndex>::new());
		run_automatic_payouts();
		assert_eq!(claimed_eras(ALICE), vec![0]);
		assert_eq!(claimed_eras(BOB), vec![0]);
		// A nominator's ledger lists nothing: the field is a validator's.
		assert_eq!(claimed_eras(DAVE), Vec::<EraIndex>::new());
	});
}

#[test]
fn an_era_is_listed_only_once_every_page_is_claimed_by_hand_or_automatically() {
	MaxExposurePageSize::set(2);
	with_more_nominators_of_alice(&[10, 11, 12]).build_and_execute(|| {
		end_era_zero();
		assert_eq!(Staking::reward_pages(0, &ALICE), Some(2));
		assert_ok!(Staking::payout_stakers_by_page(RuntimeOrigin::signed(EVE), ALICE, 0, 1));
		assert_eq!(claimed_eras(ALICE), Vec::<EraIndex>::new(), "page 0 is not claimed yet");
		assert_ok!(Staking::payout_stakers_by_page(RuntimeOrigin::signed(EVE), ALICE, 0, 0));
		assert_eq!(claimed_eras(ALICE), vec![0]);
		assert_eq!(ClaimedRewards::<Test>::get(0, ALICE).len(), 2);
		run_automatic_payouts();
		assert_eq!(claimed_eras(ALICE), vec![0], "listed once");
	});
	MaxExposurePageSize::set(64);
}

#[test]
fn the_automatic_payout_lists_an_era_whose_other_pages_were_paid_by_hand() {
	MaxExposurePageSize::set(2);
	with_more_nominators_of_alice(&[10, 11, 12]).build_and_execute(|| {
		end_era_zero();
		assert_ok!(Staking::payout_stakers_by_page(RuntimeOrigin::signed(EVE), ALICE, 0, 1));
		assert_eq!(claimed_eras(ALICE), Vec::<EraIndex>::new());
		// The automatic payout claims page 0, the last one left.
		run_automatic_payouts();
		assert_eq!(claimed_eras(ALICE), vec![0]);
	});
	MaxExposurePageSize::set(64);
}

#[test]
fn an_era_paid_after_leaving_the_history_is_not_listed() {
	HistoryDepth::set(BONDING_DURATION);
	two_validators_one_nominator().build_and_execute(|| {
		end_era_zero();
		// A payout backlog holds era 0 back until it is older than the history.
		crate::UnpaidEras::<Test>::mutate(|eras| eras[0].1 = u64::MAX);
		start_active_era(BONDING_DURATION + 2);
		crate::UnpaidEras::<Test>::mutate(|eras| eras[0].1 = 0);
		let mut era_zero_paid = false;
		for _ in 0..AutoPayoutDelay::get() + 3 {
			run_to_block(System::block_number() + 1);
			era_zero_paid |= System::events().iter().any(|record| {
				record.event == RuntimeEvent::Staking(crate::Event::EraRewardsPaid { era: 0 })
			});
		}
		assert!(era_zero_paid, "era 0 was paid");
		assert!(!claimed_eras(ALICE).contains(&0), "but is out of the claimed eras' window");
	});
	HistoryDepth::set(84);
}

#[test]
fn claimed_eras_stay_within_the_reward_history() {
	HistoryDepth::set(3);
	two_validators_one_nominator().build_and_execute(|| {
		for era in 0..6 {
			Staking::reward_by_ids([(ALICE, 1)]);
			start_active_era(era + 1);
			run_automatic_payouts();
		}
		// Active era 6: eras 3, 4 and 5 are the last `HistoryDepth`.
		assert_eq!(claimed_eras(ALICE), vec![3, 4, 5]);
	});
	HistoryDepth::set(84);
}

#[test]
fn claimed_eras_are_kept_in_order_once_each_and_never_older_than_the_history() {
	let mut ledger = StakingLedger::<Test>::new(ALICE, 1_000);
	for era in [7, 5, 6, 6] {
		ledger.note_rewards_claimed(era, 5);
	}
	assert_eq!(ledger.legacy_claimed_rewards.to_vec(), vec![5, 6, 7]);
	ledger.note_rewards_claimed(4, 5);
	assert_eq!(ledger.legacy_claimed_rewards.to_vec(), vec![5, 6, 7], "era 4 is too old");
	ledger.note_rewards_claimed(9, 7);
	assert_eq!(ledger.legacy_claimed_rewards.to_vec(), vec![7, 9]);
	let depth: u32 = <Test as crate::Config>::HistoryDepth::get();
	for era in 0..depth {
		ledger.note_rewards_claimed(100 + era, 100);
	}
	assert_eq!(ledger.legacy_claimed_rewards.len() as u32, depth);
}

#[test]
fn a_validator_that_left_before_its_payout_gets_no_ledger_back() {
	two_validators_one_nominator().build_and_execute(|| {
		end_era_zero();
		assert_ok!(Staking::chill(RuntimeOrigin::signed(BOB)));
		assert_ok!(Staking::force_unstake(RuntimeOrigin::root(), BOB, 0));
		assert!(Ledger::<Test>::get(BOB).is_none());
		run_automatic_payouts();
		assert!(Ledger::<Test>::get(BOB).is_none(), "no ledger is written for a left staker");
		assert_eq!(claimed_eras(ALICE), vec![0]);
	});
}

#[test]
fn slashing_keeps_no_spans() {
	two_validators_one_nominator().build_and_execute(|| {
		assert_ok!(Staking::manual_slash(
			RuntimeOrigin::root(),
			ALICE,
			0,
			Perbill::from_percent(10)
		));
		start_active_era(1);
		start_active_era(2);
		assert!(crate::ValidatorSlashInEra::<Test>::get(0, ALICE).is_some(), "Alice was slashed");
		assert!(crate::NominatorSlashInEra::<Test>::get(0, DAVE).is_some(), "Dave was slashed");
		// Clients read "no spans" for the slashed validator and its nominators alike.
		for who in [ALICE, BOB, DAVE] {
			assert_eq!(SlashingSpans::<Test>::get(who), None);
		}
		assert_eq!(SlashingSpans::<Test>::iter().count(), 0);
	});
}
