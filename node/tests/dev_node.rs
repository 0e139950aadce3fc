//! Smoke test of `palisade-node --dev`: it produces and finalises blocks, and its runtime
//! metadata lists the staking, consensus and governance pallets.

mod common;

use codec::{Decode, Encode};
use common::{hex_bytes, TestNode};
use frame_metadata::{RuntimeMetadata, RuntimeMetadataPrefixed};
use serde_json::json;
use std::time::Duration;

/// The pallet names in the runtime's metadata at `version` (fetched through the `Metadata`
/// runtime API, as Polkadot.js does).
fn pallet_names(node: &TestNode, version: u32) -> Vec<String> {
	let encoded = node
		.rpc(
			"state_call",
			json!(["Metadata_metadata_at_version", format!("0x{}", hex(&version.encode()))]),
		)
		.expect("state_call answers");
	let bytes = hex_bytes(encoded.as_str().expect("hex string"));
	let opaque: Option<Vec<u8>> = Decode::decode(&mut &bytes[..]).expect("Option<OpaqueMetadata>");
	let opaque = opaque.unwrap_or_else(|| panic!("the runtime has no metadata v{version}"));
	let prefixed = RuntimeMetadataPrefixed::decode(&mut &opaque[..]).expect("metadata decodes");
	match prefixed.1 {
		RuntimeMetadata::V14(m) => m.pallets.into_iter().map(|p| p.name).collect(),
		RuntimeMetadata::V15(m) => m.pallets.into_iter().map(|p| p.name).collect(),
		RuntimeMetadata::V16(m) => m.pallets.into_iter().map(|p| p.name).collect(),
		other => panic!("unexpected metadata version {}", other.version()),
	}
}

fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn dev_node_finalises_blocks_and_exposes_staking() {
	let node = TestNode::start("dev", &["--dev"]);

	// Given a running dev node, when blocks are produced, then finality follows.
	let first = node.wait_for("a finalised block", Duration::from_secs(180), |node| {
		node.finalized_number().filter(|n| *n >= 1)
	});
	node.wait_for("finality to advance", Duration::from_secs(120), |node| {
		node.finalized_number().filter(|n| *n > first)
	});

	// Unsafe RPC methods are refused unless the node is started with `--rpc-methods unsafe`.
	let refused = node.rpc("author_rotateKeys", json!([]));
	assert!(refused.is_err(), "author_rotateKeys answered without --rpc-methods unsafe");

	// The metadata (v14 and v16) lists staking, consensus and governance under the names
	// Polkadot.js expects.
	for version in [14, 16] {
		let names = pallet_names(&node, version);
		for pallet in [
			"Staking",
			"Session",
			"Babe",
			"Grandpa",
			"Balances",
			"Referenda",
			"ConvictionVoting",
			"Council",
			"Treasury",
			"Utility",
			"Proxy",
		] {
			assert!(
				names.iter().any(|n| n == pallet),
				"metadata v{version} lacks {pallet}: {names:?}"
			);
		}
	}
}
