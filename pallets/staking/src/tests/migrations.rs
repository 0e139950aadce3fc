//! Storage migrations: each runs once, on a chain at the version before it.

use crate::{
	migrations::v2::MigrateV1ToV2, mock::*, payout::EraPayout, AutoPayout, ErasRewardPaid,
	ErasRewardPoints, ErasUnpaidBackings, ErasValidatorPrefs, ErasValidatorReward, Event, Pallet,
	PayoutPhase, UnpaidBacking, ValidatorPrefs,
};
use frame_support::{
	assert_ok,
	traits::{fungible::Inspect, GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
};
use sp_runtime::{Perbill, Perquintill};

/// Bob's page-0 backing of himself in `era`, if he is owed one.
fn bobs_commission_backing(era: u32) -> Option<UnpaidBacking<AccountId, Balance>> {
	ErasUnpaidBackings::<Test>::get(era, BOB)?
		.into_iter()
		.find(|backing| backing.validator == BOB && backing.page == 0)
}

#[test]
fn v2_gives_a_validator_elected_without_own_stake_its_commission_backing_once() {
	let builder = ExtBuilder::default().validator(ALICE, 1_000).validator(BOB, 1_000);
	super::bob_elected_without_own_stake(builder, || {
		assert!(bobs_commission_backing(1).is_some());

		// A chain at version 1 recorded no backing for Bob, who had no stake of his own.
		ErasUnpaidBackings::<Test>::remove(1, BOB);
		StorageVersion::new(1).put::<Pallet<Test>>();

		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 2);
		let backing = bobs_commission_backing(1).expect("the migration adds it");
		assert_eq!(backing.value, 0);

		// At version 2 it does nothing.
		let migrated = ErasUnpaidBackings::<Test>::take(1, BOB).expect("migrated");
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(bobs_commission_backing(1), None);
		// (Put back, so that the invariants checked after the test hold.)
		ErasUnpaidBackings::<Test>::insert(1, BOB, migrated);
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

// An upgrade that lands while an era's automatic payout is half done: the validators already
// paid (whose backings the payout removed) get nothing more, the validator elected without
// stake of its own gets its commission, once.
#[test]
fn v2_in_the_middle_of_an_automatic_payout_pays_nobody_twice() {
	// A day per block, so that the era earns whole units of reward.
	MillisPerBlock::set(24 * 60 * 60 * 1_000);
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 1_000)
		.nominator(EVE, 400, vec![BOB])
		.build_and_execute(|| {
			let ten = ValidatorPrefs { commission: Perbill::from_percent(10), blocked: false };
			assert_ok!(Staking::validate(RuntimeOrigin::signed(ALICE), ten));
			assert_ok!(Staking::validate(RuntimeOrigin::signed(BOB), ten));
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(BOB), 1_000));
			start_active_era(1);
			assert_eq!(ErasValidatorPrefs::<Test>::get(1, ALICE), ten);
			assert_eq!(Staking::exposure_overview(1, &BOB).unwrap().own, 0);
			Staking::reward_by_ids([(ALICE, 50), (BOB, 50)]);
			start_active_era(2);
			assert!(Pallet::<Test>::is_unpaid(1), "era 1 awaits its automatic payout");

			// A chain at version 1 recorded no backing for Bob, who had no stake of his own.
			ErasUnpaidBackings::<Test>::remove(1, BOB);
			StorageVersion::new(1).put::<Pallet<Test>>();
			// The automatic payout has paid Alice (her own stake and her commission), as
			// `pay_stakers` does: it took her backings, then paid them.
			let mut payout = EraPayout::<Test>::load(1).unwrap();
			let alices = ErasUnpaidBackings::<Test>::take(1, ALICE).expect("Alice is owed");
			let alice_before = Balances::total_balance(&ALICE);
			Pallet::<Test>::pay_staker(&mut payout, &ALICE, &alices);
			let alice_paid = Balances::total_balance(&ALICE) - alice_before;
			assert!(alice_paid > 0);
			assert_eq!(AutoPayout::<Test>::get(), PayoutPhase::Paying, "half done");

			MigrateV1ToV2::<Test>::on_runtime_upgrade();
			assert_eq!(ErasUnpaidBackings::<Test>::get(1, ALICE), None, "Alice was paid");
			assert_eq!(bobs_commission_backing(1).map(|backing| backing.value), Some(0));

			let rewards = rewards_until_paid(1);
			assert_eq!(rewards.get(&ALICE), None, "Alice is not paid again");
			let (bob_times, bob_reward) = rewards[&BOB];
			let (eve_times, _) = rewards[&EVE];
			assert_eq!((bob_times, eve_times), (1, 1), "Bob and Eve are paid once each");
			let reward = ErasValidatorReward::<Test>::get(1).unwrap();
			// Bob's commission is a tenth of his part of the era's reward, his share of its points.
			let points = ErasRewardPoints::<Test>::get(1);
			let bobs_part = Perquintill::from_rational(
				u64::from(points.individual[&BOB]),
				u64::from(points.total),
			)
			.mul_floor(reward);
			assert_eq!(bob_reward, Perbill::from_percent(10).mul_floor(bobs_part));
			let paid = ErasRewardPaid::<Test>::get(1);
			assert_eq!(paid, alice_paid + bob_reward + rewards[&EVE].1);
			assert!(paid <= reward && reward - paid <= 3, "paid {paid} of {reward}");
		});
}
