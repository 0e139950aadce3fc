//! `palisade-node mine`: a miner for the election's signed phase, for operators.
//!
//! Each round, once the signed phase opens, it reads the round's snapshot from a node over
//! WebSocket RPC, mines a solution of every page with the runtime's own miner (sequential
//! Phragmén with `reduce`, as the validators' off-chain workers mine the top pages) and, if
//! the solution beats the minimum score and the queued solution and has a place among the
//! registered ones, registers it and submits every page, signed. Pages that did not land are
//! sent again while the phase lasts; a submission that cannot be completed in time is
//! withdrawn (`bail`, a quarter of the deposit back) if it would be verified first, since an
//! incomplete solution that is verified loses all of it. The deposit (see the README's
//! "Elections") comes back with a reward if the solution is queued. Submissions of earlier
//! rounds that were never verified (a better one was queued first) get their deposit back at
//! the next round.

mod config;
mod rpc;
mod snapshot;
mod transactions;

use config::SignedMiner;
use jsonrpsee::core::client::Subscription;
use palisade_runtime::{
	configs::election::{GeometricDeposit, MaxSignedSubmissions, Pages, SignedDepositPerPage},
	AccountId, Balance, Hash, Header, Nonce, Runtime, RuntimeCall,
};
use pallet_election_provider_multi_block::{
	signed::{self, CalculateBaseDeposit, SortedScores},
	unsigned::miner::BaseMiner,
	PagedRawSolution, Phase,
};
use rpc::{Node, Submission};
use sp_npos_elections::ElectionScore;
use transactions::Signer;

/// An error that ends the miner, in words for the operator.
pub type MineError = Box<dyn std::error::Error + Send + Sync>;

/// How many earlier rounds the miner looks back for deposits to reclaim.
const ROUNDS_TO_RECLAIM: u32 = 5;

/// Mine the election and submit the solutions signed (the signed phase of
/// `pallet-election-provider-multi-block`).
#[derive(Debug, clap::Parser)]
pub struct MineCmd {
	/// A node of the chain to read from and submit to (WebSocket RPC).
	#[arg(long, default_value = "ws://127.0.0.1:9944")]
	pub url: String,

	/// The secret URI of the submitting account (sr25519): a mnemonic, a hex seed or a
	/// derivation such as `//Alice`. It pays the fees and holds the deposits. Other users of
	/// the machine can read a command line: outside development chains, use `--suri-file`.
	#[arg(long, required_unless_present = "suri_file", conflicts_with = "suri_file")]
	pub suri: Option<String>,

	/// A file holding the submitting account's secret URI (its whole content, surrounding
	/// whitespace ignored), readable by the miner's user only.
	#[arg(long, value_name = "PATH")]
	pub suri_file: Option<std::path::PathBuf>,

	/// Stop after submitting in this many rounds; without it, mine until stopped.
	#[arg(long)]
	pub rounds: Option<u32>,
}

/// A solution mined from a round's snapshot, with the pages to send.
type Solution = PagedRawSolution<SignedMiner>;

impl MineCmd {
	/// Runs the miner until `--rounds` rounds are submitted or it fails.
	pub fn run(&self) -> sc_cli::Result<()> {
		let runtime = jsonrpsee::tokio::runtime::Builder::new_multi_thread()
			.enable_all()
			.build()
			.map_err(|error| sc_cli::Error::Application(error.into()))?;
		runtime.block_on(self.mine()).map_err(sc_cli::Error::Application)
	}

	/// The submitting account's secret URI, from `--suri` or `--suri-file`.
	fn secret_uri(&self) -> Result<String, MineError> {
		match (&self.suri, &self.suri_file) {
			(Some(suri), _) => Ok(suri.clone()),
			(None, Some(path)) => std::fs::read_to_string(path)
				.map(|content| content.trim().to_owned())
				.map_err(|error| format!("--suri-file {}: {error}", path.display()).into()),
			(None, None) => Err("give --suri or --suri-file".into()),
		}
	}

	async fn mine(&self) -> Result<(), MineError> {
		let signer = Signer::from_suri(&self.secret_uri()?)?;
		let node = Node::connect(&self.url).await?;
		let mut heads = node.best_heads().await?;
		println!("mining as {} at {}", signer.account, self.url);
		let mut submitted = 0u32;
		// The round handled in the signed phase under way (it may open again in the same
		// round when no solution was queued).
		let mut handled = None;
		while self.rounds.is_none_or(|rounds| submitted < rounds) {
			let at = next_head(&mut heads).await?.hash();
			// Transactions sent now land in the next blocks: the signed phase must still be
			// open in them.
			let Phase::Signed(left) = node.phase(at).await? else {
				handled = None;
				continue;
			};
			let round = node.round(at).await?;
			if left == 0 || handled == Some(round) {
				continue;
			}
			handled = Some(round);
			reclaim_deposits(&node, &signer, at, round).await?;
			match submit_round(&node, &signer, at, round).await? {
				Some(solution) => {
					match complete(&node, &mut heads, &signer, round, &solution).await {
						Ok(()) => submitted = submitted.saturating_add(1),
						// Mining until stopped, a failed round is reported and the next one tried
						// (a lost node still ends the miner at the next block it waits for).
						Err(error) if self.rounds.is_none() => eprintln!("round {round}: {error}"),
						Err(error) => return Err(error),
					}
				},
				None => continue,
			}
		}
		Ok(())
	}
}

