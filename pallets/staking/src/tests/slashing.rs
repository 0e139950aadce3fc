//! Slashing: offences reported on chain and by governance, worked out per exposure page,
//! deferred from the offence era, cancellable, and applied to own stake, nominators' stake and
//! unbonding funds, with the proceeds split between reporters and the treasury.

use super::held;
use crate::{
	mock::*, Error, Event, Ledger, NominatorSlashInEra, Nominators, SlashComputationQueue,
	StakerSlashDue, UnappliedSlashEras, UnappliedSlashOverflowCount, UnappliedSlashes,
	ValidatorSlashInEra, Validators,
};
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect, weights::Weight};
use sp_runtime::{traits::BadOrigin, Perbill};
use sp_staking::{
	offence::{OffenceDetails, OnOffenceHandler},
	EraIndex, SessionIndex,
};

/// Alice (1,000) and Bob (1,000) validate; Dave (500) nominates Alice and Eve (400) Bob.
fn two_validators_two_nominators() -> ExtBuilder {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 1_000)
		.nominator(DAVE, 500, vec![ALICE])
		.nominator(EVE, 400, vec![BOB])
}

/// Reports, as `pallet-offences` does, that each of `offenders` committed an offence in
/// session `session`, slashing `fraction`, reported by `reporters`.
pub(super) fn offence(
	offenders: &[AccountId],
	session: SessionIndex,
	fraction: u32,
	reporters: Vec<AccountId>,
) {
	let details: Vec<_> = offenders
		.iter()
		.map(|offender| OffenceDetails { offender: (*offender, ()), reporters: reporters.clone() })
		.collect();
	let fractions = vec![Perbill::from_percent(fraction); offenders.len()];
	let _: Weight =
		<Staking as OnOffenceHandler<_, _, _>>::on_offence(&details, &fractions, session);
}

/// `validators`, chilled by their offences, validate again, so that the next era has
/// validators to elect.
fn validate_again(validators: &[AccountId]) {
	for validator in validators {
		assert_ok!(Staking::validate(RuntimeOrigin::signed(*validator), Default::default()));
	}
}

/// What `who` had at stake behind `validator` in `era`: its own stake, or its nomination.
fn exposed(era: EraIndex, validator: AccountId, who: AccountId) -> Balance {
	if who == validator {
		return Staking::exposure_overview(era, &validator).map_or(0, |overview| overview.own);
	}
	(0..)
		.map_while(|page| Staking::exposure_page(era, &validator, page))
		.flat_map(|page| page.others)
		.filter(|exposure| exposure.who == who)
		.map(|exposure| exposure.value)
		.sum()
}

/// The ledger total of `who`, 0 if it is not bonded.
fn bonded(who: AccountId) -> Balance {
	Ledger::<Test>::get(who).map_or(0, |ledger| ledger.total)
}

/// Runs blocks up to `n`, adding up the `Slashed` events of each.
fn slashed_until(n: BlockNumber) -> std::collections::BTreeMap<AccountId, Balance> {
	let mut slashed = std::collections::BTreeMap::new();
	while System::block_number() < n {
		run_to_block(System::block_number() + 1);
		for record in System::events() {
			if let RuntimeEvent::Staking(Event::Slashed { staker, amount }) = record.event {
				*slashed.entry(staker).or_default() += amount;
			}
		}
	}
	slashed
}

/// The events this pallet emitted in the current block.
fn staking_events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Staking(event) => Some(event),
			_ => None,
		})
		.collect()
}

