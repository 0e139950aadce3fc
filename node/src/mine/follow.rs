//! Following a sent submission until every page is stored: the pages wait for `register` to
//! land, pages the pool dropped are sent again, and a submission that cannot be completed is
//! withdrawn before the signed phase ends. Also the reclaiming of old rounds' deposits.

use super::{fresh_head, rpc::Node, submit::Solution, MineError, Signer};
use jsonrpsee::core::client::Subscription;
use palisade_runtime::{configs::election::SignedPhase, Hash, Header, Runtime, RuntimeCall};
use pallet_election_provider_multi_block::{signed, Phase};

/// How many times a page is sent before the miner stops sending it: a page the pool took but
/// the chain refused (its deposit could not be held) would fail the same way again.
pub const SENDS_PER_PAGE: u8 = 3;

/// How long the transactions that reclaim deposits stay valid, in blocks.
const RECLAIM_LIFETIME: u32 = 8;

/// How many earlier rounds the miner looks back for deposits to reclaim.
const ROUNDS_TO_RECLAIM: u32 = 5;

/// The blocks before the end of the signed phase at which an incomplete submission is
/// withdrawn, and after which none is started: 10 of a production chain's 300, none of a
/// `fast-runtime` chain's 2 (its pages go out with `register`, in the phase's first block).
pub fn bail_margin() -> u32 {
	(SignedPhase::get() / 30).min(10)
}

/// A submission the miner sent in a round, and what it knows of its transactions.
pub struct Submission {
	solution: Solution,
	/// The best block when the miner last sent: what it sent lands after it.
	sent_after: u32,
	/// Whether the chain has shown the registration.
	registered: bool,
	/// How many times each page was sent.
	sends: Vec<u8>,
	/// The blocks before the phase's end at which it is withdrawn if incomplete.
	bail_margin: u32,
}

impl Submission {
	/// `solution`, sent after block `sent_after`: `register` alone, or with every page when
	/// `with_pages`.
	pub fn sent(solution: Solution, sent_after: u32, with_pages: bool) -> Self {
		let sends = vec![u8::from(with_pages); solution.solution_pages.len()];
		Self { solution, sent_after, registered: false, sends, bail_margin: bail_margin() }
	}

	/// `solution`, registered in an earlier run of the miner: its missing pages are sent
	/// once none of the account's transactions waits in the pool.
	pub fn resumed(solution: Solution, at_block: u32) -> Self {
		let sends = vec![0; solution.solution_pages.len()];
		Self { solution, sent_after: at_block, registered: true, sends, bail_margin: bail_margin() }
	}

	/// What to do at a block where the chain holds `stored` (the pages of the submission
	/// stored, if it is registered), the signed phase has `left` blocks after this one (`None`
	/// when it ended), and the account's transactions wait in the pool or not (`pending`).
	fn next_step(&mut self, stored: Option<&[bool]>, left: Option<u32>, pending: bool) -> Step {
		let Some(stored) = stored else {
			return match (pending, left, self.registered) {
				(true, Some(_), false) => Step::Wait,
				(_, _, true) => Step::Fail(
					"a better claim pushed the submission out of the queue; its deposit came \
					 back in full"
						.into(),
				),
				(_, None, false) => {
					Step::Fail("`register` did not land in the signed phase".into())
				},
				(false, Some(_), false) => Step::Fail(
					"`register` did not land: it failed on chain (better claims filled the \
					 queue, or the deposit could not be held), or the pool dropped it"
						.into(),
				),
			};
		};
		self.registered = true;
		let missing: Vec<u32> = (0u32..)
			.zip(stored)
			.filter(|(_, stored)| !**stored)
			.map(|(page, _)| page)
			.collect();
		if missing.is_empty() {
			return Step::Done;
		}
		let Some(left) = left else {
			return Step::Fail(format!(
				"the signed phase ended with {} pages missing",
				missing.len()
			));
		};
		// A transaction sent while others wait lands after them: a bail behind pages still in
		// the pool would land after them too (withdrawing a complete submission) or never.
		if pending {
			return Step::Wait;
		}
		// Nothing sent now lands before the phase ends.
		if left == 0 {
			return Step::Wait;
		}
		if left <= self.bail_margin {
			return Step::Bail;
		}
		let to_send: Vec<u32> = missing
			.into_iter()
			.filter(|page| {
				self.sends.get(*page as usize).is_some_and(|sent| *sent < SENDS_PER_PAGE)
			})
			.collect();
		for page in &to_send {
			if let Some(sent) = self.sends.get_mut(*page as usize) {
				*sent = sent.saturating_add(1);
			}
		}
		if to_send.is_empty() {
			Step::Wait
		} else {
			Step::Send(to_send)
		}
	}
}

