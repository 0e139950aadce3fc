//! Exposures: what an election stores for each elected validator, in pages.

use super::chunk_eras;
use crate::{
	mock::*, weights::WeightInfo, ChunkQueue, ElectionPhase, ErasStakersOverview, ErasStakersPaged,
	ErasTotalStake, ErasValidatorPrefs, LastExposedEra, NextEraElection, RewardDestination,
	UnrecordedExposureQueue, ValidatorPrefs, EXPOSURE_RECORD_CHUNK,
};
use frame_support::{assert_ok, weights::WeightMeter};
use sp_runtime::Perbill;
use sp_staking::StakingInterface;

/// Accounts 10.. nominating, each with `INITIAL_BALANCE`.
fn nominators(count: AccountId) -> Vec<AccountId> {
	(10..10 + count).collect()
}

#[test]
fn every_backer_is_exposed_in_pages_of_max_exposure_page_size() {
	MaxExposurePageSize::set(2);
	let mut builder = ExtBuilder::default().validator(ALICE, 1_000).validator(BOB, 500);
	for who in nominators(5) {
		builder =
			builder
				.funded(who, INITIAL_BALANCE)
				.nominator(who, 100 + who as Balance, vec![ALICE]);
	}
	builder.build_and_execute(|| {
		let overview = ErasStakersOverview::<Test>::get(0, ALICE).expect("elected");
		let backing: Balance = nominators(5).iter().map(|who| 100 + *who as Balance).sum();
		assert_eq!(overview.own, 1_000);
		assert_eq!(overview.total, 1_000 + backing);
		assert_eq!((overview.nominator_count, overview.page_count), (5, 3));

		let pages: Vec<_> = (0..3)
			.map(|page| Staking::exposure_page(0, &ALICE, page).expect("page stored"))
			.collect();
		assert_eq!(pages.iter().map(|page| page.others.len()).collect::<Vec<_>>(), vec![2, 2, 1]);
		let mut exposed: Vec<_> =
			pages.iter().flat_map(|page| page.others.iter().map(|e| e.who)).collect();
		exposed.sort();
		assert_eq!(exposed, nominators(5));
		assert!(ErasStakersPaged::<Test>::get((0, ALICE, 3)).is_none());

		assert_eq!(ErasTotalStake::<Test>::get(0), 1_000 + backing + 500);
		for who in nominators(5) {
			assert_eq!(LastExposedEra::<Test>::get(who), Some(0));
			assert!(<Staking as StakingInterface>::is_exposed_in_era(&who, &0));
		}
		assert!(!<Staking as StakingInterface>::is_exposed_in_era(&CHARLIE, &0));
	});
	MaxExposurePageSize::set(64);
}

#[test]
fn an_elected_validator_keeps_the_preferences_it_was_elected_with() {
	ExtBuilder::default().validator(ALICE, 1_000).build_and_execute(|| {
		let prefs = ValidatorPrefs { commission: Perbill::from_percent(7), blocked: false };
		assert_ok!(Staking::validate(RuntimeOrigin::signed(ALICE), prefs));
		start_active_era(1);
		assert_eq!(ErasValidatorPrefs::<Test>::get(0, ALICE), ValidatorPrefs::default());
		assert_eq!(ErasValidatorPrefs::<Test>::get(1, ALICE), prefs);
	});
}

#[test]
fn pages_of_a_paged_election_result_merge_into_one_exposure() {
	MaxExposurePageSize::set(2);
	ExtBuilder::default().validator(ALICE, 1_000).build_and_execute(|| {
		// As a multi-page election provider would deliver them: three backers, then two.
		Staking::add_exposure(7, &ALICE, vec![(ALICE, 10), (11, 1), (12, 2)]);
		Staking::add_exposure(7, &ALICE, vec![(13, 3), (14, 4)]);

		let overview = ErasStakersOverview::<Test>::get(7, ALICE).expect("stored");
		assert_eq!((overview.own, overview.total, overview.nominator_count), (10, 20, 4));
		assert_eq!(overview.page_count, 2);
		let first = Staking::exposure_page(7, &ALICE, 0).expect("page 0");
		let second = Staking::exposure_page(7, &ALICE, 1).expect("page 1");
		assert_eq!((first.page_total, first.others.len()), (3, 2));
		assert_eq!((second.page_total, second.others.len()), (7, 2));
		assert_eq!(ErasTotalStake::<Test>::get(7), 20);
	});
	MaxExposurePageSize::set(64);
}

