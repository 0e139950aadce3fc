//! Era rotation through `pallet-session`: genesis, the schedule, elections that fail, and
//! unbonding measured in eras.

use crate::{
	mock::*, ActiveEra, BondedEras, CurrentEra, ElectionFailure, ElectionPhase,
	ErasStakersOverview, ErasStartSessionIndex, Event, Ledger, NextEraElection,
};
use frame_election_provider_support::ElectionDataProvider;
use frame_support::{assert_noop, assert_ok};

#[test]
fn genesis_elects_the_first_validators_and_starts_era_zero() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 500)
		.nominator(CHARLIE, 300, vec![BOB])
		.build_and_execute(|| {
			assert_eq!(ActiveEra::<Test>::get().map(|era| era.index), Some(0));
			assert_eq!(CurrentEra::<Test>::get(), Some(0));
			assert_eq!(ErasStartSessionIndex::<Test>::get(0), Some(0));
			assert_eq!(BondedEras::<Test>::get().to_vec(), vec![(0, 0)]);
			assert_eq!(session_validators(), vec![ALICE, BOB]);

			let bob = ErasStakersOverview::<Test>::get(0, BOB).expect("BOB is elected");
			assert_eq!((bob.own, bob.total, bob.nominator_count, bob.page_count), (500, 800, 1, 1));
			// The first block of the era records its start time when it is finalised.
			assert_eq!(ActiveEra::<Test>::get().and_then(|era| era.start), None);
			run_to_block(2);
			assert_eq!(ActiveEra::<Test>::get().and_then(|era| era.start), Some(BLOCK_TIME));
		});
}

#[test]
fn an_era_lasts_sessions_per_era_and_its_election_runs_in_the_session_before() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 500)
		.build_and_execute(|| {
			// Session 1 starts: the election of era 1 (starting at session 3) begins.
			start_session(1);
			assert_eq!(CurrentEra::<Test>::get(), Some(1));
			assert_eq!(ErasStartSessionIndex::<Test>::get(1), Some(3));
			assert!(matches!(
				NextEraElection::<Test>::get(),
				ElectionPhase::Fetching { era: 1, .. }
			));
			assert!(Staking::is_electing());

			// The next block fetches the result.
			run_to_block(System::block_number() + 1);
			assert_eq!(NextEraElection::<Test>::get(), ElectionPhase::Ready { era: 1 });
			System::assert_has_event(Event::StakersElected { era: 1, validators: 2 }.into());

			start_session(2);
			assert_eq!(ActiveEra::<Test>::get().map(|era| era.index), Some(0));
			start_session(3);
			assert_eq!(ActiveEra::<Test>::get().map(|era| era.index), Some(1));
			System::assert_has_event(Event::EraStarted { era: 1 }.into());
			run_to_block(System::block_number() + 1);
			assert_eq!(
				ActiveEra::<Test>::get().and_then(|era| era.start),
				Some(3 * SESSION_LENGTH * BLOCK_TIME)
			);
			assert_eq!(BondedEras::<Test>::get().to_vec(), vec![(0, 0), (1, 3)]);
		});
}

#[test]
fn stake_decides_who_validates_the_next_era() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 500)
		.validator(CHARLIE, 300)
		.build_and_execute(|| {
			assert_eq!(session_validators(), vec![ALICE, BOB]);

			// Dave's stake behind Charlie lifts Charlie above Bob.
			assert_ok!(Staking::bond(
				RuntimeOrigin::signed(DAVE),
				2_000,
				crate::RewardDestination::Staked
			));
			assert_ok!(Staking::nominate(RuntimeOrigin::signed(DAVE), vec![CHARLIE]));
			start_active_era(1);

			assert_eq!(session_validators(), vec![ALICE, CHARLIE]);
			let charlie = ErasStakersOverview::<Test>::get(1, CHARLIE).expect("elected");
			assert_eq!((charlie.own, charlie.total), (300, 2_300));
			assert!(ErasStakersOverview::<Test>::get(1, BOB).is_none());
		});
}

#[test]
fn a_failed_election_keeps_the_current_validators_and_is_retried() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 500)
		.build_and_execute(|| {
			assert_ok!(Staking::chill(RuntimeOrigin::signed(ALICE)));
			assert_ok!(Staking::chill(RuntimeOrigin::signed(BOB)));

			start_session(1);
			run_to_block(System::block_number() + 1);
			System::assert_has_event(
				Event::ElectionFailed {
					era: 1,
					reason: ElectionFailure::TooFewValidators { elected: 0, minimum: 1 },
				}
				.into(),
			);
			// The planned era is dropped: era 0 goes on with its validators.
			assert_eq!(CurrentEra::<Test>::get(), Some(0));
			assert_eq!(ErasStartSessionIndex::<Test>::get(1), None);
			start_session(4);
			assert_eq!(ActiveEra::<Test>::get().map(|era| era.index), Some(0));
			assert_eq!(session_validators(), vec![ALICE, BOB]);

			// Once there is a candidate again, the next election succeeds.
			assert_ok!(Staking::validate(RuntimeOrigin::signed(ALICE), Default::default()));
			start_active_era(1);
			assert_eq!(session_validators(), vec![ALICE]);
		});
}

