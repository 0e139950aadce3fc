//! The election provider's rounds as this pallet drives them: started `ElectionLead` sessions
//! before the era, waited for, fetched to the last page even when a page is missing, never
//! abandoned half-way; an era postponed while its election runs; a provider that cannot start
//! or stops. (The mock provider behaves as `pallet-election-provider-multi-block` does.)

use crate::{
	mock::*, ActiveEra, BondedEras, CurrentEra, ElectionFailure, ElectionPhase,
	ErasStartSessionIndex, ErasTotalStake, Event, NextEraElection,
};
use frame_election_provider_support::ElectionDataProvider;
use frame_support::{
	assert_ok,
	traits::Hooks,
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, Weight},
};

fn active_era() -> Option<u32> {
	ActiveEra::<Test>::get().map(|era| era.index)
}

/// Runs blocks until the next election has started and ended; returns this pallet's events
/// of those blocks.
fn run_election() -> Vec<Event<Test>> {
	let mut events = Vec::new();
	let mut started = false;
	for _ in 0..10 * SESSION_LENGTH {
		run_to_block(System::block_number() + 1);
		events.extend(System::events().into_iter().filter_map(|record| match record.event {
			RuntimeEvent::Staking(event) => Some(event),
			_ => None,
		}));
		started |= Staking::is_electing();
		if started && !Staking::is_electing() {
			return events;
		}
	}
	panic!("no election ran");
}

#[test]
fn the_genesis_era_is_elected_at_once_whatever_the_provider_takes() {
	ElectionBlocks::set(100);
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 500)
		.build_and_execute(|| {
			assert_eq!(active_era(), Some(0));
			assert_eq!(session_validators(), vec![ALICE, BOB]);
			assert!(ErasTotalStake::<Test>::get(0) > 0);
		});
}

#[test]
fn an_election_still_running_when_its_era_is_due_postpones_the_era() {
	// Era 1 is due at session 3; its election starts at block 5 (session 1) and the provider
	// is ready 8 blocks later, after `new_session(3)` at block 10.
	ElectionBlocks::set(8);
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 500)
		.build_and_execute(|| {
			// `new_session(3)` is called as session 2 starts.
			start_session(2);
			System::assert_has_event(Event::ElectionDelayed { era: 1, start: 4 }.into());
			assert_eq!(active_era(), Some(0));
			assert_eq!(CurrentEra::<Test>::get(), Some(1));
			assert_eq!(ErasStartSessionIndex::<Test>::get(1), Some(4));
			assert_eq!(session_validators(), vec![ALICE, BOB]);

			// The provider is ready at block 13: its round runs to its end, and era 1 starts a
			// session late; the next era is due a full era after it.
			run_to_block(13);
			assert_eq!(NextEraElection::<Test>::get(), ElectionPhase::Ready { era: 1 });
			assert_eq!(provider_round(), ProviderRound::Off);
			start_session(4);
			assert_eq!(active_era(), Some(1));
			assert_eq!(BondedEras::<Test>::get().to_vec(), vec![(0, 0), (1, 4)]);
			ElectionBlocks::set(0);
			start_session(7);
			assert_eq!(active_era(), Some(2));
		});
}

#[test]
fn an_era_waits_as_long_as_its_election_runs() {
	// Ready at block 20, as `new_session(5)` is called: two sessions late.
	ElectionBlocks::set(3 * SESSION_LENGTH);
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 500)
		.build_and_execute(|| {
			start_session(2);
			System::assert_has_event(Event::ElectionDelayed { era: 1, start: 4 }.into());
			start_session(3);
			System::assert_has_event(Event::ElectionDelayed { era: 1, start: 5 }.into());
			assert_eq!(active_era(), Some(0));
			start_session(5);
			assert_eq!(active_era(), Some(1));
			assert_eq!(ErasStartSessionIndex::<Test>::get(1), Some(5));
		});
}

#[test]
fn a_missing_page_exposes_nobody_and_the_other_pages_are_still_fetched() {
	ElectionPages::set(3);
	MissingPages::set(vec![1]);
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 900)
		.nominator(DAVE, 400, vec![ALICE, BOB])
		.nominator(EVE, 300, vec![ALICE])
		.build_and_execute(|| {
			let events = run_election();
			assert!(events.contains(&Event::ElectionPageMissing { era: 1, page: 1 }));
			assert!(events.contains(&Event::StakersElected { era: 1, validators: 2 }));
			start_active_era(1);
			// Pages 2 and 0 were stored, and page 0 ended the provider's round.
			assert_eq!(provider_round(), ProviderRound::Off);
			assert_eq!(session_validators(), vec![ALICE, BOB]);
			assert!(ErasTotalStake::<Test>::get(1) > 0);
			assert!(ErasTotalStake::<Test>::get(1) < ErasTotalStake::<Test>::get(0));

			// With every page there again, the next era has all the stake.
			MissingPages::set(vec![]);
			start_active_era(2);
			assert_eq!(ErasTotalStake::<Test>::get(2), ErasTotalStake::<Test>::get(0));
		});
}

