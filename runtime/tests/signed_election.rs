//! The signed phase of the multi-block election on the full runtime, as an external miner
//! meets it: a full solution mined from the chain's snapshot is queued and its submitter gets
//! its deposit back and the reward from the treasury; a submitter that claims a better score
//! than its solution has loses its whole deposit to the treasury; one that withdraws in time
//! keeps a quarter; nothing is accepted outside the signed phase or unsigned. Griefers who
//! register around an honest submitter cannot raise its deposit past what `palisade-node mine`
//! budgets; one that claims a better score than it has is verified first, loses the deposit of
//! a full solution, and the honest solution is verified after it.

mod common;

use common::{assert_try_state, dispatch, events, genesis, Chain};
use frame_support::{
	dispatch::RawOrigin,
	traits::{
		fungible::{Inspect, InspectHold, Mutate},
		EstimateCallFee, Get,
	},
};
use palisade_runtime::{
	configs::{
		election::{
			GeometricDeposit, MaxFeeRefund, MaxSignedSubmissions, Pages, SignedDepositPerPage,
			SignedRewardBase, SubmissionDeposit, PRODUCTION_PAGES,
		},
		TreasuryAccount,
	},
	AccountId, Balance, Balances, MultiBlockElectionVerifier, Runtime, RuntimeEvent,
	RuntimeHoldReason, TransactionPayment, UNITS,
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

fn griefer() -> AccountId {
	Sr25519Keyring::Eve.to_account_id()
}

/// The deposit `palisade-node mine` budgets for (besides fees): the deposit with the queue
/// full.
fn miners_budget() -> Balance {
	SubmissionDeposit::calculate_base_deposit(MaxSignedSubmissions::get() as usize)
}

/// `score`, claimed a little lower.
fn worse(score: ElectionScore) -> ElectionScore {
	ElectionScore { minimal_stake: score.minimal_stake - 1, ..score }
}

/// `score`, claimed a little higher.
fn better(score: ElectionScore) -> ElectionScore {
	ElectionScore { minimal_stake: score.minimal_stake + 1, ..score }
}

fn register(who: &AccountId, claimed: ElectionScore) -> sp_runtime::DispatchResult {
	dispatch(RawOrigin::Signed(who.clone()), SignedCall::register { claimed_score: claimed })
		.map(|_| ())
		.map_err(|error| error.error)
}

/// `who` stores the pages of `solution` in `pages`.
fn submit_pages(
	who: &AccountId,
	solution: &PagedRawSolution<Runtime>,
	pages: impl IntoIterator<Item = u32>,
) {
	for page in pages {
		let call = SignedCall::submit_page {
			page,
			maybe_solution: Some(Box::new(solution.solution_pages[page as usize].clone())),
		};
		dispatch(RawOrigin::Signed(who.clone()), call).expect("stores the page");
	}
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
	register(who, claimed).expect("registers");
	submit_pages(who, solution, 0..Pages::get());
}

/// The calls of a full submission of `solution`, as the pallet estimates their fees.
fn submission_calls(solution: &PagedRawSolution<Runtime>) -> Vec<SignedCall> {
	let pages =
		(0u32..)
			.zip(&solution.solution_pages)
			.map(|(page, solution)| SignedCall::submit_page {
				page,
				maybe_solution: Some(Box::new(solution.clone())),
			});
	core::iter::once(SignedCall::register { claimed_score: solution.score })
		.chain(pages)
		.collect()
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
		// The base for a queue holding this submission, and every page's.
		let expected = GeometricDeposit::calculate_base_deposit(1)
			+ SignedDepositPerPage::get() * Balance::from(Pages::get());
		assert_eq!(deposit, expected, "the base deposit and the pages' are held");
		assert_eq!(deposit, SubmissionDeposit::calculate_base_deposit(1));
		assert_eq!(free(&who), free_before - deposit);
		// The fees refunded to the winner: what the pallet estimated for its calls, within the
		// cap of a full submission's fees.
		let fees: Balance = submission_calls(&solution)
			.iter()
			.map(|call| TransactionPayment::estimate_call_fee(call, None.into()))
			.sum();
		assert!(fees > 0 && fees <= MaxFeeRefund::get(), "{fees}");

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
		assert_eq!(reward, SignedRewardBase::get() + fees);
		// The deposit is back, the reward and the fees added, all from the treasury.
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
fn griefers_filling_the_queue_raise_a_submitters_deposit_at_most_to_the_miners_budget() {
	let mut ext = genesis(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET, json!({}));
	ext.execute_with(|| {
		let (mut chain, solution) = at_the_signed_phase();
		let who = submitter();
		let free_before = free(&who);
		// The honest submitter registers alone and stores its first page.
		register(&who, solution.score).expect("registers");
		submit_pages(&who, &solution, [0]);
		let alone = deposit_held(&who);
		assert_eq!(alone, SubmissionDeposit::calculate_base_deposit(1));

		// Griefers fill the queue with worse claims; one more is refused, its funds untouched.
		let griefers: Vec<AccountId> =
			(1..MaxSignedSubmissions::get()).map(|i| [i as u8; 32].into()).collect();
		for griefer in &griefers {
			assert_eq!(free(griefer), 0, "a fresh account");
			Balances::mint_into(griefer, 100 * UNITS).expect("endows");
			register(griefer, worse(solution.score)).expect("the queue has room");
		}
		let late = griefer();
		let late_free = free(&late);
		assert_eq!(
			register(&late, worse(worse(solution.score))),
			Err(signed::Error::<Runtime>::QueueFull.into())
		);
		assert_eq!((free(&late), deposit_held(&late)), (late_free, 0));

		// The submitter's next pages are held at the full queue's rate: exactly what the miner
		// budgets, and no more.
		submit_pages(&who, &solution, 1..Pages::get());
		assert!(deposit_held(&who) > alone, "the griefers raised it");
		assert_eq!(deposit_held(&who), miners_budget());
		assert_eq!(free(&who), free_before - miners_budget());

		// The best claim is verified first: the honest solution is queued and all of its
		// deposit comes back, with the reward.
		let seen = verify(&mut chain);
		assert_eq!(MultiBlockElectionVerifier::queued_score(), Some(solution.score));
		assert!(seen.iter().any(
			|event| matches!(event, SignedEvent::Rewarded(_, rewarded, _) if *rewarded == who)
		));
		assert_eq!(deposit_held(&who), 0);
		assert!(free(&who) > free_before, "rewarded");
		assert_try_state();
	});
}

#[test]
fn a_griefer_claiming_a_better_score_delays_the_honest_solution_and_loses_its_deposit() {
	let mut ext = genesis(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET, json!({}));
	ext.execute_with(|| {
		let (mut chain, solution) = at_the_signed_phase();
		let (who, faker) = (submitter(), griefer());
		let (free_before, treasury_before) = (free(&who), free(&TreasuryAccount::get()));
		let faker_before = free(&faker);
		submit(&who, &solution, solution.score);
		// The faker claims to beat it and stores nothing: its claim is verified first. It holds
		// what a full solution does.
		register(&faker, better(solution.score)).expect("registers");
		let faker_deposit = deposit_held(&faker);
		assert_eq!(faker_deposit, SubmissionDeposit::calculate_base_deposit(1));

		let seen = std::cell::RefCell::new(Vec::new());
		chain.run_until("the honest solution queued", 40, || {
			seen.borrow_mut().extend(signed_events());
			MultiBlockElectionVerifier::queued_score().is_some()
		});
		let seen = seen.into_inner();
		assert_eq!(MultiBlockElectionVerifier::queued_score(), Some(solution.score));
		assert!(seen.iter().any(|event| matches!(
			event,
			SignedEvent::Slashed(_, slashed, amount) if *slashed == faker && *amount == faker_deposit
		)));
		let [reward] = seen
			.iter()
			.filter_map(|event| match event {
				SignedEvent::Rewarded(_, rewarded, amount) if *rewarded == who => Some(*amount),
				_ => None,
			})
			.collect::<Vec<_>>()[..]
		else {
			panic!("the honest submitter is rewarded once: {seen:?}")
		};
		// The faker lost its whole deposit to the treasury; the honest submitter
		// has all of its deposit back and its reward.
		assert_eq!(deposit_held(&faker), 0);
		assert_eq!(free(&faker), faker_before - faker_deposit);
		assert_eq!((deposit_held(&who), free(&who)), (0, free_before + reward));
		assert_eq!(free(&TreasuryAccount::get()), treasury_before + faker_deposit - reward);
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
	// The most a production submission may hold (the deposit `palisade-node mine` budgets for,
	// besides fees): about 112 PAL.
	let most = full + per_page * Balance::from(PRODUCTION_PAGES);
	assert_eq!((most + UNITS / 2) / UNITS, 112, "{most}");
}
