//! The multi-block election on the full runtime: a round over two full voter pages elects what
//! the on-chain sequential Phragmén elects from the same snapshot (or scores better), with
//! exposures that add up; stakers bonding and chilling between snapshot pages leave the pages
//! consistent; without any solution the current validators go on and the era waits; the
//! emergency procedure of governance elects instead, from the richest voters and as many of the
//! candidates with the most stake of their own as it elects.

mod common;

use common::{assert_try_state, dispatch, events, genesis, Chain};
use frame_election_provider_support::{
	ElectionProvider, NposSolver, SequentialPhragmen, SortedListProvider,
};
use frame_support::dispatch::RawOrigin;
use palisade_runtime::{
	configs::election::{EmergencyVoters, Pages, VoterSnapshotPerBlock},
	genesis_config_presets::BENCHMARK_RUNTIME_PRESET,
	AccountId, MultiBlockElection, MultiBlockElectionVerifier, Runtime, RuntimeEvent, Staking,
	UNITS,
};
use pallet_election_provider_multi_block::{
	verifier::Verifier, CurrentPhase, DesiredTargets, ManagerOperation, PagedTargetSnapshot,
	PagedVoterSnapshot, Phase, Round,
};
use pallet_palisade_staking::{ActiveEra, DeferredVoterUpdates, ErasStakersOverview, Event};
use serde_json::json;
use sp_npos_elections::{assignment_ratio_to_staked_normalized, to_supports, EvaluateSupport};
use sp_runtime::Perbill;
use sp_staking::StakingInterface;
use std::collections::BTreeSet;

type StakingCall = pallet_palisade_staking::Call<Runtime>;
type ElectionCall = pallet_election_provider_multi_block::Call<Runtime>;

fn active_era() -> u32 {
	ActiveEra::<Runtime>::get().map_or(0, |era| era.index)
}

fn staking_events() -> Vec<Event<Runtime>> {
	events()
		.into_iter()
		.filter_map(|event| match event {
			RuntimeEvent::Staking(event) => Some(event),
			_ => None,
		})
		.collect()
}

/// The voters of the current round's snapshot, page by page from the most significant.
fn snapshot_pages() -> Vec<Vec<AccountId>> {
	let round = Round::<Runtime>::get();
	(0..Pages::get())
		.rev()
		.map(|page| {
			PagedVoterSnapshot::<Runtime>::get(round, page)
				.map(|voters| voters.into_iter().map(|(who, _, _)| who).collect())
				.unwrap_or_default()
		})
		.collect()
}

#[test]
fn an_election_over_two_full_pages_elects_what_on_chain_phragmen_elects() {
	// 3,999 candidates and 4,000 nominators (with `fast-runtime`): two full voter pages.
	let mut ext = genesis(BENCHMARK_RUNTIME_PRESET, json!({}));
	ext.execute_with(|| {
		let mut chain = Chain::start();
		chain.run_until("the snapshot", 40, || CurrentPhase::<Runtime>::get().is_signed());
		let pages = snapshot_pages();
		let taken: Vec<&AccountId> = pages.iter().flatten().collect();
		let page = VoterSnapshotPerBlock::get() as usize;
		assert_eq!(pages.iter().map(Vec::len).min(), Some(page), "both pages are full");
		assert_eq!(taken.iter().collect::<BTreeSet<_>>().len(), taken.len(), "nobody twice");

		// The on-chain sequential Phragmén over the same snapshot.
		let round = Round::<Runtime>::get();
		let voters: Vec<_> = (0..Pages::get())
			.flat_map(|page| PagedVoterSnapshot::<Runtime>::get(round, page).unwrap_or_default())
			.collect();
		let targets = PagedTargetSnapshot::<Runtime>::get(round, Pages::get() - 1)
			.expect("targets")
			.into_inner();
		let desired = DesiredTargets::<Runtime>::get(round).expect("desired targets");
		let stakes: std::collections::BTreeMap<_, _> =
			voters.iter().map(|(who, stake, _)| (who.clone(), *stake)).collect();
		let result = SequentialPhragmen::<AccountId, Perbill>::solve(
			desired as usize,
			targets,
			voters
				.into_iter()
				.map(|(who, stake, votes)| (who, stake, votes.into_inner()))
				.collect(),
		)
		.expect("on-chain Phragmén elects");
		let on_chain: BTreeSet<AccountId> = result.winners.iter().map(|(w, _)| w.clone()).collect();
		let staked = assignment_ratio_to_staked_normalized(result.assignments, |who| {
			stakes.get(who).copied().unwrap_or_default()
		})
		.expect("normalises");
		let on_chain_score = to_supports(&staked).evaluate();

		// The chain's validators mine the unsigned solution; its pages are fetched.
		chain.run_until("a queued solution", 40, || {
			MultiBlockElectionVerifier::queued_score().is_some()
		});
		let score = MultiBlockElectionVerifier::queued_score().expect("queued");
		// The round fits its lead: era 1 is not postponed.
		let delayed = std::cell::Cell::new(0);
		chain.run_until("era 1", 40, || {
			let events = staking_events();
			let postponed = events.iter().filter(|e| matches!(e, Event::ElectionDelayed { .. }));
			delayed.set(delayed.get() + postponed.count());
			active_era() == 1
		});
		assert_eq!(delayed.get(), 0, "era 1 starts on time");
		let elected: BTreeSet<AccountId> =
			ErasStakersOverview::<Runtime>::iter_prefix(1).map(|(who, _)| who).collect();
		assert_eq!(elected.len(), desired as usize);
		if elected != on_chain {
			assert!(
				score.strict_better(on_chain_score) || score == on_chain_score,
				"{score:?} is worse than on-chain Phragmén's {on_chain_score:?}"
			);
		}

		// Exposures add up: each validator's pages to its overview, the overviews to the era's
		// total, and nobody is exposed beyond its bond.
		let mut era_total = 0;
		let mut exposed: std::collections::BTreeMap<AccountId, u128> = Default::default();
		for validator in &elected {
			let overview = Staking::exposure_overview(1, validator).expect("exposed");
			let mut total = overview.own;
			for page in 0..overview.page_count {
				let page = Staking::exposure_page(1, validator, page).expect("page");
				total += page.page_total;
				for backer in page.others {
					*exposed.entry(backer.who).or_default() += backer.value;
				}
			}
			assert_eq!(total, overview.total);
			era_total += total;
		}
		assert_eq!(era_total, pallet_palisade_staking::ErasTotalStake::<Runtime>::get(1));
		for (who, value) in exposed {
			assert!(value <= Staking::stake(&who).expect("bonded").active);
		}
		// (In the block that changed the authorities, `pallet-authorship`'s check derives the
		// author from the new set: check the next block.)
		chain.next_block();
		assert_try_state();
	});
}

