//! Storage migrations: each runs once, on a chain at the version before it.

use crate::{
	migrations::{v3::MigrateV2ToV3, v4::MigrateV3ToV4},
	mock::*,
	payout::EraPayout,
	weights::WeightInfo,
	ActiveEra, AutoPayout, ClaimedErasBackfill, ClaimedErasCursor, ErasRewardPaid,
	ErasRewardPoints, ErasUnpaidBackings, ErasValidatorReward, Event, Ledger, PagedPayoutsFrom,
	Pallet, ValidatorPrefs,
};
use frame_support::{
	assert_ok,
	traits::{fungible::Inspect, Get, GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	weights::{RuntimeDbWeight, WeightMeter},
};
use sp_runtime::{Perbill, Perquintill};
use sp_staking::EraIndex;

#[test]
fn v3_runs_once_on_a_chain_at_version_2() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 1_000)
		.build_and_execute(|| {
			start_active_era(2);
			StorageVersion::new(2).put::<Pallet<Test>>();
			MigrateV2ToV3::<Test>::on_runtime_upgrade();
			assert_eq!(Pallet::<Test>::on_chain_storage_version(), 3);
			assert_eq!(
				PagedPayoutsFrom::<Test>::get(),
				3,
				"eras up to the current one were recorded"
			);

			// At version 3 it does nothing.
			PagedPayoutsFrom::<Test>::put(0);
			MigrateV2ToV3::<Test>::on_runtime_upgrade();
			assert_eq!(PagedPayoutsFrom::<Test>::get(), 0);
		});
}

/// Runs blocks until `era`'s automatic payout is done, adding up the rewards of each staker
/// and counting how many times each was paid.
fn rewards_until_paid(era: u32) -> std::collections::BTreeMap<AccountId, (u32, Balance)> {
	let mut rewards = std::collections::BTreeMap::<AccountId, (u32, Balance)>::new();
	for _ in 0..100 {
		run_to_block(System::block_number() + 1);
		let mut done = false;
		for record in System::events() {
			match record.event {
				RuntimeEvent::Staking(Event::Rewarded { stash, amount, .. }) => {
					let entry = rewards.entry(stash).or_default();
					entry.0 += 1;
					entry.1 += amount;
				},
				RuntimeEvent::Staking(Event::EraRewardsPaid { era: paid }) if paid == era => {
					done = true
				},
				_ => {},
			}
		}
		if done {
			return rewards;
		}
	}
	panic!("era {era} was not paid");
}