/// The miner's next move for its submission.
#[derive(Debug, PartialEq)]
enum Step {
	/// Every page is stored.
	Done,
	/// Transactions are on their way, or the pages were sent as often as they may be.
	Wait,
	/// Send these pages (those not stored and nothing of the account in the pool).
	Send(Vec<u32>),
	/// Withdraw the incomplete submission before the phase ends.
	Bail,
	/// The round is lost, for this reason.
	Fail(String),
}

/// How following a submission ended.
pub enum Outcome {
	/// Every page is stored.
	Stored,
	/// The submission was withdrawn, pushed out or left incomplete, for this reason.
	Lost(String),
}

/// Follows the chain until every page of `signer`'s `submission` in `round` is stored (see
/// [`Submission::next_step`]) or the submission is lost. An error at a block (a read, a
/// transaction the pool refuses) is reported and the step tried again at the next; only the
/// loss of the node ends it with an error.
pub async fn until_stored(
	node: &Node,
	heads: &mut Subscription<Header>,
	signer: &Signer,
	round: u32,
	mut submission: Submission,
) -> Result<Outcome, MineError> {
	loop {
		let (number, at) = fresh_head(node, heads).await?;
		if number <= submission.sent_after {
			continue;
		}
		match submission.act(node, signer, round, number, at).await {
			Ok(Some(outcome)) => return Ok(outcome),
			Ok(None) => {},
			Err(error) => eprintln!("round {round}: {error}; trying again at the next block"),
		}
	}
}

impl Submission {
	/// Reads the submission at block `at` (number `number`) and takes the next step; returns
	/// the outcome once there is one.
	async fn act(
		&mut self,
		node: &Node,
		signer: &Signer,
		round: u32,
		number: u32,
		at: Hash,
	) -> Result<Option<Outcome>, MineError> {
		let stored = node.submission(at, round, &signer.account).await?.map(|s| s.pages);
		let left = match node.phase(at).await? {
			Phase::Signed(left) => Some(left),
			_ => None,
		};
		let pending = signer.has_pending(node, at).await?;
		match self.next_step(stored.as_deref(), left, pending) {
			Step::Done => {
				report_stored(node, at, round, signer).await?;
				Ok(Some(Outcome::Stored))
			},
			Step::Wait => Ok(None),
			Step::Send(pages) => {
				println!("round {round}: sending pages {pages:?}");
				let calls = super::submit::page_calls(&self.solution, |page| pages.contains(&page));
				signer.send_all(node, calls, left.unwrap_or_default()).await?;
				self.sent_after = number;
				Ok(None)
			},
			Step::Bail => {
				let bail = signed::Call::<Runtime>::bail {};
				signer.send_all(node, vec![bail.into()], left.unwrap_or_default()).await?;
				Ok(Some(Outcome::Lost(
					"pages still missing near the end of the signed phase: withdrawn (bail), a \
					 quarter of the deposit comes back"
						.into(),
				)))
			},
			Step::Fail(reason) => Ok(Some(Outcome::Lost(reason))),
		}
	}
}

/// Prints what the stored submission holds and may get back.
async fn report_stored(
	node: &Node,
	at: Hash,
	round: u32,
	signer: &Signer,
) -> Result<(), MineError> {
	if let Some(stored) = node.submission(at, round, &signer.account).await? {
		println!(
			"round {round}: every page stored: {} held; if queued, {} reward and {} of fees back",
			stored.deposit, stored.reward, stored.fee
		);
	}
	Ok(())
}