#[test]
fn each_page_fetched_charges_the_providers_work_to_give_it() {
	// More than a whole block: nothing else a block does weighs as much.
	let export = Weight::from_parts(3 * WEIGHT_REF_TIME_PER_SECOND, 20 * 1024 * 1024);
	ExportWeight::set(export);
	ElectionPages::set(2);
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 500)
		.build_and_execute(|| {
			while NextEraElection::<Test>::get()
				!= (ElectionPhase::Fetching { era: 1, next_page: 1 })
			{
				run_to_block(System::block_number() + 1);
			}
			// This pallet's hook, block after block (within the session): those that fetch a
			// page register what the provider reports for it, the others do not.
			let mut fetched = 0;
			while NextEraElection::<Test>::get() != (ElectionPhase::Ready { era: 1 }) {
				let before = NextEraElection::<Test>::get();
				let block = System::block_number() + 1;
				System::set_block_number(block);
				let charged = Staking::on_initialize(block);
				if NextEraElection::<Test>::get() != before {
					fetched += 1;
					assert!(charged.all_gte(export), "{charged:?} leaves out the export");
				} else {
					assert!(!charged.any_gte(export), "{charged:?} charges an export");
				}
			}
			assert_eq!(fetched, 2);
			System::set_block_number(System::block_number() + 1);
			assert!(!Staking::on_initialize(System::block_number()).any_gte(export));
		});
}

#[test]
fn a_provider_that_cannot_start_leaves_the_era_unplanned_until_it_can() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 500)
		.build_and_execute(|| {
			ProviderBusy::set(true);
			start_session(1);
			System::assert_has_event(
				Event::ElectionFailed { era: 1, reason: ElectionFailure::ProviderFailed }.into(),
			);
			assert_eq!(CurrentEra::<Test>::get(), Some(0));
			assert_eq!(ErasStartSessionIndex::<Test>::get(1), None);

			// The next session tries again; the era starts as soon as it can after its due
			// session.
			ProviderBusy::set(false);
			start_session(2);
			assert_eq!(CurrentEra::<Test>::get(), Some(1));
			assert_eq!(ErasStartSessionIndex::<Test>::get(1), Some(4));
			start_session(4);
			assert_eq!(active_era(), Some(1));
		});
}

#[test]
fn a_provider_that_stops_mid_round_fails_the_election_and_it_is_retried() {
	ElectionBlocks::set(4);
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 500)
		.build_and_execute(|| {
			start_session(1);
			assert!(Staking::is_electing());
			// Governance ends the provider's round (`ForceRotateRound` upstream).
			end_provider_round();
			run_to_block(System::block_number() + 1);
			System::assert_has_event(
				Event::ElectionFailed { era: 1, reason: ElectionFailure::ProviderFailed }.into(),
			);
			assert_eq!(CurrentEra::<Test>::get(), Some(0));

			start_active_era(1);
			assert_eq!(session_validators(), vec![ALICE, BOB]);
		});
}

#[test]
fn the_election_starts_election_lead_sessions_before_its_era() {
	// Era 1 is due at session 3: with a lead of 2 its election starts at `new_session(1)`,
	// which `pallet-session` calls while building genesis.
	ElectionLead::set(2);
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 500)
		.build_and_execute(|| {
			assert_eq!(CurrentEra::<Test>::get(), Some(1));
			assert_eq!(ErasStartSessionIndex::<Test>::get(1), Some(3));
			start_session(3);
			assert_eq!(active_era(), Some(1));
			// Era 2 (due at session 6) is being elected from `new_session(4)`, at session 3.
			assert_eq!(CurrentEra::<Test>::get(), Some(2));
			assert_eq!(ErasStartSessionIndex::<Test>::get(2), Some(6));
		});
}

#[test]
fn desired_targets_counts_only_candidates_with_session_keys() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 500)
		.validator(CHARLIE, 300)
		.validator_count(3)
		.build_and_execute(|| {
			assert_eq!(Staking::desired_targets(), Ok(3));
			assert_ok!(Session::purge_keys(RuntimeOrigin::signed(CHARLIE)));
			assert_eq!(Staking::desired_targets(), Ok(2));
			assert_ok!(Staking::set_validator_count(RuntimeOrigin::root(), 1));
			assert_eq!(Staking::desired_targets(), Ok(1));
		});
}
