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
	os::unix::fs::PermissionsExt,
	process::{Child, Command, ExitStatus},
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

/// The miner's process, killed if the test ends before it does.
struct Miner(Child);

impl Miner {
	/// Waits up to `limit` for the miner to exit; `None` if it did not.
	fn wait(mut self, limit: Duration) -> Option<ExitStatus> {
		let start = Instant::now();
		while start.elapsed() < limit {
			if let Some(status) = self.0.try_wait().expect("the miner runs") {
				return Some(status);
			}
			std::thread::sleep(Duration::from_millis(500));
		}
		None
	}
}

impl Drop for Miner {
	fn drop(&mut self) {
		let _ = self.0.kill();
		let _ = self.0.wait();
	}
}

#[test]
fn the_miner_elects_a_chain_whose_validators_do_not_mine() {
	let node = TestNode::start("miner", &["--dev", "--offchain-worker", "never"]);
	node.wait_for("a block", Duration::from_secs(180), |node| {
		node.best_number().filter(|n| *n >= 1)
	});
	let ferdie = Sr25519Keyring::Ferdie.to_account_id();
	let before = account(&node, &ferdie);

	// One round, submitted signed by Ferdie, whose secret is in a file only its owner reads,
	// as the validator guide has it.
	let dir = node.base_path().with_file_name("miner");
	std::fs::create_dir_all(&dir).expect("the miner's directory");
	let secret = dir.join("miner.secret");
	std::fs::write(&secret, "//Ferdie\n").expect("the secret's file");
	std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o600)).expect("chmod");
	let output = dir.join("miner.log");
	let log = std::fs::File::create(&output).expect("the miner's log");
	let miner = Miner(
		Command::new(env!("CARGO_BIN_EXE_palisade-node"))
			.args(["mine", "--url", &format!("ws://127.0.0.1:{}", node.rpc_port())])
			.args(["--suri-file", secret.to_str().expect("a path"), "--rounds", "1"])
			.stdout(log.try_clone().expect("the log"))
			.stderr(log)
			.spawn()
			.expect("the miner starts"),
	);
	let miner_log = || std::fs::read_to_string(&output).unwrap_or_default();
	let status = miner.wait(Duration::from_secs(300)).unwrap_or_else(|| {
		panic!("the miner did not submit within 5 minutes:\n{}\n{}", miner_log(), node.log_tail())
	});
	assert!(status.success(), "the miner failed: {status}\n{}", miner_log());
	assert!(miner_log().contains("every page stored"), "{}", miner_log());

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
