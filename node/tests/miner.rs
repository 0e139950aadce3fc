//! `palisade-node mine` against a live dev chain whose validators do not mine (off-chain
//! workers off): the miner reads the snapshot over RPC, mines every page and submits them
//! signed; its solution is verified and queued, it is rewarded, and it elects the next era.
//! Without it, that chain would never leave era 0.

mod common;

use codec::Decode;
use common::{hex_bytes, TestNode};
use palisade_runtime::{
	configs::election::SignedRewardBase,
	pallet_palisade_staking::{ActiveEra, ActiveEraInfo, ErasStakersOverview},
	AccountId, Balance, Nonce, Runtime,
};
use serde_json::json;
use sp_keyring::Sr25519Keyring;
use std::{
	process::Command,
	time::{Duration, Instant},
};

type Account = frame_system::AccountInfo<Nonce, pallet_balances::AccountData<Balance>>;

/// The raw value at `key` in the node's best state.
fn raw(node: &TestNode, key: &[u8]) -> Option<Vec<u8>> {
	let key = format!("0x{}", key.iter().map(|b| format!("{b:02x}")).collect::<String>());
	let value = node.rpc("state_getStorage", json!([key])).ok()?;
	Some(hex_bytes(value.as_str()?))
}

/// The value at `key` in the node's best state, decoded.
fn read<T: Decode>(node: &TestNode, key: &[u8]) -> Option<T> {
	T::decode(&mut raw(node, key)?.as_slice()).ok()
}

fn active_era(node: &TestNode) -> u32 {
	let key = ActiveEra::<Runtime>::hashed_key();
	read::<ActiveEraInfo>(node, &key).map_or(0, |era| era.index)
}

fn account(node: &TestNode, who: &AccountId) -> Account {
	read(node, &frame_system::Account::<Runtime>::hashed_key_for(who)).expect("an account")
}

#[test]
fn the_miner_elects_a_chain_whose_validators_do_not_mine() {
	let node = TestNode::start("miner", &["--dev", "--offchain-worker", "never"]);
	node.wait_for("a block", Duration::from_secs(180), |node| {
		node.best_number().filter(|n| *n >= 1)
	});
	let ferdie = Sr25519Keyring::Ferdie.to_account_id();
	let before = account(&node, &ferdie);

	// One round, submitted signed by Ferdie, whose secret is in a file as the validator guide
	// has it.
	let secret = std::env::temp_dir().join(format!("palisade-miner-{}", std::process::id()));
	std::fs::write(&secret, "//Ferdie\n").expect("the secret's file");
	let mut miner = Command::new(env!("CARGO_BIN_EXE_palisade-node"))
		.args(["mine", "--url", &format!("ws://127.0.0.1:{}", node.rpc_port())])
		.args(["--suri-file", secret.to_str().expect("a path"), "--rounds", "1"])
		.spawn()
		.expect("the miner starts");
	let start = Instant::now();
	let status = loop {
		if let Some(status) = miner.try_wait().expect("the miner runs") {
			break status;
		}
		if start.elapsed() > Duration::from_secs(300) {
			let _ = miner.kill();
			panic!("the miner did not submit within 5 minutes:\n{}", node.log_tail());
		}
		std::thread::sleep(Duration::from_millis(500));
	};
	let _ = std::fs::remove_file(&secret);
	assert!(status.success(), "the miner failed: {status}");

	// Its solution elects era 1 (nobody else mines), and the reward is paid.
	node.wait_for("era 1", Duration::from_secs(180), |node| (active_era(node) >= 1).then_some(()));
	let after = account(&node, &ferdie);
	assert_eq!(after.data.reserved, before.data.reserved, "the deposit is released");
	let reward = SignedRewardBase::get();
	assert!(
		after.data.free >= before.data.free + reward - reward / 10,
		"Ferdie earned the reward (fees refunded): {} → {}",
		before.data.free,
		after.data.free
	);
	let alice = Sr25519Keyring::Alice.to_account_id();
	let overview = ErasStakersOverview::<Runtime>::hashed_key_for(1, alice);
	assert!(raw(&node, &overview).is_some(), "Alice is exposed in era 1");
}