#[test]
fn an_offence_slashes_own_and_nominated_stake_once_its_deferral_has_passed() {
	two_validators_two_nominators().build_and_execute(|| {
		assert_eq!(exposed(0, ALICE, DAVE), 500);

		offence(&[ALICE], 0, 10, vec![]);
		assert!(staking_events().contains(&Event::SlashReported {
			validator: ALICE,
			fraction: Perbill::from_percent(10),
			offence_era: 0,
		}));
		assert!(staking_events().contains(&Event::Chilled { stash: ALICE }));
		assert!(!Validators::<Test>::contains_key(ALICE));
		// Nominators keep their nominations.
		assert_eq!(Nominators::<Test>::get(DAVE).unwrap().targets.to_vec(), vec![ALICE]);

		// Worked out in the next block, due in era 0 + SlashDeferDuration = 1: nothing is
		// slashed yet.
		run_to_block(System::block_number() + 1);
		let slashes = UnappliedSlashes::<Test>::get(1);
		assert_eq!(slashes.len(), 1);
		assert_eq!(slashes[0].validator, ALICE);
		assert_eq!(slashes[0].own, 100);
		assert_eq!(slashes[0].others.to_vec(), vec![(DAVE, 50)]);
		assert_eq!(slashes[0].payout, 0, "nobody reported it, so nobody is paid");
		assert_eq!((bonded(ALICE), bonded(DAVE), bonded(EVE)), (1_000, 500, 400));

		start_active_era(1);
		let treasury = Balances::balance(&TREASURY);
		let issuance = Balances::total_issuance();
		let slashed = slashed_until(System::block_number() + 1);
		assert_eq!(slashed, [(ALICE, 100), (DAVE, 50)].into_iter().collect());
		assert_eq!((bonded(ALICE), bonded(DAVE), bonded(EVE)), (900, 450, 400));
		assert_eq!((held(ALICE), held(DAVE)), (900, 450));
		assert_eq!(Balances::balance(&TREASURY), treasury + 150, "all of it to the treasury");
		assert_eq!(Balances::total_issuance(), issuance, "slashed funds are moved, not burned");
		assert_eq!(
			ValidatorSlashInEra::<Test>::get(0, ALICE),
			Some((Perbill::from_percent(10), 100))
		);
		assert_eq!(NominatorSlashInEra::<Test>::get(0, DAVE), Some(50));
		assert!(UnappliedSlashes::<Test>::get(1).is_empty());
		assert!(UnappliedSlashEras::<Test>::get().is_empty());
	});
}

#[test]
fn reporters_share_their_part_of_the_offenders_own_slash_and_the_treasury_the_rest() {
	two_validators_two_nominators().build_and_execute(|| {
		let reporter = CHARLIE;
		offence(&[BOB], 0, 50, vec![reporter]);
		run_to_block(System::block_number() + 1);
		let slash = UnappliedSlashes::<Test>::get(1)[0].clone();
		assert_eq!((slash.own, slash.others.to_vec()), (500, vec![(EVE, 200)]));
		let total = 700;
		// A tenth of Bob's own 500, nothing of Eve's 200.
		assert_eq!(slash.payout, 50);
		assert_eq!(slash.reporters.to_vec(), vec![reporter]);

		start_active_era(1);
		let (treasury, charlie) = (Balances::balance(&TREASURY), Balances::balance(&reporter));
		let slashed = slashed_until(System::block_number() + 1);
		assert_eq!(slashed.values().sum::<Balance>(), total);
		assert_eq!(Balances::balance(&reporter), charlie + slash.payout);
		assert_eq!(Balances::balance(&TREASURY), treasury + total - slash.payout);
	});
}

#[test]
fn within_an_era_only_the_highest_fraction_reported_is_slashed() {
	two_validators_two_nominators().build_and_execute(|| {
		offence(&[ALICE], 0, 10, vec![]);
		offence(&[ALICE], 0, 5, vec![]);
		run_to_block(System::block_number() + 1);
		assert_eq!(UnappliedSlashes::<Test>::get(1).len(), 1, "the lower report adds nothing");

		offence(&[ALICE], 1, 20, vec![]);
		run_to_block(System::block_number() + 1);
		let slashes = UnappliedSlashes::<Test>::get(1);
		assert_eq!(slashes.len(), 2, "the higher report adds the difference");
		assert_eq!((slashes[0].own, slashes[1].own), (100, 100));

		start_active_era(1);
		// Each entry is a step of a tenth of a block: the two may take two blocks.
		let slashed = slashed_until(System::block_number() + 2);
		assert_eq!(slashed.get(&ALICE), Some(&200), "20 %, not 10 + 5 + 20 %");
		assert_eq!(slashed.get(&DAVE), Some(&100));
		assert_eq!(
			ValidatorSlashInEra::<Test>::get(0, ALICE),
			Some((Perbill::from_percent(20), 200))
		);
	});
}