// An upgrade that lands while an era's automatic payout is half done, as version 2 did it
// (from each staker's record of what it backed, removed as it paid): Alice, paid already, gets
// nothing more; Bob's commission and Eve are paid once each, from their records.
#[test]
fn v3_in_the_middle_of_an_automatic_payout_pays_nobody_twice() {
	// A day per block, so that the era earns whole units of reward.
	MillisPerBlock::set(24 * 60 * 60 * 1_000);
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 1_000)
		.nominator(EVE, 400, vec![BOB])
		.build_and_execute(|| {
			// Version 2 recorded what each staker backed, for every era.
			PagedPayoutsFrom::<Test>::put(EraIndex::MAX);
			let ten = ValidatorPrefs { commission: Perbill::from_percent(10), blocked: false };
			assert_ok!(Staking::validate(RuntimeOrigin::signed(ALICE), ten));
			assert_ok!(Staking::validate(RuntimeOrigin::signed(BOB), ten));
			start_active_era(1);
			Staking::reward_by_ids([(ALICE, 50), (BOB, 50)]);
			start_active_era(2);
			assert!(Pallet::<Test>::is_unpaid(1), "era 1 awaits its automatic payout");
			assert!(ErasUnpaidBackings::<Test>::get(1, EVE).is_some(), "version 2 recorded Eve");

			// Version 2's automatic payout has paid Alice (her own stake and her commission):
			// it took her record, then paid it; pages were claimed only at the end.
			StorageVersion::new(2).put::<Pallet<Test>>();
			let mut payout = EraPayout::<Test>::load(1).unwrap();
			let alice_before = Balances::total_balance(&ALICE);
			let own = Staking::exposure_overview(1, &ALICE).unwrap().own;
			assert!(Pallet::<Test>::pay_backing(&mut payout, &ALICE, 0, &ALICE, own));
			payout.settle();
			let alice_paid = Balances::total_balance(&ALICE) - alice_before;
			assert!(alice_paid > 0);
			assert_eq!(ErasUnpaidBackings::<Test>::get(1, ALICE), None);
			// Version 2's place in its payout (`Paying`), which version 3 cannot read.
			frame_support::storage::unhashed::put_raw(&AutoPayout::<Test>::hashed_key(), &[0]);

			MigrateV2ToV3::<Test>::on_runtime_upgrade();
			assert_eq!(PagedPayoutsFrom::<Test>::get(), 3);
			assert_eq!(AutoPayout::<Test>::get(), None);

			let rewards = rewards_until_paid(1);
			assert_eq!(rewards.get(&ALICE), None, "Alice is not paid again");
			let (bob_times, bob_reward) = rewards[&BOB];
			let (eve_times, _) = rewards[&EVE];
			assert_eq!((bob_times, eve_times), (1, 1), "Bob and Eve are paid once each");
			assert_eq!(ErasUnpaidBackings::<Test>::iter_prefix(1).count(), 0);
			let reward = ErasValidatorReward::<Test>::get(1).unwrap();
			let paid = ErasRewardPaid::<Test>::get(1);
			assert_eq!(paid, alice_paid + bob_reward + rewards[&EVE].1);
			assert!(paid <= reward && reward - paid <= 3, "paid {paid} of {reward}");
			// Bob's commission is a tenth of his part of the era's reward, his share of its
			// points, and the rest of his part goes to his stake and Eve's.
			let points = ErasRewardPoints::<Test>::get(1);
			let bobs_part = Perquintill::from_rational(
				u64::from(points.individual[&BOB]),
				u64::from(points.total),
			)
			.mul_floor(reward);
			assert!(bob_reward > Perbill::from_percent(10).mul_floor(bobs_part));
		});
}

/// Every ledger's list of claimed eras, by stash.
fn claimed_eras_of_all() -> std::collections::BTreeMap<AccountId, Vec<EraIndex>> {
	Ledger::<Test>::iter()
		.map(|(stash, ledger)| (stash, ledger.legacy_claimed_rewards.to_vec()))
		.collect()
}

/// Ends eras 0 to `eras - 1`, each with reward points for `validators`, and runs their
/// automatic payouts.
fn pay_eras(eras: EraIndex, validators: &[AccountId]) {
	for era in 0..eras {
		Staking::reward_by_ids(validators.iter().map(|v| (*v, 10)));
		start_active_era(era + 1);
		crate::tests::rewards::run_automatic_payouts();
	}
}

/// What a chain at storage version 3 stored: the same state, with no ledger listing its
/// claimed eras.
fn as_at_version_3() {
	for stash in Ledger::<Test>::iter_keys().collect::<Vec<_>>() {
		Ledger::<Test>::mutate(&stash, |ledger| {
			if let Some(ledger) = ledger {
				ledger.legacy_claimed_rewards = Default::default();
			}
		});
	}
	StorageVersion::new(3).put::<Pallet<Test>>();
}

