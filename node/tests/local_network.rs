//! `--chain local`: Alice and Bob validate on loopback, connect, and finalise blocks together.

mod common;

use common::TestNode;
use std::time::Duration;

/// Alice's libp2p key is fixed so that Bob can name her as his bootnode. Validators on a
/// non-dev chain must be given a network key: they refuse to generate one silently.
const ALICE_NODE_KEY: &str = "0000000000000000000000000000000000000000000000000000000000000001";
const ALICE_PEER_ID: &str = "12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp";
const BOB_NODE_KEY: &str = "0000000000000000000000000000000000000000000000000000000000000002";

#[test]
fn alice_and_bob_produce_and_finalise_blocks_together() {
	let alice = TestNode::start(
		"alice",
		&["--chain", "local", "--alice", "--validator", "--node-key", ALICE_NODE_KEY],
	);
	let bootnode = format!("/ip4/127.0.0.1/tcp/{}/p2p/{ALICE_PEER_ID}", alice.p2p_port);
	let bob = TestNode::start(
		"bob",
		&[
			"--chain",
			"local",
			"--bob",
			"--validator",
			"--node-key",
			BOB_NODE_KEY,
			"--bootnodes",
			&bootnode,
		],
	);

	bob.wait_for("Bob to connect to Alice", Duration::from_secs(120), |node| {
		node.peers().filter(|peers| *peers >= 1)
	});
	// GRANDPA needs both of two validators: finality proves both vote.
	for node in [&alice, &bob] {
		node.wait_for("a block finalised by both validators", Duration::from_secs(180), |node| {
			node.finalized_number().filter(|n| *n >= 3)
		});
	}
}