#[test]
fn a_nominator_of_an_unelected_validator_is_not_exposed() {
	super::nominator_of_an_unelected_validator().build_and_execute(|| {
		assert!(ErasStakersOverview::<Test>::get(0, CHARLIE).is_none());
		assert_eq!(LastExposedEra::<Test>::get(DAVE), None);
		assert_ok!(Staking::bond(RuntimeOrigin::signed(EVE), 50, RewardDestination::Stash));
		assert_eq!(LastExposedEra::<Test>::get(EVE), None);
	});
}

#[test]
fn an_elections_stakers_are_recorded_as_exposed_in_chunks_after_it() {
	let backers: Vec<AccountId> = (100..400).collect();
	let mut builder = ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 1_000)
		.staker(CHARLIE, 500);
	for &who in &backers {
		builder = builder.funded(who, INITIAL_BALANCE).nominator(who, 100, vec![ALICE]);
	}
	builder.build_and_execute(|| {
		// Genesis records era 0 at once.
		assert_eq!(LastExposedEra::<Test>::get(backers[0]), Some(0));
		while !Staking::is_electing() {
			run_to_block(System::block_number() + 1);
		}
		// The election's page is stored (in a block, what it leaves of the hook's share goes
		// to recording).
		Staking::progress_election(&mut WeightMeter::new());
		assert_eq!(NextEraElection::<Test>::get(), ElectionPhase::Ready { era: 1 });

		// Era 1's 302 stakers wait in five chunks, and until they are recorded anything unbonded
		// waits the full bonding duration, even Charlie's stake, which was never exposed.
		assert_eq!(UnrecordedExposureQueue::<Test>::get(), ChunkQueue { first: 0, end: 5 });
		assert_eq!(LastExposedEra::<Test>::get(backers[0]), Some(0));
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(CHARLIE), 100));
		assert_eq!(chunk_eras(CHARLIE), vec![1 + BONDING_DURATION]);

		// A meter with room for one chunk records one chunk.
		let one_chunk = <() as WeightInfo>::record_exposures(EXPOSURE_RECORD_CHUNK);
		Staking::record_exposures(&mut WeightMeter::with_limit(one_chunk));
		assert_eq!(UnrecordedExposureQueue::<Test>::get(), ChunkQueue { first: 1, end: 5 });

		run_to_block(System::block_number() + 1);
		assert!(!Staking::has_unrecorded_exposures());
		for who in backers.iter().chain([&ALICE, &BOB]) {
			assert_eq!(LastExposedEra::<Test>::get(who), Some(1));
		}
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(CHARLIE), 100));
		assert_eq!(chunk_eras(CHARLIE), vec![1 + BONDING_DURATION, 1]);
	});
}

#[test]
fn a_failed_elections_stakers_are_never_recorded() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 500)
		.nominator(DAVE, 300, vec![ALICE])
		.build_and_execute(|| {
			crate::MinimumValidatorCount::<Test>::put(2);
			assert_ok!(Staking::chill(RuntimeOrigin::signed(BOB)));
			start_session(1);
			run_to_block(System::block_number() + 1);
			System::assert_has_event(
				crate::Event::ElectionFailed {
					era: 1,
					reason: crate::ElectionFailure::TooFewValidators { elected: 1, minimum: 2 },
				}
				.into(),
			);
			// The page it stored queued Alice and Dave; clearing the era drops them.
			assert!(Staking::has_unrecorded_exposures());
			run_to_block(System::block_number() + 2);
			assert!(!Staking::has_unrecorded_exposures());
			assert_eq!(LastExposedEra::<Test>::get(DAVE), Some(0));
			assert!(crate::ErasUnpaidBackings::<Test>::iter_prefix(1).next().is_none());
		});
}
