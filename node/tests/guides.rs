//! The validator guide's commands (`docs/validator-guide.md`, the blocks marked `sh checked`),
//! run in order as the guide runs them: a raw chain spec, a node key, session keys from a
//! running node with their ownership proof, and the database maintenance commands.

mod common;

use common::TestNode;
use std::{
	path::{Path, PathBuf},
	process::Command,
	time::Duration,
};

/// The `sh checked` blocks of `guide`, in order, without their indentation.
fn checked_blocks(guide: &str) -> Vec<String> {
	let mut blocks = Vec::new();
	let mut current: Option<(usize, Vec<String>)> = None;
	for line in guide.lines() {
		let trimmed = line.trim_start();
		let indent = line.len() - trimmed.len();
		match current.take() {
			None if trimmed == "```sh checked" => current = Some((indent, Vec::new())),
			None => {},
			Some((_, lines)) if trimmed == "```" => blocks.push(lines.join("\n")),
			Some((indent, mut lines)) => {
				lines.push(line.get(indent..).unwrap_or(trimmed).to_owned());
				current = Some((indent, lines));
			},
		}
	}
	blocks
}

/// Runs `script` with bash in `dir`, `palisade-node` on the `PATH` and `env` set; returns its
/// standard output, or panics with everything it printed.
fn run(script: &str, dir: &Path, env: &[(&str, &str)]) -> String {
	let node = PathBuf::from(env!("CARGO_BIN_EXE_palisade-node"));
	let path = format!(
		"{}:{}",
		node.parent().expect("the binary is in a directory").display(),
		std::env::var("PATH").unwrap_or_default()
	);
	let output = Command::new("bash")
		.args(["-euo", "pipefail", "-c", script])
		.current_dir(dir)
		.env("PATH", path)
		.envs(env.iter().copied())
		.output()
		.expect("bash runs");
	let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
	assert!(
		output.status.success(),
		"the guide's block failed:\n{script}\n--- stdout ---\n{stdout}\n--- stderr ---\n{}",
		String::from_utf8_lossy(&output.stderr)
	);
	stdout
}

#[test]
fn the_validator_guides_commands_work_as_written() {
	let guide = include_str!("../../docs/validator-guide.md");
	let blocks = checked_blocks(guide);
	let [spec, node_key, session_keys, maintenance] = blocks.as_slice() else {
		panic!("the guide has four checked blocks, not {}: {blocks:#?}", blocks.len());
	};
	let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
		.join(format!("validator-guide-{}", std::process::id()));
	let _ = std::fs::remove_dir_all(&dir);
	std::fs::create_dir_all(&dir).expect("can create the guide's directory");

	// Step 2: the raw chain spec.
	run(spec, &dir, &[]);
	let spec_file = dir.join("palisade-spec.json");
	let json: serde_json::Value =
		serde_json::from_slice(&std::fs::read(&spec_file).expect("the spec is written"))
			.expect("the spec is JSON");
	assert!(json["genesis"]["raw"]["top"].is_object(), "the spec is raw");

	// Step 3: the node key, and the node run with it: as Alice, one of the spec's validators,
	// with unsafe RPC for step 4, and authoring although it has no peers (it is the network's
	// only node here).
	let peer_id = run(node_key, &dir, &[]);
	assert!(peer_id.trim().starts_with("12D3KooW"), "a peer id: {peer_id}");
	let node = TestNode::start(
		"guide",
		&[
			"--chain",
			spec_file.to_str().expect("utf-8 path"),
			"--validator",
			"--alice",
			"--node-key-file",
			dir.join("node-key").to_str().expect("utf-8 path"),
			"--rpc-methods",
			"unsafe",
			"--force-authoring",
		],
	);
	node.wait_for("two blocks", Duration::from_secs(180), |node| {
		node.best_number().filter(|n| *n >= 2)
	});

	// Step 4: keys owned by Alice's account, with their proof, from the node.
	let session_keys = session_keys.replace("9944", &node.rpc_port().to_string());
	let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
	let answer = run(&session_keys, &dir, &[("STASH", alice)]);
	let answer: serde_json::Value = serde_json::from_str(&answer).expect("JSON-RPC answer");
	let keys = answer["result"]["keys"].as_str().expect("keys");
	let proof = answer["result"]["proof"].as_str().expect("proof");
	// A BABE (sr25519) and a GRANDPA (ed25519) public key, 32 bytes each.
	assert_eq!(keys.len(), 2 + 2 * 64, "{answer}");
	assert!(proof.len() > 2, "{answer}");

	// Maintenance, with the node stopped.
	node.stop();
	let base = node.base_path();
	run(maintenance, &dir, &[("BASE", base.to_str().expect("utf-8 path"))]);
	let exported = std::fs::read_to_string(dir.join("blocks.json")).expect("blocks exported");
	assert!(exported.contains("header"), "the export holds blocks");
	std::fs::remove_dir_all(&dir).expect("can clean up");
}
