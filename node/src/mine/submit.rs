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

/// With more blocks than this left in the signed phase beyond [`bail_margin`], the miner sends
/// `register` alone and its pages once it is on chain (a `register` that fails then costs no
/// page fees); with fewer, the pages go out with it.
const REGISTER_WAIT: u32 = 3;

/// What the miner sent for a round.
pub enum Sent {
	/// Nothing, for this reason.
	Nothing(String),
	/// Nothing yet: transactions of the account wait in the pool, or an incomplete submission
	/// of an earlier run is being withdrawn; the round is mined again at the next block.
	Later,
	/// A submission to follow until every page is stored.
	Solution(follow::Submission),
}

/// What to do in a round before mining it.
#[derive(Debug, PartialEq)]
enum BeforeMining {
	/// Transactions are on their way: look again at the next block.
	Wait,
	/// Nothing to do in this round, for this reason.
	Skip(&'static str),
	/// An incomplete submission too close to the end to complete: withdraw it.
	Bail,
	/// Mine, then resume the submission or register.
	Mine,
}

/// What to do before mining a round, given whether the account has a submission in it (and
/// whether every page of it is stored), the signed blocks `left`, the `margin` before the
/// phase's end at which incomplete submissions are withdrawn, and whether the account's
/// transactions wait in the pool.
fn before_mining(complete: Option<bool>, left: u32, margin: u32, pending: bool) -> BeforeMining {
	match (complete, left > margin) {
		_ if pending => BeforeMining::Wait,
		(Some(true), _) => BeforeMining::Skip("every page of the submission is stored"),
		(Some(false), false) => BeforeMining::Bail,
		(None, false) => BeforeMining::Skip("too late in the signed phase to register"),
		(_, true) => BeforeMining::Mine,
	}
}

/// Mines `round` from its snapshot at `at` and, if the solution is worth submitting, sends
/// `register` (with every page, when the phase is too short to wait for it to land). Resumes
/// a submission of the same solution that an earlier run registered, and withdraws one it
/// cannot complete.
pub async fn submit_round(
	node: &Node,
	signer: &Signer,
	at: Hash,
	round: u32,
) -> Result<Sent, MineError> {
	let Phase::Signed(left) = node.phase(at).await? else {
		return Ok(Sent::Nothing("the signed phase ended".into()));
	};
	let existing = node.submission(at, round, &signer.account).await?;
	let complete = existing.as_ref().map(|submission| submission.pages.iter().all(|page| *page));
	match before_mining(complete, left, bail_margin(), signer.has_pending(node, at).await?) {
		BeforeMining::Wait => return Ok(Sent::Later),
		BeforeMining::Skip(reason) => return Ok(Sent::Nothing(reason.into())),
		BeforeMining::Bail => {
			signer
				.send_all(node, vec![signed::Call::<Runtime>::bail {}.into()], left)
				.await?;
			return Ok(Sent::Nothing(
				"pages missing near the end of the signed phase: withdrew the submission (bail)"
					.into(),
			));
		},
		BeforeMining::Mine => {},
	}
	let Some(solution) = mine(node, at, round).await? else {
		return Ok(Sent::Nothing("the solution does not elect as many as desired".into()));
	};
	let score = solution.score;

	// Mining takes time: decide on the chain as it is now.
	let (best, at) = node.best().await?;
	let Phase::Signed(left) = node.phase(at).await? else {
		return Ok(Sent::Nothing("the signed phase ended while mining".into()));
	};
	if let Some(submission) = node.submission(at, round, &signer.account).await? {
		if submission.claimed_score == score {
			println!("round {round}: registered already; sending the pages missing");
			return Ok(Sent::Solution(follow::Submission::resumed(solution, best)));
		}
		if submission.pages.iter().all(|stored| *stored) {
			return Ok(Sent::Nothing("a full solution of an earlier run is stored".into()));
		}
		if signer.has_pending(node, at).await? {
			return Ok(Sent::Later);
		}
		// An incomplete submission that is verified loses its whole deposit.
		signer
			.send_all(node, vec![signed::Call::<Runtime>::bail {}.into()], left)
			.await?;
		println!("round {round}: withdrew (bail) an incomplete submission of an earlier run");
		return Ok(Sent::Later);
	}
	if left <= bail_margin() {
		return Ok(Sent::Nothing("too late in the signed phase to register".into()));
	}
	if let Some(reason) = refusal(node, at, round, score).await? {
		return Ok(Sent::Nothing(format!("not submitted: {reason}")));
	}
	let register = signed::Call::<Runtime>::register { claimed_score: score };
	let mut calls = vec![RuntimeCall::from(register)];
	calls.extend(page_calls(&solution, |_| true));
	let needed = most_deposit().saturating_add(fees(node, signer, at, &calls).await?);
	let free = signer.free_balance(node, at).await?;
	if free < needed {
		return Ok(Sent::Nothing(format!(
			"not submitted: {needed} needed free (deposit and fees), {free} free"
		)));
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

/// Mines `round` from its snapshot at `at`: the solution, if it elects as many validators as
/// desired.
async fn mine(node: &Node, at: Hash, round: u32) -> Result<Option<Solution>, MineError> {
	let input = snapshot::mine_input(node, at, round).await?;
	let desired_targets = input.desired_targets;
	let solution = jsonrpsee::tokio::task::spawn_blocking(move || {
		BaseMiner::<SignedMiner>::mine_solution(input)
	})
	.await?
	.map_err(|error| format!("mining failed: {error:?}"))?;
	println!(
		"round {round}: mined {} voters over {} pages, score {:?}",
		solution.voter_count(),
		solution.solution_pages.len(),
		solution.score
	);
	let elects = solution.winner_count_single_page_target_snapshot() == desired_targets as usize;
	Ok(elects.then_some(solution))
}

/// The fees the account may pay for a submission of `calls` at `at`: each call once, the pages
/// sent again as often as the miner may ([`follow::SENDS_PER_PAGE`], priced at the largest
/// page), and a `bail`.
async fn fees(
	node: &Node,
	signer: &Signer,
	at: Hash,
	calls: &[RuntimeCall],
) -> Result<Balance, MineError> {
	let mut priced = calls.to_vec();
	priced.push(signed::Call::<Runtime>::bail {}.into());
	let fees = signer.fees(node, at, &priced).await?;
	let largest = fees.iter().copied().max().unwrap_or_default();
	let resends = largest.saturating_mul(Balance::from(follow::SENDS_PER_PAGE.saturating_sub(1)));
	Ok(fees.into_iter().fold(resends, Balance::saturating_add))
}

/// Why a solution scoring `score` is not worth registering at `at`, if it is not. The chain
/// does not check a claimed score at registration: a solution the verifier refuses (one that
/// does not beat the minimum or the queued score) loses its deposit, so it is not sent. Claims
/// of others are not proofs: a solution that beats none of them still has a place while the
/// queue has room (it is verified if the better claims fail, and its deposit comes back
/// otherwise).
async fn refusal(
	node: &Node,
	at: Hash,
	round: u32,
	score: ElectionScore,
) -> Result<Option<&'static str>, MineError> {
	let to_beat = [node.minimum_score(at).await?, node.queued_score(at, round).await?];
	if to_beat.into_iter().flatten().any(|other| !score.strict_better(other)) {
		return Ok(Some("it does not beat the minimum or the queued score"));
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
			return Ok(Some("the queue of signed solutions is full of better claims"));
		}
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

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn transactions_on_their_way_come_first() {
		for complete in [None, Some(false), Some(true)] {
			assert_eq!(before_mining(complete, 50, 10, true), BeforeMining::Wait);
			assert_eq!(before_mining(complete, 5, 10, true), BeforeMining::Wait);
		}
	}

	#[test]
	fn an_incomplete_submission_found_late_is_withdrawn_without_mining() {
		assert_eq!(before_mining(Some(false), 10, 10, false), BeforeMining::Bail);
		assert_eq!(before_mining(Some(false), 1, 10, false), BeforeMining::Bail);
		assert_eq!(before_mining(Some(false), 11, 10, false), BeforeMining::Mine, "time left");
	}

	#[test]
	fn nothing_new_is_registered_within_the_margin_and_nothing_stored_is_redone() {
		assert!(matches!(before_mining(None, 10, 10, false), BeforeMining::Skip(_)));
		assert_eq!(before_mining(None, 11, 10, false), BeforeMining::Mine);
		assert!(matches!(before_mining(Some(true), 50, 10, false), BeforeMining::Skip(_)));
	}
}