#[test]
fn offences_in_different_eras_each_slash_and_never_more_than_is_bonded() {
	two_validators_two_nominators().build_and_execute(|| {
		offence(&[ALICE], 0, 60, vec![]);
		// Alice validates again and is elected for era 1 with Dave's nomination.
		validate_again(&[ALICE]);
		start_active_era(1);
		let first = slashed_until(System::block_number() + 1);
		assert_eq!(first.get(&DAVE), Some(&300));
		assert_eq!(bonded(DAVE), 200);

		// Era 1 exposed Dave's 500 again (elected before the slash); 60 % of it is more than
		// the 200 he has left.
		assert_eq!(exposed(1, ALICE, DAVE), 500);
		let session = crate::ErasStartSessionIndex::<Test>::get(1).unwrap();
		offence(&[ALICE], session, 60, vec![]);
		start_active_era(2);
		let second = slashed_until(System::block_number() + 1);
		assert_eq!(second.get(&DAVE), Some(&200));
		assert_eq!(bonded(DAVE), 0);
		assert_eq!(held(DAVE), 0);
		assert_eq!(NominatorSlashInEra::<Test>::get(1, DAVE), Some(200));
		// What is left is dust: anyone may reap it.
		assert_ok!(Staking::reap_stash(RuntimeOrigin::signed(EVE), DAVE, 0));
		assert!(!Ledger::<Test>::contains_key(DAVE));
	});
}

#[test]
fn a_slash_takes_funds_unbonded_since_the_offence_era_and_spares_older_ones() {
	two_validators_two_nominators().build_and_execute(|| {
		// Before era 1's election, Dave unbonds 400: era 1 exposes only his other 100.
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(DAVE), 400));
		assert_eq!(super::chunk_eras(DAVE), vec![BONDING_DURATION]);
		start_active_era(1);
		assert_eq!(exposed(1, ALICE, DAVE), 100);

		// An era-1 offence spares the chunk unbonded in era 0 (it was not at stake in era 1).
		let session = crate::ErasStartSessionIndex::<Test>::get(1).unwrap();
		offence(&[ALICE], session, 100, vec![]);
		start_active_era(2);
		let slashed = slashed_until(System::block_number() + 1);
		assert_eq!(slashed.get(&DAVE), Some(&100));
		let ledger = Ledger::<Test>::get(DAVE).unwrap();
		assert_eq!((ledger.active, ledger.total), (0, 400));
		assert_eq!(held(DAVE), 400);
	});
}

#[test]
fn a_slash_takes_what_was_at_stake_even_after_it_started_unbonding() {
	two_validators_two_nominators().build_and_execute(|| {
		offence(&[ALICE], 0, 50, vec![]);
		// Dave unbonds right after the offence era's exposure: still slashable.
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(DAVE), 400));
		start_active_era(1);
		let slashed = slashed_until(System::block_number() + 1);
		assert_eq!(slashed.get(&DAVE), Some(&250));
		let ledger = Ledger::<Test>::get(DAVE).unwrap();
		// Pro rata: half of the 100 left active, half of the 400 unbonding.
		assert_eq!(ledger.active, 50);
		assert_eq!(ledger.total, 250);
		assert_eq!(ledger.unlocking.iter().map(|chunk| chunk.value).sum::<Balance>(), 200);
		assert_eq!(held(DAVE), 250);
	});
}

#[test]
fn an_offender_that_unbonded_everything_is_slashed_from_its_unbonding_funds() {
	two_validators_two_nominators().build_and_execute(|| {
		offence(&[ALICE], 0, 30, vec![]);
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(ALICE), 1_000));
		assert_eq!(Ledger::<Test>::get(ALICE).unwrap().active, 0);
		start_active_era(1);
		assert_eq!(slashed_until(System::block_number() + 1).get(&ALICE), Some(&300));
		let ledger = Ledger::<Test>::get(ALICE).unwrap();
		assert_eq!((ledger.active, ledger.total), (0, 700));
		assert_eq!(held(ALICE), 700);
	});
}

#[test]
fn an_offender_that_left_staking_loses_nothing_more_and_others_are_still_slashed() {
	two_validators_two_nominators().build_and_execute(|| {
		offence(&[ALICE], 0, 10, vec![]);
		run_to_block(System::block_number() + 1);
		assert_ok!(Staking::force_unstake(RuntimeOrigin::root(), ALICE, 0));
		start_active_era(1);
		let slashed = slashed_until(System::block_number() + 1);
		assert_eq!(slashed.get(&ALICE), None);
		assert_eq!(slashed.get(&DAVE), Some(&50));
		assert_eq!(Balances::balance(&ALICE), INITIAL_BALANCE);
	});
}

