//! `palisade-node mine`: a miner for the election's signed phase, for operators.
//!
//! Each round, once the signed phase opens, it reads the round's snapshot from a node over
//! WebSocket RPC and mines a solution of every page with the runtime's own miner (sequential
//! Phragmén with `reduce`, as the validators' off-chain workers mine the top pages). If the
//! solution beats the minimum and the queued score, has a place among the registered ones and
//! the account can pay for it, the miner registers it, waits until the registration is on
//! chain when the phase leaves time for that, and submits every page, signed
//! ([`submit`]). It then follows the chain until every page is stored, sends again the pages
//! the pool dropped, and withdraws (`bail`, a quarter of the deposit back) a submission it
//! cannot complete before the phase ends, since an incomplete solution that is verified loses
//! all of it ([`follow`]). The deposit (see the README's "Elections") comes back with a reward
//! if the solution is queued. Submissions of the last rounds that were never verified (a
//! better one was queued first) get their deposit back between signed phases.
//!
//! An error in a round is reported and the round tried again at the next block (a submission
//! already sent is found and followed); the miner ends when it loses its node or the node's
//! runtime is not the one it was built with.

mod config;
mod follow;
mod rpc;
mod snapshot;
mod submit;
mod transactions;

use futures::FutureExt;
use jsonrpsee::core::client::Subscription;
use palisade_runtime::{Hash, Header};
use pallet_election_provider_multi_block::Phase;
use rpc::Node;
use transactions::Signer;

/// An error that ends the miner, or the round, in words for the operator.
pub type MineError = Box<dyn std::error::Error + Send + Sync>;

/// Mine the election and submit the solutions signed (the signed phase of
/// `pallet-election-provider-multi-block`).
#[derive(clap::Parser)]
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

	/// Stop after this many rounds whose solution was stored in full; without it, mine until
	/// stopped.
	#[arg(long)]
	pub rounds: Option<u32>,
}

/// The command line without the secret.
impl std::fmt::Debug for MineCmd {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		f.debug_struct("MineCmd")
			.field("url", &self.url)
			.field("suri", &self.suri.as_ref().map(|_| "<secret>"))
			.field("suri_file", &self.suri_file)
			.field("rounds", &self.rounds)
			.finish()
	}
}

impl MineCmd {
	/// Runs the miner until `--rounds` rounds are stored or it fails.
	pub fn run(&self) -> sc_cli::Result<()> {
		let runtime = jsonrpsee::tokio::runtime::Builder::new_multi_thread()
			.enable_all()
			.build()
			.map_err(|error| sc_cli::Error::Application(error.into()))?;
		runtime.block_on(self.mine()).map_err(sc_cli::Error::Application)
	}

	/// The submitting account's secret URI, from `--suri` or else `--suri-file` (clap requires
	/// one of them).
	fn secret_uri(&self) -> Result<String, MineError> {
		let Some(path) = &self.suri_file else {
			return self.suri.clone().ok_or_else(|| "give --suri or --suri-file".into());
		};
		warn_if_others_can_read(path);
		std::fs::read_to_string(path)
			.map(|content| content.trim().to_owned())
			.map_err(|error| format!("--suri-file {}: {error}", path.display()).into())
	}

	/// Follows the chain's best blocks and handles each signed phase once: once per round,
	/// or again when the round's phase opens again because nothing was queued. Between signed
	/// phases, reclaims the deposits of unverified submissions.
	async fn mine(&self) -> Result<(), MineError> {
		let signer = Signer::from_secret_uri(&self.secret_uri()?)?;
		let node = Node::connect(&self.url).await?;
		let mut heads = node.best_heads().await?;
		println!("mining as {} at {}", signer.account, self.url);
		let mut stored = 0u32;
		let mut handled = None;
		while self.rounds.is_none_or(|rounds| stored < rounds) {
			let (_, at) = fresh_head(&node, &mut heads).await?;
			let round = node.round(at).await?;
			// A transaction sent now lands in the next block at best: the signed phase must
			// still be open there.
			let Phase::Signed(left) = node.phase(at).await? else {
				handled = None;
				follow::reclaim_deposits(&node, &signer, at, round)
					.await
					.unwrap_or_else(|error| eprintln!("reclaiming deposits: {error}"));
				continue;
			};
			if left == 0 || handled == Some(round) {
				continue;
			}
			node.check_runtime(at).await?;
			match self.round(&node, &mut heads, &signer, at, round).await {
				Ok(Round::Stored) => stored = stored.saturating_add(1),
				Ok(Round::Ended(reason)) => println!("round {round}: {reason}"),
				Ok(Round::Again) => continue,
				// Nothing is lost by trying again: a submission already sent is found and
				// followed.
				Err(error) => {
					eprintln!("round {round}: {error}; trying again at the next block");
					continue;
				},
			}
			handled = Some(round);
		}
		Ok(())
	}

	/// Mines `round` at `at` and, if the solution is sent, follows it until stored.
	async fn round(
		&self,
		node: &Node,
		heads: &mut Subscription<Header>,
		signer: &Signer,
		at: Hash,
		round: u32,
	) -> Result<Round, MineError> {
		match submit::submit_round(node, signer, at, round).await? {
			submit::Sent::Nothing(reason) => Ok(Round::Ended(reason)),
			submit::Sent::Later => Ok(Round::Again),
			submit::Sent::Solution(sent) => {
				Ok(match follow::until_stored(node, heads, signer, round, sent).await? {
					follow::Outcome::Stored => Round::Stored,
					follow::Outcome::Lost(reason) => Round::Ended(reason),
				})
			},
		}
	}
}

/// How a round the miner handled ended.
enum Round {
	/// Every page of the miner's solution is stored.
	Stored,
	/// Nothing more to do in this round, for this reason: nothing worth sending, or a
	/// submission withdrawn, pushed out or left incomplete.
	Ended(String),
	/// Nothing sent yet: the account's transactions wait in the pool, or an incomplete
	/// submission of an earlier run is being withdrawn. The round is mined at the next block.
	Again,
}

/// The best block (number and hash) once the node announces a new one. Blocks announced while
/// the miner mined or waited are skipped.
async fn fresh_head(
	node: &Node,
	heads: &mut Subscription<Header>,
) -> Result<(u32, Hash), MineError> {
	heads.next().await.ok_or("the node ended its subscription to new blocks")??;
	while let Some(Some(announced)) = heads.next().now_or_never() {
		announced?;
	}
	node.best().await
}

/// Warns when others than the miner's user may read the secret's file.
fn warn_if_others_can_read(path: &std::path::Path) {
	use std::os::unix::fs::PermissionsExt;
	if let Ok(metadata) = std::fs::metadata(path) {
		if metadata.permissions().mode() & 0o077 != 0 {
			eprintln!(
				"warning: {} is readable by others than its owner: `chmod 600` it",
				path.display()
			);
		}
	}
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

	#[test]
	fn the_command_line_prints_without_its_secret() {
		let cmd = parse(&["--suri", "//Ferdie"]).expect("--suri alone");
		let printed = format!("{cmd:?}");
		assert!(!printed.contains("Ferdie"), "{printed}");
		assert!(printed.contains("<secret>"), "{printed}");
	}
}
