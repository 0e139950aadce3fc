//! `--chain local`: Alice, Bob and Charlie validate on loopback, connect, and finalise blocks
//! together.

mod common;

use common::TestNode;
use std::time::Duration;

/// Alice's libp2p key is fixed so that the others can name her as their bootnode. Validators on a
/// non-dev chain must be given a network key: they refuse to generate one silently.
const ALICE_NODE_KEY: &str = "0000000000000000000000000000000000000000000000000000000000000001";
const ALICE_PEER_ID: &str = "12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp";
const BOB_NODE_KEY: &str = "0000000000000000000000000000000000000000000000000000000000000002";
const CHARLIE_NODE_KEY: &str = "0000000000000000000000000000000000000000000000000000000000000003";

#[test]
fn alice_bob_and_charlie_produce_and_finalise_blocks_together() {
	let alice = TestNode::start(
		"alice",
		&["--chain", "local", "--alice", "--validator", "--node-key", ALICE_NODE_KEY],
	);
	let bootnode = format!("/ip4/127.0.0.1/tcp/{}/p2p/{ALICE_PEER_ID}", alice.p2p_port);
	let peer = |name: &str, node_key: &str| {
		TestNode::start(
			name,
			&[
				"--chain",
				"local",
				&format!("--{name}"),
				"--validator",
				"--node-key",
				node_key,
				"--bootnodes",
				&bootnode,
			],
		)
	};
	let bob = peer("bob", BOB_NODE_KEY);
	let charlie = peer("charlie", CHARLIE_NODE_KEY);

	for node in [&bob, &charlie] {
		node.wait_for("a connection to the others", Duration::from_secs(120), |node| {
			node.peers().filter(|peers| *peers >= 2)
		});
	}
	// GRANDPA needs all three of three validators (more than two thirds): finality proves that
	// all three vote.
	for node in [&alice, &bob, &charlie] {
		node.wait_for(
			"a block finalised by the three validators",
			Duration::from_secs(180),
			|node| node.finalized_number().filter(|n| *n >= 3),
		);
	}
}
