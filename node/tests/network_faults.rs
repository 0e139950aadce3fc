//! A four-validator network on loopback, from the raw `staging` chain spec (the file a second
//! machine joins with): it survives a stopped validator, the validator comes back from its
//! ParityDB, a full node syncs from genesis, and a node killed mid-import restarts cleanly.
//! Each step's time is written to `network-timings.txt` in Cargo's test tmp directory (the test
//! script prints it).

mod common;

use common::TestNode;
use std::{
	path::PathBuf,
	process::Command,
	time::{Duration, Instant},
};

/// The validators of the `staging` preset and their fixed libp2p keys (validators on a non-dev
/// chain must be given one).
const VALIDATORS: [(&str, &str); 4] = [
	("alice", "0000000000000000000000000000000000000000000000000000000000000001"),
	("bob", "0000000000000000000000000000000000000000000000000000000000000002"),
	("charlie", "0000000000000000000000000000000000000000000000000000000000000003"),
	("dave", "0000000000000000000000000000000000000000000000000000000000000004"),
];
/// The peer id of Alice's node key, for the others' `--bootnodes`.
const ALICE_PEER_ID: &str = "12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp";

/// How long each step took, written out as the test goes.
struct Timings {
	start: Instant,
	lines: Vec<String>,
	path: PathBuf,
}

impl Timings {
	fn new() -> Self {
		let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("network-timings.txt");
		Self { start: Instant::now(), lines: Vec::new(), path }
	}

	/// Records that `what` is done, with the time since the previous step.
	fn done(&mut self, what: String) {
		self.lines
			.push(format!("{:>6.1} s  {what}", self.start.elapsed().as_secs_f64()));
		self.start = Instant::now();
		std::fs::write(&self.path, self.lines.join("\n") + "\n").expect("can write the timings");
	}
}

/// `palisade-node build-spec --chain staging --raw`, saved to a file.
fn raw_staging_spec() -> PathBuf {
	let output = Command::new(env!("CARGO_BIN_EXE_palisade-node"))
		.args(["build-spec", "--chain", "staging", "--raw", "--disable-default-bootnode"])
		.output()
		.expect("build-spec runs");
	assert!(output.status.success(), "build-spec: {}", String::from_utf8_lossy(&output.stderr));
	let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
		.join(format!("staging-raw-{}.json", std::process::id()));
	std::fs::write(&path, output.stdout).expect("can write the spec");
	path
}

/// The numbers and hashes of the blocks `node` reports it authored after `log_offset`.
fn authored_blocks(node: &TestNode, log_offset: usize) -> Vec<(u64, String)> {
	let log = node.log();
	let marker = "Pre-sealed block for proposal at ";
	log.get(log_offset..)
		.unwrap_or_default()
		.lines()
		.filter_map(|line| {
			let rest = &line[line.find(marker)? + marker.len()..];
			let (number, rest) = rest.split_once('.')?;
			let hash = rest.split_once("Hash now ")?.1.split(',').next()?;
			Some((number.trim().parse().ok()?, hash.trim().to_owned()))
		})
		.collect()
}