#[test]
fn stakers_bonding_and_chilling_between_snapshot_pages_leave_the_pages_consistent() {
	let mut ext = genesis(BENCHMARK_RUNTIME_PRESET, json!({}));
	ext.execute_with(|| {
		let mut chain = Chain::start();
		// The first voter page is taken; the second is not yet.
		let second = Pages::get() - 2;
		chain.run_until("the first voter page", 40, || {
			CurrentPhase::<Runtime>::get() == Phase::Snapshot(second)
		});
		let first = snapshot_pages().remove(0);
		let voters: Vec<AccountId> =
			<Runtime as pallet_palisade_staking::Config>::VoterList::iter_from(
				first.last().expect("a full page"),
			)
			.expect("in the list")
			.collect();
		let (leaving, growing) = (voters[10].clone(), voters[20].clone());
		// One of the next page chills; another bonds a hundredfold (it would move ahead of the
		// page already taken); one of the first page leaves too.
		dispatch(RawOrigin::Signed(leaving.clone()), StakingCall::chill {}).expect("chills");
		dispatch(
			RawOrigin::Signed(growing.clone()),
			StakingCall::bond_extra { max_additional: 100 * UNITS },
		)
		.expect("bonds");
		dispatch(RawOrigin::Signed(first[5].clone()), StakingCall::chill {}).expect("chills");
		assert_eq!(DeferredVoterUpdates::<Runtime>::count(), 3);

		chain.run_until("the whole snapshot", 10, || !CurrentPhase::<Runtime>::get().is_snapshot());
		let pages = snapshot_pages();
		let taken: Vec<&AccountId> = pages.iter().flatten().collect();
		assert_eq!(taken.iter().collect::<BTreeSet<_>>().len(), taken.len(), "nobody twice");
		assert!(!pages[1].contains(&leaving), "a voter that stopped is not taken");
		assert!(pages[1].contains(&growing), "a voter that moved up is still taken once");
		assert!(pages[0].contains(&first[5]), "a taken page stays as it was");
		// Once the snapshot is done, the list catches up.
		chain.next_block();
		assert_eq!(DeferredVoterUpdates::<Runtime>::count(), 0);
		assert_try_state();
	});
}