#[test]
fn the_deferral_counts_from_the_offence_era_not_the_report() {
	two_validators_two_nominators().build_and_execute(|| {
		start_active_era(1);
		// Reported in era 1 for a session of era 0: due in era 0 + 1, which is already
		// active, so it is applied at once.
		offence(&[ALICE], 0, 10, vec![]);
		let slashed = slashed_until(System::block_number() + 1);
		assert_eq!(slashed.get(&ALICE), Some(&100));
	});
}

#[test]
fn a_longer_deferral_waits_its_eras() {
	SlashDeferDuration::set(2);
	two_validators_two_nominators().build_and_execute(|| {
		offence(&[ALICE], 0, 10, vec![]);
		start_active_era(1);
		assert_eq!(slashed_until(System::block_number() + 2).get(&ALICE), None);
		assert_eq!(UnappliedSlashes::<Test>::get(2).len(), 1);
		start_active_era(2);
		assert_eq!(slashed_until(System::block_number() + 1).get(&ALICE), Some(&100));
	});
}

#[test]
fn the_admin_cancels_a_deferred_slash_and_nothing_is_taken() {
	two_validators_two_nominators().build_and_execute(|| {
		offence(&[ALICE, BOB], 0, 10, vec![]);
		validate_again(&[ALICE, BOB]);
		run_to_block(System::block_number() + 1);
		let slashes = UnappliedSlashes::<Test>::get(1);
		assert_eq!(slashes.len(), 2);
		let cancelled = slashes[0].validator;

		assert_ok!(Staking::cancel_deferred_slash(RuntimeOrigin::root(), 1, vec![0]));
		assert!(staking_events()
			.contains(&Event::SlashCancelled { offence_era: 0, validator: cancelled }));
		assert_eq!(UnappliedSlashes::<Test>::get(1).len(), 1);

		start_active_era(1);
		let slashed = slashed_until(System::block_number() + 1);
		assert_eq!(slashed.get(&cancelled), None);
		assert_eq!(slashes[1].validator, BOB);
		assert_eq!(slashed.get(&BOB), Some(&100));
		assert_eq!(bonded(cancelled), 1_000);
	});
}

#[test]
fn cancelling_every_slash_of_an_era_empties_it() {
	two_validators_two_nominators().build_and_execute(|| {
		offence(&[ALICE, BOB], 0, 10, vec![]);
		validate_again(&[ALICE, BOB]);
		run_to_block(System::block_number() + 1);
		assert_ok!(Staking::cancel_deferred_slash(RuntimeOrigin::root(), 1, vec![0, 1]));
		assert!(!UnappliedSlashes::<Test>::contains_key(1));
		assert!(UnappliedSlashEras::<Test>::get().is_empty());
		start_active_era(1);
		assert!(slashed_until(System::block_number() + 1).is_empty());
	});
}

#[test]
fn cancel_deferred_slash_refuses_bad_indices_and_origins() {
	two_validators_two_nominators().build_and_execute(|| {
		offence(&[ALICE, BOB], 0, 10, vec![]);
		run_to_block(System::block_number() + 1);
		assert_noop!(
			Staking::cancel_deferred_slash(RuntimeOrigin::signed(ALICE), 1, vec![0]),
			BadOrigin
		);
		assert_noop!(
			Staking::cancel_deferred_slash(RuntimeOrigin::root(), 1, vec![]),
			Error::<Test>::NoSlashIndices
		);
		assert_noop!(
			Staking::cancel_deferred_slash(RuntimeOrigin::root(), 1, vec![1, 0]),
			Error::<Test>::NotSortedAndUnique
		);
		assert_noop!(
			Staking::cancel_deferred_slash(RuntimeOrigin::root(), 1, vec![0, 0]),
			Error::<Test>::NotSortedAndUnique
		);
		assert_noop!(
			Staking::cancel_deferred_slash(RuntimeOrigin::root(), 1, vec![2]),
			Error::<Test>::InvalidSlashIndex
		);
		assert_noop!(
			Staking::cancel_deferred_slash(RuntimeOrigin::root(), 5, vec![0]),
			Error::<Test>::InvalidSlashIndex
		);
	});
}