#[test]
fn four_validators_survive_a_stopped_validator_and_nodes_recover_from_their_databases() {
	let mut timings = Timings::new();
	let spec = raw_staging_spec();
	let spec = spec.to_str().expect("utf-8 path");

	let start_validator = |(name, node_key): (&str, &str), bootnode: Option<&str>| {
		let mut args = vec!["--chain", spec, "--validator", "--node-key", node_key];
		let flag = format!("--{name}");
		args.push(&flag);
		if let Some(bootnode) = bootnode {
			args.extend(["--bootnodes", bootnode]);
		}
		TestNode::start(name, &args)
	};
	let alice = start_validator(VALIDATORS[0], None);
	let bootnode = format!("/ip4/127.0.0.1/tcp/{}/p2p/{ALICE_PEER_ID}", alice.p2p_port);
	let others: Vec<TestNode> =
		VALIDATORS[1..].iter().map(|v| start_validator(*v, Some(&bootnode))).collect();
	let dave = &others[2];

	// All four produce and finalise blocks.
	for node in std::iter::once(&alice).chain(&others) {
		node.wait_for("block 3 finalised", Duration::from_secs(240), |node| {
			node.finalized_number().filter(|n| *n >= 3)
		});
	}
	timings.done("4 validators: block 3 finalised on every node".into());

	// Dave stops; the other three (more than two thirds) keep producing and finalising.
	let dave_finalized = dave.finalized_number().expect("Dave answers");
	let dave_finalized_hash = dave.block_hash(dave_finalized);
	dave.stop();
	let finalized = alice.finalized_number().expect("Alice answers");
	alice.wait_for("finality without Dave", Duration::from_secs(180), |node| {
		node.finalized_number().filter(|n| *n >= finalized + 5)
	});
	timings.done(format!("3 of 4 validators: 5 more blocks finalised (to #{})", finalized + 5));

	// Dave starts again from his own database: what he had is there, and he catches up.
	let log_offset = dave.log().len();
	dave.start_again();
	dave.wait_for("Dave's RPC after the restart", Duration::from_secs(60), |node| {
		node.finalized_number()
	});
	assert_eq!(
		dave.block_hash(dave_finalized),
		dave_finalized_hash,
		"Dave keeps the blocks he had finalised"
	);
	let target = alice.best_number().expect("Alice answers");
	dave.wait_for("Dave to catch up", Duration::from_secs(180), |node| {
		node.best_number().filter(|n| *n >= target)
	});
	timings.done(format!("Dave restarted and caught up to #{target}"));

	// He authors again: one of his new blocks is in the chain Alice finalises.
	let authored = dave.wait_for("a block authored by Dave", Duration::from_secs(300), |node| {
		let finalized = alice.finalized_number()?;
		authored_blocks(node, log_offset).into_iter().find(|(number, hash)| {
			*number <= finalized && alice.block_hash(*number).as_deref() == Some(hash)
		})
	});
	timings.done(format!("Dave's block #{} finalised by the network", authored.0));

	// A full node syncs from genesis.
	let full = TestNode::start("full", &["--chain", spec, "--bootnodes", &bootnode]);
	let target = alice.finalized_number().expect("Alice answers");
	full.wait_for("the full node to sync", Duration::from_secs(240), |node| {
		node.finalized_number().filter(|n| *n >= target)
	});
	assert_eq!(full.block_hash(target), alice.block_hash(target));
	timings.done(format!("a full node synced #{target} blocks from genesis"));

	// A second full node, syncing one block per request, is killed (SIGKILL) while it is
	// importing: once it has some blocks but not all. It restarts on the same base path.
	let killed = TestNode::start(
		"killed",
		&["--chain", spec, "--bootnodes", &bootnode, "--max-blocks-per-request", "1"],
	);
	let tip = alice.best_number().expect("Alice answers");
	let deadline = Instant::now() + Duration::from_secs(120);
	let at = loop {
		if let Some(best) = killed.best_number().filter(|n| *n > 0) {
			killed.kill();
			break best;
		}
		assert!(Instant::now() < deadline, "the node imported nothing\n{}", killed.log_tail());
		std::thread::sleep(Duration::from_millis(10));
	};
	assert!(at < tip, "killed at #{at}, after catching up with #{tip}: not mid-import");
	killed.start_again();
	let target = alice.finalized_number().expect("Alice answers");
	killed.wait_for("the killed node to sync", Duration::from_secs(240), |node| {
		node.finalized_number().filter(|n| *n >= target)
	});
	assert_eq!(killed.block_hash(target), alice.block_hash(target));
	assert_eq!(killed.block_hash(at), alice.block_hash(at));
	timings
		.done(format!("a full node killed at #{at} of #{tip} restarted and synced to #{target}"));
}
