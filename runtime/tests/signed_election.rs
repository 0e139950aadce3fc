//! The signed phase of the multi-block election on the full runtime, as an external miner
//! meets it: a full solution mined from the chain's snapshot is queued and its submitter gets
//! its deposit back and the reward from the treasury; a submitter that claims a better score
//! than its solution has loses its whole deposit to the treasury; one that withdraws in time
//! keeps a quarter; nothing is accepted outside the signed phase or unsigned.

mod common;

use common::{assert_try_state, dispatch, events, genesis, Chain};
use frame_support::{
	dispatch::RawOrigin,
	traits::fungible::{Inspect, InspectHold},
};
use palisade_runtime::{
	configs::{
		election::{
			GeometricDeposit, Pages, SignedDepositPerPage, SignedRewardBase, PRODUCTION_PAGES,
		},
		TreasuryAccount,
	},
	AccountId, Balance, Balances, MultiBlockElectionVerifier, Runtime, RuntimeEvent,
	RuntimeHoldReason, UNITS,
};
use pallet_election_provider_multi_block::{
	signed::{self, CalculateBaseDeposit},
	unsigned::miner::OffchainWorkerMiner,
	verifier::Verifier,
	CurrentPhase, PagedRawSolution, Phase,
};
use serde_json::json;
use sp_keyring::Sr25519Keyring;
use sp_npos_elections::ElectionScore;

type SignedCall = signed::Call<Runtime>;
type SignedEvent = signed::Event<Runtime>;

fn submitter() -> AccountId {
	Sr25519Keyring::Ferdie.to_account_id()
}

fn free(who: &AccountId) -> Balance {
	Balances::balance(who)
}

fn deposit_held(who: &AccountId) -> Balance {
	let reason = RuntimeHoldReason::MultiBlockElectionSigned(signed::HoldReason::SignedSubmission);
	Balances::balance_on_hold(&reason, who)
}

fn signed_events() -> Vec<SignedEvent> {
	events()
		.into_iter()
		.filter_map(|event| match event {
			RuntimeEvent::MultiBlockElectionSigned(event) => Some(event),
			_ => None,
		})
		.collect()
}

/// Runs the `local` chain, which nobody mines, to the first block of the signed phase (its
/// treasury, which pays the rewards, is endowed at genesis). Returns it and the full solution
/// mined (with `reduce`) from its snapshot, as `palisade-node mine` mines it.
fn at_the_signed_phase() -> (Chain, PagedRawSolution<Runtime>) {
	let mut chain = Chain::without_miner();
	chain.run_until("the signed phase", 40, || CurrentPhase::<Runtime>::get().is_signed());
	let solution =
		OffchainWorkerMiner::<Runtime>::mine_solution(Pages::get(), true).expect("mines");
	assert_eq!(solution.solution_pages.len() as u32, Pages::get(), "a page per snapshot page");
	(chain, solution)
}

/// `who` registers `claimed` and submits every page of `solution`.
fn submit(who: &AccountId, solution: &PagedRawSolution<Runtime>, claimed: ElectionScore) {
	let origin = || RawOrigin::Signed(who.clone());
	dispatch(origin(), SignedCall::register { claimed_score: claimed }).expect("registers");
	for (page, solution) in solution.solution_pages.iter().enumerate() {
		let call = SignedCall::submit_page {
			page: page as u32,
			maybe_solution: Some(Box::new(solution.clone())),
		};
		dispatch(origin(), call).expect("stores the page");
	}
}

/// Builds blocks until the signed submissions are verified; returns the signed pallet's events
/// of those blocks.
fn verify(chain: &mut Chain) -> Vec<SignedEvent> {
	let mut seen = Vec::new();
	for _ in 0..20 {
		seen.extend(signed_events());
		if matches!(
			CurrentPhase::<Runtime>::get(),
			Phase::Unsigned(_) | Phase::Done | Phase::Export(_)
		) {
			return seen;
		}
		chain.next_block();
	}
	panic!("the signed validation did not end within 20 blocks");
}

#[test]
fn a_valid_full_solution_is_queued_and_its_submitter_rewarded_by_the_treasury() {
	let mut ext = genesis(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET, json!({}));
	ext.execute_with(|| {
		let (mut chain, solution) = at_the_signed_phase();
		let who = submitter();
		let (free_before, treasury_before) = (free(&who), free(&TreasuryAccount::get()));
		submit(&who, &solution, solution.score);
		let deposit = deposit_held(&who);
		// The base for a queue holding this submission, and each page stored.
		let expected = GeometricDeposit::calculate_base_deposit(1)
			+ SignedDepositPerPage::get() * Balance::from(Pages::get());
		assert_eq!(deposit, expected, "the base deposit and the pages' are held");
		assert_eq!(free(&who), free_before - deposit);

		let seen = verify(&mut chain);
		assert_eq!(MultiBlockElectionVerifier::queued_score(), Some(solution.score));
		let rewards: Vec<Balance> = seen
			.into_iter()
			.filter_map(|event| match event {
				SignedEvent::Rewarded(_, rewarded, amount) if rewarded == who => Some(amount),
				_ => None,
			})
			.collect();
		let [reward] = rewards[..] else { panic!("rewarded once: {rewards:?}") };
		assert!(reward >= SignedRewardBase::get(), "at least the base reward: {reward}");
		// The deposit is back, the reward (and the registration's estimated fee) added, all
		// from the treasury.
		assert_eq!(deposit_held(&who), 0);
		assert_eq!(free(&who), free_before + reward);
		assert_eq!(free(&TreasuryAccount::get()), treasury_before - reward);

		// Nobody mines the unsigned phase here: era 1 is elected from the signed solution.
		chain.run_until("era 1", 40, || {
			pallet_palisade_staking::ActiveEra::<Runtime>::get().is_some_and(|era| era.index == 1)
		});
		assert_eq!(
			pallet_palisade_staking::ErasStakersOverview::<Runtime>::iter_prefix(1).count(),
			3
		);
		chain.next_block();
		assert_try_state();
	});
}