/// Takes back the deposits of `signer`'s submissions of the [`ROUNDS_TO_RECLAIM`] rounds
/// before `round` that were never verified, unless transactions of `signer` wait in the pool
/// (among them, maybe, the same reclaims).
pub async fn reclaim_deposits(
	node: &Node,
	signer: &Signer,
	at: Hash,
	round: u32,
) -> Result<(), MineError> {
	if signer.has_pending(node, at).await? {
		return Ok(());
	}
	let mut calls = Vec::new();
	for old in round.saturating_sub(ROUNDS_TO_RECLAIM)..round {
		if let Some(submission) = node.submission(at, old, &signer.account).await? {
			let witness_pages = submission.pages.iter().filter(|stored| **stored).count();
			calls.push(RuntimeCall::from(signed::Call::<Runtime>::clear_old_round_data {
				round: old,
				witness_pages: u32::try_from(witness_pages).unwrap_or(u32::MAX),
			}));
		}
	}
	if !calls.is_empty() {
		println!("reclaiming the deposits of {} unverified submissions", calls.len());
		signer.send_all(node, calls, RECLAIM_LIFETIME).await?;
	}
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;
	use palisade_runtime::configs::election::Pages;
	use sp_npos_elections::ElectionScore;

	fn submission(with_pages: bool) -> Submission {
		let pages = Pages::get() as usize;
		let solution = Solution {
			solution_pages: vec![Default::default(); pages],
			score: ElectionScore::default(),
			round: 0,
		};
		Submission { bail_margin: 3, ..Submission::sent(solution, 10, with_pages) }
	}

	const ALL: &[bool] = &[true, true];
	const FIRST: &[bool] = &[true, false];
	const NONE: &[bool] = &[false, false];

	#[test]
	fn pages_wait_for_register_then_go_out_once_nothing_is_pending() {
		let mut sent = submission(false);
		assert_eq!(sent.next_step(None, Some(5), true), Step::Wait, "register in the pool");
		assert_eq!(sent.next_step(Some(NONE), Some(4), false), Step::Send(vec![0, 1]));
		assert_eq!(sent.next_step(Some(FIRST), Some(3), true), Step::Wait, "page 1 pending");
		assert_eq!(sent.next_step(Some(ALL), Some(2), false), Step::Done);
	}

	#[test]
	fn a_page_the_chain_keeps_refusing_is_sent_three_times_at_most() {
		let mut sent = submission(true);
		// Sent once with `register`; twice more.
		assert_eq!(sent.next_step(Some(FIRST), Some(50), false), Step::Send(vec![1]));
		assert_eq!(sent.next_step(Some(FIRST), Some(49), false), Step::Send(vec![1]));
		assert_eq!(sent.next_step(Some(FIRST), Some(48), false), Step::Wait);
	}

	#[test]
	fn register_that_failed_or_was_pushed_out_ends_the_round() {
		let fails =
			|step: Step, why: &str| matches!(step, Step::Fail(reason) if reason.contains(why));
		let mut sent = submission(false);
		assert!(fails(sent.next_step(None, Some(5), false), "failed on chain"));
		assert!(fails(submission(false).next_step(None, None, false), "did not land"));
		assert!(fails(sent.next_step(None, None, true), "did not land"));
		let mut sent = submission(true);
		assert_eq!(sent.next_step(Some(FIRST), Some(9), true), Step::Wait);
		assert!(fails(sent.next_step(None, Some(8), false), "pushed"));
	}

	#[test]
	fn an_incomplete_submission_is_withdrawn_only_with_nothing_pending_and_time_to_land() {
		let mut sent = submission(true);
		assert_eq!(sent.next_step(Some(FIRST), Some(3), true), Step::Wait, "page 1 pending");
		assert_eq!(sent.next_step(Some(FIRST), Some(3), false), Step::Bail);
		assert_eq!(sent.next_step(Some(FIRST), Some(0), false), Step::Wait, "too late to land");
		let ended = sent.next_step(Some(FIRST), None, false);
		assert!(matches!(ended, Step::Fail(reason) if reason.contains("ended")));
	}
}
