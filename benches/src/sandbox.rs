//! The state a benchmark runs on, and what one run of a step costs.
//!
//! A [`Sandbox`] holds a populated chain state in `sc-client-db`'s `BenchmarkingState`, the
//! backend of the node's `benchmark pallet` command: an in-memory trie that counts the distinct
//! keys read and written and records the storage proof of what was read. Every run starts from
//! the same state: it is wiped back after each run, as frame-benchmarking does between
//! repetitions.

use core::time::Duration;
use frame_benchmarking::benchmarking;
use sc_client_db::BenchmarkingState;
use sp_core::storage::{Storage, TrackedStorageKey};
use sp_runtime::traits::BlakeTwo256;
use sp_state_machine::{Ext, OverlayedChanges};
use std::time::Instant;

/// What one run of a step cost.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Cost {
	/// Wall-clock time of the step, native code, with the storage root of each of its blocks.
	pub time: Duration,
	/// Storage reads from the database (not from the block's overlay), every one counted: a
	/// key read in two blocks counts twice.
	pub reads: u32,
	/// Storage writes committed to the database, every one counted: a key written by two
	/// blocks counts twice.
	pub writes: u32,
	/// Compact size of the storage proof of everything read, in bytes: what a light client or
	/// a parachain validator would need to re-execute the step.
	pub proof_size: u32,
}

/// A populated state that steps run on, each from the same starting point.
pub struct Sandbox {
	state: BenchmarkingState<BlakeTwo256>,
}

impl Sandbox {
	/// A sandbox whose every run starts from `storage`. Reads and writes of `whitelist` (keys
	/// every block touches anyway, such as the block number and the events) are not counted.
	pub fn new(storage: Storage, whitelist: Vec<TrackedStorageKey>) -> Self {
		let state = BenchmarkingState::new(storage, None, true, true)
			.unwrap_or_else(|error| panic!("benchmarking state: {error}"));
		let sandbox = Self { state };
		sandbox.with_externalities(|| benchmarking::set_whitelist(whitelist));
		sandbox
	}

	/// Runs `setup`, commits it, then runs `step` on its output and measures the step alone.
	/// `check` then looks at the state the step left (unmeasured), and the state is wiped back
	/// to the sandbox's starting state.
	pub fn run<S, R>(
		&self,
		setup: impl FnOnce() -> S,
		step: impl FnOnce(S) -> R,
		check: impl FnOnce(&R),
	) -> (Cost, R) {
		self.with_externalities(|| {
			let input = setup();
			// Flush the setup into the database, so the step reads from it, as a block would.
			benchmarking::commit_db();
			for key in benchmarking::get_whitelist() {
				// Whitelisted keys are in every block's proof anyway: record them first.
				let _ = frame_support::storage::unhashed::get_raw(&key.key);
			}
			benchmarking::reset_read_write_count();
			let proof_before = benchmarking::proof_size().unwrap_or_default();
			let started = Instant::now();
			let output = step(input);
			let time = started.elapsed();
			let proof_after = benchmarking::proof_size().unwrap_or_default();
			benchmarking::commit_db();
			let (reads, writes) = accesses();
			check(&output);
			benchmarking::wipe_db();
			let proof_size = proof_after.saturating_sub(proof_before);
			(Cost { time, reads, writes, proof_size }, output)
		})
	}

	/// Runs `f` with this sandbox's state as the externalities `sp_io` works on.
	fn with_externalities<R>(&self, f: impl FnOnce() -> R) -> R {
		let mut overlay = OverlayedChanges::default();
		let mut ext = Ext::new(&mut overlay, &self.state, None);
		sp_externalities::set_and_run_with_externalities(&mut ext, f)
	}
}

/// Every read from the database and every write committed so far in this run.
pub fn accesses() -> (u32, u32) {
	let (reads, repeat_reads, writes, repeat_writes) = benchmarking::read_write_count();
	(reads + repeat_reads, writes + repeat_writes)
}

/// The storage `f` leaves when run on `storage`: a starting state for later steps (the state
/// after an era rotation, for the payout of the ended era).
pub fn evolve(storage: Storage, f: impl FnOnce()) -> Storage {
	let sandbox = Sandbox::new(storage, Vec::new());
	sandbox.with_externalities(|| {
		f();
		let mut top = std::collections::BTreeMap::new();
		let mut key = Vec::new();
		while let Some(next) = sp_io::storage::next_key(&key) {
			if let Some(value) = sp_io::storage::get(&next) {
				top.insert(next.clone(), value.to_vec());
			}
			key = next;
		}
		Storage { top, children_default: Default::default() }
	})
}

/// The keys and bytes (keys and values together) of the storage of the pallet named
/// `pallet`.
pub fn pallet_state(pallet: &str) -> (u32, u64) {
	let prefix = sp_io::hashing::twox_128(pallet.as_bytes()).to_vec();
	let (mut keys, mut bytes) = (0u32, 0u64);
	let mut key = prefix.clone();
	while let Some(next) = sp_io::storage::next_key(&key).filter(|next| next.starts_with(&prefix)) {
		let value = sp_io::storage::get(&next).map_or(0, |value| value.len());
		keys += 1;
		bytes += (next.len() + value) as u64;
		key = next;
	}
	(keys, bytes)
}