/// Mines `round` from its snapshot at `at` and, if the solution is worth submitting, sends
/// `register` and every page (or, if `signer` registered it already, the pages missing).
/// Returns the solution sent, if any.
async fn submit_round(
	node: &Node,
	signer: &Signer,
	at: Hash,
	round: u32,
) -> Result<Option<Solution>, MineError> {
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
		return Ok(None);
	}

	// Mining takes time: decide on the chain as it is now.
	let at = node.best_hash().await?;
	if !matches!(node.phase(at).await?, Phase::Signed(left) if left > 0) {
		println!("round {round}: not submitted: the signed phase ended while mining");
		return Ok(None);
	}
	if let Some(submission) = node.submission(at, round, &signer.account).await? {
		if submission.claimed_score != score {
			println!("round {round}: registered already with another score; left as it is");
			return Ok(None);
		}
		let missing = missing_pages(&submission, &solution);
		println!("round {round}: registered already; sending the {} missing pages", missing.len());
		signer.send_all(node, missing).await?;
		return Ok(Some(solution));
	}
	if let Some(reason) = refusal(node, at, round, signer, score).await? {
		println!("round {round}: not submitted: {reason}");
		return Ok(None);
	}
	signer.send_all(node, submission_calls(&solution)).await?;
	println!("round {round}: sent register and {} pages", solution.solution_pages.len());
	Ok(Some(solution))
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
	signer: &Signer,
	score: ElectionScore,
) -> Result<Option<String>, MineError> {
	let to_beat = [node.minimum_score(at).await?, node.queued_score(at, round).await?];
	if to_beat.into_iter().flatten().any(|other| !score.strict_better(other)) {
		return Ok(Some("it does not beat the minimum or the queued score".into()));
	}
	let registered: Vec<(AccountId, ElectionScore)> = node
		.read(at, &SortedScores::<Runtime>::hashed_key_for(round))
		.await?
		.unwrap_or_default();
	let full = registered.len() >= MaxSignedSubmissions::get() as usize;
	let beats_weakest = registered.first().is_none_or(|(_, weakest)| score.strict_better(*weakest));
	if full && !beats_weakest {
		return Ok(Some("the queue of signed solutions is full of better claims".into()));
	}
	let deposit = most_deposit();
	let free = free_balance(node, at, &signer.account).await?;
	if free <= deposit {
		return Ok(Some(format!("{deposit} of deposit needed, {free} free")));
	}
	Ok(None)
}

/// `register`, then `submit_page` for every page of `solution` (page 0 holds the poorest
/// voters).
fn submission_calls(solution: &Solution) -> Vec<RuntimeCall> {
	let register = signed::Call::<Runtime>::register { claimed_score: solution.score };
	core::iter::once(register.into())
		.chain(page_calls(solution, |_| true))
		.collect()
}

/// `submit_page` for the pages of `solution` that `submission` has not stored.
fn missing_pages(submission: &Submission, solution: &Solution) -> Vec<RuntimeCall> {
	page_calls(solution, |page| !submission.pages.get(page as usize).copied().unwrap_or(false))
}

fn page_calls(solution: &Solution, send: impl Fn(u32) -> bool) -> Vec<RuntimeCall> {
	(0u32..)
		.zip(&solution.solution_pages)
		.filter(|(page, _)| send(*page))
		.map(|(page, solution)| {
			let maybe_solution = Some(Box::new(solution.clone()));
			signed::Call::<Runtime>::submit_page { page, maybe_solution }.into()
		})
		.collect()
}

/// The most deposit a submission may have to hold once every page is stored: the pallet
/// counts the base again at each page, with every submission registered by then, so the miner
/// budgets for a full queue whatever the queue holds now.
fn most_deposit() -> Balance {
	GeometricDeposit::calculate_base_deposit(MaxSignedSubmissions::get() as usize)
		.saturating_add(SignedDepositPerPage::get().saturating_mul(Pages::get().into()))
}

type Account = frame_system::AccountInfo<Nonce, pallet_balances::AccountData<Balance>>;