#[test]
fn a_submitter_claiming_a_better_score_than_its_solution_loses_its_deposit_to_the_treasury() {
	let mut ext = genesis(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET, json!({}));
	ext.execute_with(|| {
		let (mut chain, solution) = at_the_signed_phase();
		let who = submitter();
		let (free_before, treasury_before) = (free(&who), free(&TreasuryAccount::get()));
		let mut claimed = solution.score;
		claimed.minimal_stake += 1;
		submit(&who, &solution, claimed);
		let deposit = deposit_held(&who);

		let seen = verify(&mut chain);
		assert!(seen.iter().any(|event| matches!(
			event,
			SignedEvent::Slashed(_, slashed, amount) if *slashed == who && *amount == deposit
		)));
		assert_eq!(MultiBlockElectionVerifier::queued_score(), None, "nothing queued");
		assert_eq!(deposit_held(&who), 0);
		assert_eq!(free(&who), free_before - deposit, "the whole deposit is lost");
		assert_eq!(free(&TreasuryAccount::get()), treasury_before + deposit);
		assert_try_state();
	});
}

#[test]
fn a_submitter_that_bails_in_the_signed_phase_keeps_a_quarter_of_its_deposit() {
	let mut ext = genesis(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET, json!({}));
	ext.execute_with(|| {
		let (_chain, solution) = at_the_signed_phase();
		let who = submitter();
		let (free_before, treasury_before) = (free(&who), free(&TreasuryAccount::get()));
		submit(&who, &solution, solution.score);
		let deposit = deposit_held(&who);

		dispatch(RawOrigin::Signed(who.clone()), SignedCall::bail {}).expect("bails");
		let kept = deposit / 4;
		assert_eq!(deposit_held(&who), 0);
		assert_eq!(free(&who), free_before - (deposit - kept));
		assert_eq!(free(&TreasuryAccount::get()), treasury_before + (deposit - kept));
		assert!(signed_events()
			.iter()
			.any(|event| matches!(event, SignedEvent::Bailed(_, bailed) if *bailed == who)));
		assert_try_state();
	});
}

#[test]
fn nothing_is_registered_outside_the_signed_phase_or_unsigned() {
	let mut ext = genesis(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET, json!({}));
	ext.execute_with(|| {
		let mut chain = Chain::without_miner();
		let register = || SignedCall::register { claimed_score: ElectionScore::default() };
		// Before the round's snapshot is taken.
		assert!(!CurrentPhase::<Runtime>::get().is_signed());
		let refused = dispatch(RawOrigin::Signed(submitter()), register());
		assert_eq!(
			refused.map_err(|error| error.error),
			Err(signed::Error::<Runtime>::PhaseNotSigned.into())
		);
		chain.run_until("the signed phase", 40, || CurrentPhase::<Runtime>::get().is_signed());
		assert!(dispatch(RawOrigin::None, register()).is_err(), "a signed origin is needed");
		assert_eq!(deposit_held(&submitter()), 0);
	});
}

#[test]
fn the_guides_deposit_figures_are_the_runtimes() {
	// A page's deposit is the length fee of the largest page: about 1.3 PAL.
	let per_page = SignedDepositPerPage::get();
	assert_eq!((per_page * 10 + UNITS / 2) / UNITS, 13, "{per_page}");
	// The first full solution of a production round: about 91 PAL.
	let first =
		GeometricDeposit::calculate_base_deposit(1) + per_page * Balance::from(PRODUCTION_PAGES);
	assert_eq!((first + UNITS / 2) / UNITS, 91, "{first}");
	// Twenty PAL raised by a tenth for each solution queued: 43 PAL with a production queue
	// full (eight).
	let full = GeometricDeposit::calculate_base_deposit(8);
	assert_eq!((full + UNITS / 2) / UNITS, 43, "{full}");
	// What `palisade-node mine` needs free before it registers: about 112 PAL.
	let most = full + per_page * Balance::from(PRODUCTION_PAGES);
	assert_eq!((most + UNITS / 2) / UNITS, 112, "{most}");
}