#[test]
fn manual_slash_takes_the_deferred_path_of_an_offence() {
	two_validators_two_nominators().build_and_execute(|| {
		assert_ok!(Staking::manual_slash(
			RuntimeOrigin::root(),
			ALICE,
			0,
			Perbill::from_percent(10)
		));
		assert!(staking_events().contains(&Event::SlashReported {
			validator: ALICE,
			fraction: Perbill::from_percent(10),
			offence_era: 0,
		}));
		run_to_block(System::block_number() + 1);
		assert_eq!(UnappliedSlashes::<Test>::get(1)[0].own, 100);
		start_active_era(1);
		assert_eq!(slashed_until(System::block_number() + 1).get(&ALICE), Some(&100));
	});
}

#[test]
fn manual_slash_refuses_bad_origins_eras_and_validators() {
	two_validators_two_nominators().build_and_execute(|| {
		let tenth = Perbill::from_percent(10);
		assert_noop!(Staking::manual_slash(RuntimeOrigin::signed(ALICE), BOB, 0, tenth), BadOrigin);
		assert_noop!(
			Staking::manual_slash(RuntimeOrigin::root(), ALICE, 0, Perbill::zero()),
			Error::<Test>::ZeroSlashFraction
		);
		assert_noop!(
			Staking::manual_slash(RuntimeOrigin::root(), ALICE, 1, tenth),
			Error::<Test>::EraNotSlashable
		);
		assert_noop!(
			Staking::manual_slash(RuntimeOrigin::root(), DAVE, 0, tenth),
			Error::<Test>::NotElected
		);
		// Once era 0 is more than BondingDuration eras old, its stake is gone.
		start_active_era(BONDING_DURATION + 1);
		assert_noop!(
			Staking::manual_slash(RuntimeOrigin::root(), ALICE, 0, tenth),
			Error::<Test>::EraNotSlashable
		);
	});
}

#[test]
fn an_offence_of_an_era_no_longer_bonded_is_ignored() {
	two_validators_two_nominators().build_and_execute(|| {
		start_active_era(BONDING_DURATION + 1);
		offence(&[ALICE], 0, 10, vec![]);
		assert!(!staking_events()
			.iter()
			.any(|event| matches!(event, Event::SlashReported { .. })));
		assert!(Validators::<Test>::contains_key(ALICE));
	});
}

#[test]
fn an_offender_of_the_active_era_is_disabled_until_it_ends() {
	ExtBuilder::default()
		.funded(6, INITIAL_BALANCE)
		.validator(ALICE, 1_000)
		.validator(BOB, 1_000)
		.validator(CHARLIE, 1_000)
		.validator(6, 1_000)
		.validator_count(4)
		.build_and_execute(|| {
			let alice = session_validators().iter().position(|v| *v == ALICE).unwrap() as u32;
			offence(&[ALICE], 0, 10, vec![]);
			assert!(staking_events().contains(&Event::ValidatorDisabled { stash: ALICE }));
			assert!(pallet_session::Pallet::<Test>::disabled_validators().contains(&alice));
		});
}

#[test]
fn a_slash_spanning_many_exposure_pages_is_applied_page_by_page() {
	MaxExposurePageSize::set(2);
	let nominators = [10, 11, 12, 13, 14];
	nominators
		.iter()
		.fold(two_validators_two_nominators(), |builder, &who| {
			builder.funded(who, INITIAL_BALANCE).nominator(who, 100, vec![BOB])
		})
		.build_and_execute(|| {
			let pages = Staking::exposure_overview(0, &BOB).unwrap().page_count;
			assert!(pages >= 3, "Bob's nominators fill {pages} pages");
			offence(&[BOB], 0, 10, vec![]);
			run_to_block(System::block_number() + 1);
			let slashes = UnappliedSlashes::<Test>::get(1);
			assert_eq!(slashes.len() as u32, pages, "one entry per page");
			assert_eq!(slashes.iter().filter(|slash| slash.own > 0).count(), 1);

			start_active_era(1);
			let slashed = slashed_until(System::block_number() + 1);
			for who in nominators {
				assert_eq!(slashed.get(&who), Some(&10), "nominator {who}");
				assert_eq!(bonded(who), 90);
			}
			assert_eq!(slashed.get(&BOB), Some(&100));
		});
}