#[test]
fn without_a_solution_the_current_validators_go_on_and_the_era_waits() {
	let mut ext = genesis(sp_genesis_builder::DEV_RUNTIME_PRESET, json!({}));
	ext.execute_with(|| {
		let mut chain = Chain::without_miner();
		let validators = pallet_session::Validators::<Runtime>::get();
		let mut delayed = 0;
		for _ in 0..60 {
			chain.next_block();
			delayed += staking_events()
				.iter()
				.filter(|event| matches!(event, Event::ElectionDelayed { era: 1, .. }))
				.count();
		}
		// Three eras' worth of blocks: era 0 goes on, postponed a session at a time, with its
		// validators; the election round is still open for a solution.
		assert_eq!(active_era(), 0);
		assert!(delayed >= 5, "the era was postponed {delayed} times");
		assert_eq!(pallet_session::Validators::<Runtime>::get(), validators);
		assert!(!CurrentPhase::<Runtime>::get().is_off());
		assert_try_state();

		// A solution mined late still elects era 1.
		chain.run_until("era 1", 60, || {
			common::submit_unsigned_solution();
			active_era() == 1
		});
		assert_try_state();
	});
}

#[test]
fn governance_elects_with_the_emergency_fallback() {
	let mut ext = genesis(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET, json!({}));
	ext.execute_with(|| {
		let mut chain = Chain::without_miner();
		chain.run_until("the signed phase", 40, || CurrentPhase::<Runtime>::get().is_signed());
		// Nobody but StakingAdmin (here Root) may act.
		let stranger = RawOrigin::Signed(AccountId::from([7; 32]));
		let emergency = ManagerOperation::ForceSetPhase(Phase::Emergency);
		assert!(dispatch(stranger, ElectionCall::manage { op: emergency.clone() }).is_err());

		dispatch(RawOrigin::Root, ElectionCall::manage { op: emergency }).expect("governance acts");
		// The fallback's Phragmén registers no weight beside the call's own (`manage_fallback`,
		// measured): upstream's default would add tens of seconds to the block.
		let weight_before = frame_system::Pallet::<Runtime>::block_weight().total();
		let fallback = ManagerOperation::EmergencyFallback;
		dispatch(RawOrigin::Root, ElectionCall::manage { op: fallback }).expect("governance acts");
		assert_eq!(frame_system::Pallet::<Runtime>::block_weight().total(), weight_before);
		assert!(MultiBlockElectionVerifier::queued_score().is_some());
		dispatch(
			RawOrigin::Root,
			ElectionCall::manage { op: ManagerOperation::ForceSetPhase(Phase::Done) },
		)
		.expect("governance acts");
		// The staking pallet finds the result ready and fetches it.
		assert!(MultiBlockElection::status().is_ok_and(|ready| ready.is_some()));
		chain.run_until("era 1", 60, || active_era() == 1);
		let elected: BTreeSet<AccountId> =
			ErasStakersOverview::<Runtime>::iter_prefix(1).map(|(who, _)| who).collect();
		assert_eq!(elected.len(), 3, "Alice, Bob and Charlie");
		assert_try_state();
	});
}

#[test]
fn the_emergency_fallback_elects_from_the_richest_voters_among_as_many_candidates_as_it_elects() {
	// Full pages of 2,000 nominators and 3,999 candidates: both bounds of the fallback bite.
	let mut ext = genesis(BENCHMARK_RUNTIME_PRESET, json!({}));
	ext.execute_with(|| {
		let mut chain = Chain::without_miner();
		chain.run_until("the signed phase", 40, || CurrentPhase::<Runtime>::get().is_signed());
		let round = Round::<Runtime>::get();
		let msp = Pages::get() - 1;
		let page = PagedVoterSnapshot::<Runtime>::get(round, msp).expect("the richest page");
		assert!(page.len() > EmergencyVoters::get() as usize, "more voters than it takes");
		let richest: BTreeSet<AccountId> = page
			.into_iter()
			.take(EmergencyVoters::get() as usize)
			.map(|(who, ..)| who)
			.collect();
		let desired = DesiredTargets::<Runtime>::get(round).expect("desired targets");
		let targets = PagedTargetSnapshot::<Runtime>::get(round, msp).expect("targets");
		assert!(targets.len() > desired as usize, "more candidates than it elects");
		let first: BTreeSet<AccountId> = targets.into_iter().take(desired as usize).collect();

		for op in
			[ManagerOperation::ForceSetPhase(Phase::Emergency), ManagerOperation::EmergencyFallback]
		{
			dispatch(RawOrigin::Root, ElectionCall::manage { op }).expect("governance acts");
		}
		let supports =
			<MultiBlockElectionVerifier as Verifier>::get_queued_solution_page(0).expect("queued");
		assert!(!supports.is_empty());
		for (winner, support) in supports.into_iter() {
			assert!(first.contains(&winner), "a candidate beyond the first {desired}");
			for (backer, _) in support.voters {
				assert!(richest.contains(&backer), "a backer beyond the richest voters");
			}
		}
		assert_try_state();
	});
}