#[test]
fn v4_lists_in_each_ledger_the_eras_version_3_paid_in_full() {
	MillisPerBlock::set(24 * 60 * 60 * 1_000);
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 1_000)
		.nominator(DAVE, 500, vec![ALICE, BOB])
		.build_and_execute(|| {
			pay_eras(4, &[ALICE, BOB]);
			let paid = claimed_eras_of_all();
			assert_eq!(paid.get(&ALICE), Some(&vec![0, 1, 2, 3]));
			assert_eq!(paid.get(&BOB), Some(&vec![0, 1, 2, 3]));
			as_at_version_3();

			MigrateV3ToV4::<Test>::on_runtime_upgrade();
			assert_eq!(Pallet::<Test>::on_chain_storage_version(), 4);
			assert_eq!(
				ClaimedErasBackfill::<Test>::get(),
				Some(ClaimedErasCursor { era: 0, after: None })
			);
			assert!(claimed_eras_of_all().values().all(Vec::is_empty), "nothing listed yet");

			run_to_block(System::block_number() + 1);
			assert_eq!(
				ClaimedErasBackfill::<Test>::get(),
				None,
				"a block's spare weight is enough"
			);
			assert_eq!(claimed_eras_of_all(), paid);

			// At version 4 it starts nothing.
			MigrateV3ToV4::<Test>::on_runtime_upgrade();
			assert_eq!(ClaimedErasBackfill::<Test>::get(), None);
		});
}

#[test]
fn the_v4_backfill_goes_on_across_blocks_as_their_spare_weight_allows() {
	MillisPerBlock::set(24 * 60 * 60 * 1_000);
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 1_000)
		.validator(CHARLIE, 1_000)
		.validator_count(3)
		.build_and_execute(|| {
			pay_eras(3, &[ALICE, BOB, CHARLIE]);
			let paid = claimed_eras_of_all();
			assert_eq!(paid.get(&CHARLIE), Some(&vec![0, 1, 2]));
			as_at_version_3();
			MigrateV3ToV4::<Test>::on_runtime_upgrade();

			// Room for the cursor and one validator a block: 3 eras of 3 validators, and the
			// eras' ends.
			let db = <<Test as frame_system::Config>::DbWeight as Get<RuntimeDbWeight>>::get();
			let step = db
				.reads_writes(2, 1)
				.saturating_add(<Test as crate::Config>::WeightInfo::backfill_claimed_era());
			let mut blocks = 0;
			while ClaimedErasBackfill::<Test>::exists() {
				assert!(blocks < 20, "the backfill ends");
				let mut meter = WeightMeter::with_limit(step);
				Pallet::<Test>::backfill_claimed_eras(&mut meter);
				assert!(meter.consumed().all_lte(step));
				blocks += 1;
				assert_ok!(Pallet::<Test>::do_try_state());
			}
			assert!(blocks > 9, "one validator a block: {blocks}");
			assert_eq!(claimed_eras_of_all(), paid);
		});
}

#[test]
fn v4_starts_no_backfill_before_the_first_era() {
	ExtBuilder::default().validator(ALICE, 1_000).build_and_execute(|| {
		ActiveEra::<Test>::kill();
		StorageVersion::new(3).put::<Pallet<Test>>();
		MigrateV3ToV4::<Test>::on_runtime_upgrade();
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 4);
		assert_eq!(ClaimedErasBackfill::<Test>::get(), None);
	});
}

#[test]
fn the_v4_backfill_leaves_a_partly_claimed_era_to_its_payout() {
	MaxExposurePageSize::set(2);
	crate::tests::rewards::with_more_nominators_of_alice(&[10, 11, 12]).build_and_execute(|| {
		crate::tests::rewards::end_era_zero();
		assert_eq!(Staking::reward_pages(0, &ALICE), Some(2));
		assert_ok!(Staking::payout_stakers_by_page(RuntimeOrigin::signed(EVE), ALICE, 0, 1));
		as_at_version_3();

		MigrateV3ToV4::<Test>::on_runtime_upgrade();
		Pallet::<Test>::backfill_claimed_eras(&mut WeightMeter::new());
		assert_eq!(ClaimedErasBackfill::<Test>::get(), None);
		assert_eq!(claimed_eras_of_all().get(&ALICE), Some(&vec![]), "page 0 is not claimed");

		crate::tests::rewards::run_automatic_payouts();
		assert_eq!(claimed_eras_of_all().get(&ALICE), Some(&vec![0]), "listed by the payout");
	});
	MaxExposurePageSize::set(64);
}