#[test]
fn unbonded_funds_of_an_exposed_validator_unlock_after_the_bonding_duration() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 500)
		.build_and_execute(|| {
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(ALICE), 100));
			// Alice was exposed in era 0, so the chunk waits BONDING_DURATION eras.
			let chunk = Ledger::<Test>::get(ALICE).expect("bonded").unlocking[0];
			assert_eq!((chunk.value, chunk.era), (100, BONDING_DURATION));

			start_active_era(BONDING_DURATION - 1);
			assert_noop!(
				Staking::withdraw_unbonded(RuntimeOrigin::signed(ALICE), 0),
				crate::Error::<Test>::NothingToWithdraw
			);
			// Unbonding counts in planned eras: once era 3 is planned, the chunk is free.
			start_active_era(BONDING_DURATION);
			assert_ok!(Staking::withdraw_unbonded(RuntimeOrigin::signed(ALICE), 0));
			assert_eq!(super::held(ALICE), 900);
		});
}

#[test]
fn the_next_election_is_predicted_at_its_session() {
	ExtBuilder::default().validator(ALICE, 1_000).build_and_execute(|| {
		// The election of era 1 starts with session 1 (block 5).
		assert_eq!(Staking::next_election_prediction(1), SESSION_LENGTH);
		start_active_era(1);
		// Era 1 started at session 3; era 2's election starts with session 4.
		assert_eq!(Staking::next_election_prediction(System::block_number()), 4 * SESSION_LENGTH);
	});
}

#[test]
fn the_next_election_is_predicted_election_lead_sessions_before_its_era() {
	ElectionLead::set(2);
	ExtBuilder::default().validator(ALICE, 1_000).build_and_execute(|| {
		// Era 1's election started at genesis; era 2's starts with session 3
		// (`new_session(4)`), as era 1 starts.
		assert_eq!(Staking::next_election_prediction(1), 3 * SESSION_LENGTH);
	});
}

#[test]
fn a_candidate_without_session_keys_is_not_elected() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 500)
		.validator(CHARLIE, 5_000)
		.build_and_execute(|| {
			assert_eq!(session_validators(), vec![ALICE, CHARLIE]);
			// Charlie, the richest, drops his keys: the next era elects Alice and Bob.
			assert_ok!(Session::purge_keys(RuntimeOrigin::signed(CHARLIE)));
			start_active_era(1);
			assert_eq!(session_validators(), vec![ALICE, BOB]);
			assert!(ErasStakersOverview::<Test>::get(1, CHARLIE).is_none());
		});
}

#[test]
fn a_paged_election_is_fetched_one_page_per_block_into_the_same_exposures() {
	ElectionPages::set(3);
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 900)
		.nominator(DAVE, 400, vec![ALICE, BOB])
		.nominator(EVE, 300, vec![ALICE])
		.build_and_execute(|| {
			while !Staking::is_electing() {
				run_to_block(System::block_number() + 1);
			}
			// The provider takes its snapshot (a voter page per block), then each block
			// fetches a page of its result.
			let mut phase = NextEraElection::<Test>::get();
			let mut fetched = 0;
			while Staking::is_electing() {
				run_to_block(System::block_number() + 1);
				if NextEraElection::<Test>::get() != phase {
					phase = NextEraElection::<Test>::get();
					fetched += 1;
				}
			}
			assert_eq!(fetched, 3, "one block per page");

			// Nothing changed since genesis, whose pages were all fetched at once.
			for validator in [ALICE, BOB] {
				assert_eq!(
					Staking::exposure_overview(1, &validator),
					Staking::exposure_overview(0, &validator)
				);
			}
			let backers = |era| {
				let mut backers: Vec<_> = Staking::exposure_page(era, &ALICE, 0)
					.expect("Alice is backed")
					.others
					.into_iter()
					.map(|exposure| (exposure.who, exposure.value))
					.collect();
				backers.sort();
				backers
			};
			assert_eq!(backers(1), backers(0));
			assert_eq!(backers(1).len(), 2);
			start_active_era(1);
			assert_eq!(session_validators(), vec![ALICE, BOB]);
		});
	ElectionPages::set(1);
}

#[test]
fn session_roots_older_than_the_bonded_eras_are_pruned() {
	ExtBuilder::default().validator(ALICE, 1_000).build_and_execute(|| {
		start_active_era(BONDING_DURATION + 2);
		let first_bonded_session = BondedEras::<Test>::get().first().map(|entry| entry.1);
		let (first_root, _) =
			pallet_session::historical::StoredRange::<Test>::get().expect("roots are stored");
		assert_eq!(Some(first_root), first_bonded_session);
		assert!(first_root > 0, "roots of the eras no longer bonded were pruned");
	});
}