#[test]
fn slashes_beyond_the_listed_ones_wait_their_deferral_too() {
	MaxUnappliedSlashes::set(1);
	two_validators_two_nominators().build_and_execute(|| {
		offence(&[ALICE, BOB], 0, 10, vec![]);
		let slashed = slashed_until(System::block_number() + 1);
		assert!(slashed.is_empty(), "both wait");
		assert_eq!(UnappliedSlashes::<Test>::get(1).len(), 1, "the first is listed");
		assert_eq!(UnappliedSlashOverflowCount::<Test>::get(1), 1, "the second is beyond");
		assert_eq!(Staking::unapplied_slash_count(1), 2);

		validate_again(&[ALICE, BOB]);
		start_active_era(1);
		// One entry a step, a step or two a block.
		let slashed = slashed_until(System::block_number() + 2);
		let expected = [(ALICE, 100), (DAVE, 50), (BOB, 100), (EVE, 40)].into_iter().collect();
		assert_eq!(slashed, expected);
		assert_eq!(Staking::unapplied_slash_count(1), 0);
		assert!(UnappliedSlashEras::<Test>::get().is_empty());
	});
	MaxUnappliedSlashes::set(512);
}

#[test]
fn a_staker_no_slash_can_reach_withdraws_while_others_are_slashed() {
	super::nominator_of_an_unelected_validator().build_and_execute(|| {
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(DAVE), 100));
		offence(&[ALICE], 0, 10, vec![]);
		// Dave's stake was never exposed: he neither waits while Alice's slash is worked out,
		// nor while it is deferred.
		assert!(!SlashComputationQueue::<Test>::get().is_empty());
		assert_ok!(Staking::withdraw_unbonded(RuntimeOrigin::signed(DAVE), 0));
		assert!(!Ledger::<Test>::contains_key(DAVE));
	});
}

#[test]
fn only_the_stakers_a_pending_slash_can_reach_wait_for_it() {
	SlashDeferDuration::set(2);
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 1_000)
		.nominator(DAVE, 500, vec![ALICE])
		.nominator(EVE, 400, vec![BOB])
		.build_and_execute(|| {
			// Dave and Eve were exposed in era 0; each unbonds 100, free from era 3.
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(DAVE), 100));
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(EVE), 100));
			offence(&[ALICE], 0, 10, vec![]);
			// While it is worked out, every staker exposed in a slashable era waits.
			assert!(!SlashComputationQueue::<Test>::get().is_empty());
			assert_noop!(
				Staking::withdraw_unbonded(RuntimeOrigin::signed(EVE), 0),
				Error::<Test>::SlashesPending
			);
			run_to_block(System::block_number() + 1);
			assert!(SlashComputationQueue::<Test>::get().is_empty());
			// Worked out: due in era 2. Dave backed Alice and waits; Eve backed Bob and does
			// not (her chunk has simply not matured).
			assert_eq!(StakerSlashDue::<Test>::get(DAVE), Some(2));
			assert_eq!(StakerSlashDue::<Test>::get(EVE), None);
			start_active_era(1);
			assert_noop!(
				Staking::withdraw_unbonded(RuntimeOrigin::signed(DAVE), 0),
				Error::<Test>::SlashesPending
			);
			assert_noop!(
				Staking::withdraw_unbonded(RuntimeOrigin::signed(EVE), 0),
				Error::<Test>::NothingToWithdraw
			);
			start_active_era(2);
			let slashed = slashed_until(System::block_number() + 1);
			assert_eq!(slashed.get(&DAVE), Some(&50));
			assert!(!Staking::must_wait_for_slashes(&DAVE), "applied: Dave is free");
			start_active_era(3);
			assert_ok!(Staking::withdraw_unbonded(RuntimeOrigin::signed(DAVE), 0));
			assert_eq!(StakerSlashDue::<Test>::get(DAVE), None, "the stale mark is gone");
			// The slash took a tenth of the active 400 and of the unbonding 100.
			assert_eq!(bonded(DAVE), 360, "500, less the 50 slashed and the 90 withdrawn");
			assert_ok!(Staking::withdraw_unbonded(RuntimeOrigin::signed(EVE), 0));
		});
	SlashDeferDuration::set(1);
}

#[test]
fn a_cancelled_slash_keeps_nobody_waiting() {
	two_validators_two_nominators().build_and_execute(|| {
		offence(&[ALICE], 0, 10, vec![]);
		run_to_block(System::block_number() + 1);
		assert!(Staking::must_wait_for_slashes(&DAVE));
		assert_ok!(Staking::cancel_deferred_slash(RuntimeOrigin::root(), 1, vec![0]));
		assert!(!Staking::must_wait_for_slashes(&DAVE));
		assert!(!Staking::must_wait_for_slashes(&ALICE));
	});
}