async fn account(node: &Node, at: Hash, who: &AccountId) -> Result<Option<Account>, MineError> {
	node.read(at, &frame_system::Account::<Runtime>::hashed_key_for(who)).await
}

async fn free_balance(node: &Node, at: Hash, who: &AccountId) -> Result<Balance, MineError> {
	Ok(account(node, at, who)
		.await?
		.map(|account| account.data.free)
		.unwrap_or_default())
}

/// Whether transactions of `who` wait in the node's pool: its next nonce counting the pool is
/// past the one the chain has at `at`.
async fn has_pending(node: &Node, at: Hash, who: &AccountId) -> Result<bool, MineError> {
	let on_chain = account(node, at, who).await?.map(|account| account.nonce).unwrap_or_default();
	Ok(node.next_nonce(who).await? > on_chain)
}

/// Follows the chain until every page of `signer`'s submission in `round` is stored, sending
/// the missing ones again once none of `signer`'s transactions waits in the pool. If the
/// signed phase is about to end with pages missing, withdraws the submission when it leads (it would be verified first,
/// and an incomplete solution loses its whole deposit), and fails.
async fn complete(
	node: &Node,
	heads: &mut Subscription<Header>,
	signer: &Signer,
	round: u32,
	solution: &Solution,
) -> Result<(), MineError> {
	let mut waited = false;
	loop {
		let at = next_head(heads).await?.hash();
		let submission = node.submission(at, round, &signer.account).await?;
		if let Some(submission) = &submission {
			if submission.pages.iter().all(|stored| *stored) {
				println!(
					"round {round}: every page stored: {} held; if queued, {} reward and {} of \
					 fees back",
					submission.deposit, submission.reward, submission.fee
				);
				return Ok(());
			}
		}
		let pending = waited && has_pending(node, at, &signer.account).await?;
		let left = match node.phase(at).await? {
			Phase::Signed(left) => left,
			_ => return Err(format!("round {round}: the signed phase ended first").into()),
		};
		match submission {
			// A transaction sent now lands in the phase's last block at best.
			Some(_) if left <= 1 => {
				let registered: Vec<(AccountId, ElectionScore)> = node
					.read(at, &SortedScores::<Runtime>::hashed_key_for(round))
					.await?
					.unwrap_or_default();
				if registered.last().is_some_and(|(leader, _)| *leader == signer.account) {
					let bail = signed::Call::<Runtime>::bail {};
					signer.send_all(node, vec![bail.into()]).await?;
					println!("round {round}: pages missing at the end; withdrew (bail)");
				}
				return Err(format!("round {round}: the submission is incomplete").into());
			},
			// Pages still in the pool land in the next blocks; only those the pool dropped
			// are sent again, not paid for twice.
			Some(submission) if waited && !pending => {
				signer.send_all(node, missing_pages(&submission, solution)).await?;
			},
			Some(_) if waited => {},
			Some(_) => waited = true,
			None if waited => return Err(format!("round {round}: `register` did not land").into()),
			None => waited = true,
		}
	}
}

/// Takes back the deposits of `signer`'s submissions of the rounds before `round` that were
/// never verified.
async fn reclaim_deposits(
	node: &Node,
	signer: &Signer,
	at: Hash,
	round: u32,
) -> Result<(), MineError> {
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
		signer.send_all(node, calls).await?;
	}
	Ok(())
}

async fn next_head(heads: &mut Subscription<Header>) -> Result<Header, MineError> {
	Ok(heads.next().await.ok_or("the node ended its subscription to new blocks")??)
}

#[cfg(test)]
mod tests {
	use super::*;
	use clap::Parser;

	fn parse(args: &[&str]) -> Result<MineCmd, clap::Error> {
		MineCmd::try_parse_from(std::iter::once("mine").chain(args.iter().copied()))
	}

	#[test]
	fn the_secret_comes_from_the_command_line_or_a_file() {
		let cmd = parse(&["--suri", "//Ferdie"]).expect("--suri alone");
		assert_eq!(cmd.secret_uri().expect("a secret"), "//Ferdie");

		let path = std::env::temp_dir().join(format!("palisade-miner-suri-{}", std::process::id()));
		std::fs::write(&path, "//Ferdie\n").expect("a temporary file");
		let cmd = parse(&["--suri-file", path.to_str().expect("a path")]).expect("a file alone");
		assert_eq!(cmd.secret_uri().expect("the file's secret"), "//Ferdie");
		std::fs::remove_file(&path).expect("removed");
		assert!(cmd.secret_uri().is_err(), "a missing file is an error");

		assert!(parse(&[]).is_err(), "a secret is required");
		assert!(parse(&["--suri", "//Ferdie", "--suri-file", "x"]).is_err(), "only one");
	}
}
