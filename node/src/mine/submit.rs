//! Mining a round and deciding whether, and how, to submit it.

use super::{
	config::SignedMiner,
	follow::{self, bail_margin},
	rpc::Node,
	snapshot, MineError, Signer,
};
use palisade_runtime::{
	configs::election::{MaxSignedSubmissions, SubmissionDeposit},
	AccountId, Balance, Hash, Runtime, RuntimeCall, EXISTENTIAL_DEPOSIT,
};
use pallet_election_provider_multi_block::{
	signed::{self, CalculateBaseDeposit, Invulnerables, SortedScores},
	unsigned::miner::BaseMiner,
	PagedRawSolution, Phase,
};
use sp_npos_elections::ElectionScore;

/// A solution mined from a round's snapshot, with the pages to send.
pub type Solution = PagedRawSolution<SignedMiner>;

/// Blocks the miner waits at most for `register` to land before it sends the pages: with
/// fewer left in the phase (beyond [`bail_margin`]), the pages go out with `register`.
const REGISTER_WAIT: u32 = 3;

/// What the miner sent for a round.
pub enum Sent {
	/// Nothing: the miner's output says why.
	Nothing,
	/// Nothing yet: transactions of the account wait in the pool, or an incomplete submission
	/// of an earlier run is being withdrawn; the round is mined again at the next block.
	Later,
	/// A submission to follow until every page is stored.
	Solution(follow::Submission),
}

/// Mines `round` from its snapshot at `at` and, if the solution is worth submitting, sends
/// `register` (with every page, when the phase is too short to wait for it to land). Resumes
/// a submission of the same solution that an earlier run registered.
pub async fn submit_round(
	node: &Node,
	signer: &Signer,
	at: Hash,
	round: u32,
) -> Result<Sent, MineError> {
	if signer.has_pending(node, at).await? {
		return Ok(Sent::Later);
	}
	let input = snapshot::mine_input(node, at, round).await?;
	let desired_targets = input.desired_targets;
	let solution = jsonrpsee::tokio::task::spawn_blocking(move || {
		BaseMiner::<SignedMiner>::mine_solution(input)
	})
	.await?
	.map_err(|error| format!("mining failed: {error:?}"))?;
	let score = solution.score;
	println!(
		"round {round}: mined {} voters over {} pages, score {score:?}",
		solution.voter_count(),
		solution.solution_pages.len()
	);
	if solution.winner_count_single_page_target_snapshot() != desired_targets as usize {
		println!("round {round}: not submitted: the solution does not elect {desired_targets}");
		return Ok(Sent::Nothing);
	}

	// Mining takes time: decide on the chain as it is now.
	let (best, at) = node.best().await?;
	let left = match node.phase(at).await? {
		Phase::Signed(left) if left > bail_margin() => left,
		_ => {
			println!("round {round}: not submitted: too late in the signed phase");
			return Ok(Sent::Nothing);
		},
	};
	if let Some(submission) = node.submission(at, round, &signer.account).await? {
		if submission.claimed_score == score {
			println!("round {round}: registered already; sending the pages missing");
			return Ok(Sent::Solution(follow::Submission::resumed(solution, best)));
		}
		if submission.pages.iter().all(|stored| *stored) {
			println!("round {round}: a full solution scoring {score:?} is stored already");
			return Ok(Sent::Nothing);
		}
		// An incomplete submission that is verified loses its whole deposit.
		signer
			.send_all(node, vec![signed::Call::<Runtime>::bail {}.into()], left)
			.await?;
		println!("round {round}: withdrew (bail) an incomplete submission of an earlier run");
		return Ok(Sent::Later);
	}
	let register = signed::Call::<Runtime>::register { claimed_score: score };
	let mut calls = vec![RuntimeCall::from(register)];
	calls.extend(page_calls(&solution, |_| true));
	let needed = most_deposit().saturating_add(signer.fees(node, at, &calls).await?);
	if let Some(reason) = refusal(node, at, round, signer, score, needed).await? {
		println!("round {round}: not submitted: {reason}");
		return Ok(Sent::Nothing);
	}
	let with_pages = left <= bail_margin().saturating_add(REGISTER_WAIT);
	if !with_pages {
		calls.truncate(1);
	}
	signer.send_all(node, calls, left).await?;
	println!(
		"round {round}: sent register{}",
		if with_pages { " and every page" } else { "; the pages follow once it lands" }
	);
	Ok(Sent::Solution(follow::Submission::sent(solution, best, with_pages)))
}

/// Why a solution scoring `score` is not worth registering at `at`, if it is not (`needed`:
/// what the account must hold free to pay for it). The chain
/// does not check a claimed score at registration: a solution the verifier refuses (one that
/// does not beat the minimum or the queued score) loses its deposit, so it is not sent. Claims
/// of others are not proofs: a solution that beats none of them still has a place while the
/// queue has room (it is verified if the better claims fail, and its deposit comes back
/// otherwise).
async fn refusal(
	node: &Node,
	at: Hash,
	round: u32,
	signer: &Signer,
	score: ElectionScore,
	needed: Balance,
) -> Result<Option<String>, MineError> {
	let to_beat = [node.minimum_score(at).await?, node.queued_score(at, round).await?];
	if to_beat.into_iter().flatten().any(|other| !score.strict_better(other)) {
		return Ok(Some("it does not beat the minimum or the queued score".into()));
	}
	let registered: Vec<(AccountId, ElectionScore)> = node
		.read(at, &SortedScores::<Runtime>::hashed_key_for(round))
		.await?
		.unwrap_or_default();
	if registered.len() >= MaxSignedSubmissions::get() as usize {
		// A full queue makes room by pushing out its weakest claim that is not governance's.
		let invulnerables: Vec<AccountId> = node
			.read(at, &Invulnerables::<Runtime>::hashed_key())
			.await?
			.unwrap_or_default();
		let weakest = registered.iter().find(|(who, _)| !invulnerables.contains(who));
		if !weakest.is_some_and(|(_, weakest)| score.strict_better(*weakest)) {
			return Ok(Some("the queue of signed solutions is full of better claims".into()));
		}
	}
	let free = signer.free_balance(node, at).await?;
	if free < needed {
		return Ok(Some(format!("{needed} needed free (deposit and fees), {free} free")));
	}
	Ok(None)
}

/// `submit_page` for each page of `solution` (page 0 holds the poorest voters) for which
/// `send` holds.
pub fn page_calls(solution: &Solution, send: impl Fn(u32) -> bool) -> Vec<RuntimeCall> {
	(0u32..)
		.zip(&solution.solution_pages)
		.filter(|(page, _)| send(*page))
		.map(|(page, solution)| {
			let maybe_solution = Some(Box::new(solution.clone()));
			signed::Call::<Runtime>::submit_page { page, maybe_solution }.into()
		})
		.collect()
}

/// What the account must hold free, beyond the fees, before it registers: the most deposit a
/// submission may hold (the pallet counts the queue again at each page, with every
/// submission registered by then, so this assumes a full queue), and the existential deposit.
fn most_deposit() -> Balance {
	SubmissionDeposit::calculate_base_deposit(MaxSignedSubmissions::get() as usize)
		.saturating_add(EXISTENTIAL_DEPOSIT)
}