#[test]
fn anyone_may_push_a_due_slash_forward() {
	two_validators_two_nominators().build_and_execute(|| {
		start_active_era(1);
		offence(&[ALICE], 0, 10, vec![]);
		// Worked out by hand, as a block too full for on_initialize would leave it.
		let mut computation = crate::SlashComputations::<Test>::get(0).unwrap();
		Staking::compute_slash_page(&mut computation);
		crate::SlashComputations::<Test>::remove(0);
		crate::SlashComputationQueue::<Test>::kill();

		assert_noop!(
			Staking::apply_slash(RuntimeOrigin::signed(EVE), 2),
			Error::<Test>::NoUnappliedSlash
		);
		assert_ok!(Staking::apply_slash(RuntimeOrigin::signed(EVE), 1));
		assert!(staking_events().contains(&Event::Slashed { staker: ALICE, amount: 100 }));
		assert_eq!(bonded(ALICE), 900);
		assert_noop!(
			Staking::apply_slash(RuntimeOrigin::signed(EVE), 1),
			Error::<Test>::NoUnappliedSlash
		);
	});
}

#[test]
fn apply_slash_refuses_slashes_that_are_not_due() {
	two_validators_two_nominators().build_and_execute(|| {
		offence(&[ALICE], 0, 10, vec![]);
		run_to_block(System::block_number() + 1);
		assert_noop!(
			Staking::apply_slash(RuntimeOrigin::signed(EVE), 1),
			Error::<Test>::SlashNotDue
		);
		assert_noop!(Staking::apply_slash(RuntimeOrigin::none(), 1), BadOrigin);
	});
}

#[test]
fn a_page_larger_than_one_step_is_applied_over_two_steps_each_staker_once() {
	MaxExposurePageSize::set(200);
	let nominators: Vec<AccountId> = (1_000..1_150).collect();
	nominators
		.iter()
		.fold(two_validators_two_nominators(), |builder, &who| {
			builder.funded(who, INITIAL_BALANCE).nominator(who, 100, vec![BOB])
		})
		.build_and_execute(|| {
			assert_eq!(Staking::exposure_overview(0, &BOB).unwrap().page_count, 1);
			offence(&[BOB], 0, 10, vec![CHARLIE]);
			validate_again(&[BOB]);
			run_to_block(System::block_number() + 1);
			let slash = UnappliedSlashes::<Test>::get(1)[0].clone();
			assert_eq!(slash.others.len(), 151, "Eve and the 150 on one page");

			start_active_era(1);
			while !staking_events().iter().any(|event| matches!(event, Event::Slashed { .. })) {
				run_to_block(System::block_number() + 1);
			}
			// The first step took the offender and as many nominators as fit; the rest stays last.
			let chunk = Staking::slash_apply_chunk() as usize;
			assert!(chunk < 151, "a step takes {chunk} of the page's 151");
			let rest = UnappliedSlashes::<Test>::get(1);
			let first = staking_events();
			let slashed_first =
				first.iter().filter(|event| matches!(event, Event::Slashed { .. })).count();
			if rest.is_empty() {
				// Both steps fit in the block.
				assert_eq!(slashed_first, 152);
			} else {
				assert_eq!(slashed_first, 1 + chunk);
				assert_eq!((rest[0].own, rest[0].payout), (0, 0), "own and reward went first");
			}
			let mut slashed = slashed_until(System::block_number() + 3);
			for event in first {
				if let Event::Slashed { staker, amount } = event {
					*slashed.entry(staker).or_default() += amount;
				}
			}
			assert_eq!(slashed.len(), 152, "Bob, Eve and 150 nominators");
			assert_eq!(slashed[&BOB], 100);
			assert_eq!(slashed[&EVE], 40);
			for who in nominators {
				assert_eq!(slashed[&who], 10, "nominator {who} slashed once");
			}
			assert_eq!(Staking::unapplied_slash_count(1), 0);
			assert_eq!(Balances::balance(&CHARLIE), INITIAL_BALANCE + 10, "a tenth of Bob's own");
		});
	MaxExposurePageSize::set(64);
}
