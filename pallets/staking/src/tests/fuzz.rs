//! The seeded run of the random-sequence harness ([`crate::fuzzing`]): 10,000 sequences
//! from fixed seeds, split into four tests that run side by side, each checking every
//! invariant after every step and that the sequences reached what they are meant to reach.
//!
//! `PALISADE_FUZZ_SEQUENCES=N` runs N sequences instead (a longer run);
//! `PALISADE_FUZZ_SEED=S` runs sequence S alone, and prints its steps.

use crate::{
	fuzzing::{run_sequence, Stats},
	try_state::STORAGE_DECODE_CHECKED,
};
use codec::Encode;

/// Sequences in a default run, over all parts.
const SEQUENCES: u64 = 10_000;
/// Tests the sequences are split between.
const PARTS: u64 = 4;
/// Bytes of input per sequence: enough for about [`crate::fuzzing::MAX_STEPS`] steps.
const INPUT_BYTES: usize = 1_024;

/// The input of sequence `seed`: BLAKE2 hashes of the seed and a counter.
fn input(seed: u64) -> Vec<u8> {
	(0u32..)
		.flat_map(|chunk| sp_io::hashing::blake2_256(&(seed, chunk).encode()))
		.take(INPUT_BYTES)
		.collect()
}

fn env(name: &str) -> Option<u64> {
	std::env::var(name).ok().map(|value| value.parse().expect("a number"))
}

/// Runs the sequences of `part` (every `PARTS`th seed from `part`) and returns their
/// statistics. A broken invariant fails the test with the seed and the steps that broke it.
fn run_part(part: u64) -> Stats {
	let (first, last) = match env("PALISADE_FUZZ_SEED") {
		Some(seed) if seed % PARTS == part => (seed, seed + 1),
		Some(_) => (0, 0),
		None => (part, env("PALISADE_FUZZ_SEQUENCES").unwrap_or(SEQUENCES)),
	};
	let mut stats = Stats::default();
	for seed in (first..last).step_by(PARTS as usize) {
		if let Err(failure) = run_sequence(&input(seed), &mut stats) {
			panic!("sequence {seed} (PALISADE_FUZZ_SEED={seed}) failed: {failure}");
		}
	}
	println!("part {part}: {stats}");
	stats
}

/// The sequences of a part did what a staking chain does: every user call and admin power
/// succeeded, eras were paid, slashes applied and cancelled.
fn assert_reached(stats: &Stats) {
	if env("PALISADE_FUZZ_SEED").is_some() {
		return;
	}
	for call in REACHED_CALLS {
		assert!(stats.succeeded(call) > 0, "no sequence succeeded in calling {call}\n{stats}");
	}
	for event in REACHED_EVENTS {
		assert!(stats.events.contains_key(*event), "no sequence emitted {event}\n{stats}");
	}
	// Every storage item held values, so each was checked to decode (see `tests::storage`);
	// but one that holds one only between the blocks of work too large for these small
	// chains: `AutoPayout` while an era's payout spans blocks (thousands of stakers).
	let between_blocks_of_large_work = ["AutoPayout"];
	// And one that never holds a value: Palisade keeps no slashing spans, and
	// `do_try_state` checks that `SlashingSpans` stays empty.
	let never_written = ["SlashingSpans"];
	for item in STORAGE_DECODE_CHECKED
		.iter()
		.filter(|i| !between_blocks_of_large_work.contains(i) && !never_written.contains(i))
	{
		assert!(stats.populated.contains(*item), "no sequence stored a {item}\n{stats}");
	}
}

/// The calls every part must have made succeed.
const REACHED_CALLS: &[&str] = &[
	"Staking::bond",
	"Staking::bond_extra",
	"Staking::unbond",
	"Staking::withdraw_unbonded",
	"Staking::rebond",
	"Staking::validate",
	"Staking::nominate",
	"Staking::chill",
	"Staking::set_payee",
	"Staking::kick",
	"Staking::payout_stakers_by_page",
	"Staking::apply_slash",
	"Staking::set_staking_configs",
	"Staking::set_min_commission",
	"Staking::force_apply_min_commission",
	"Staking::force_unstake",
	"Staking::set_validator_count",
	"Staking::increase_validator_count",
	"Staking::scale_validator_count",
	"Staking::force_no_eras",
	"Staking::force_new_era",
	"Staking::force_new_era_always",
	"Staking::manual_slash",
	"Staking::cancel_deferred_slash",
	"Balances::transfer_allow_death",
	"Balances::transfer_keep_alive",
	"Pools::create",
	"Pools::join",
	"Pools::bond_extra",
	"Pools::unbond",
	"Pools::withdraw_unbonded",
	"Pools::claim_payout",
	"Pools::nominate",
];

/// The events every part must have seen.
const REACHED_EVENTS: &[&str] = &[
	"StakersElected",
	"EraStarted",
	"EraPaid",
	"Rewarded",
	"EraRewardsPaid",
	"SlashReported",
	"Slashed",
	"SlashCancelled",
	"Withdrawn",
	"Kicked",
	"ElectionDelayed",
	"ElectionPageMissing",
];

#[test]
fn random_sequences_keep_every_invariant_part_0() {
	assert_reached(&run_part(0));
}

#[test]
fn random_sequences_keep_every_invariant_part_1() {
	assert_reached(&run_part(1));
}

#[test]
fn random_sequences_keep_every_invariant_part_2() {
	assert_reached(&run_part(2));
}

#[test]
fn random_sequences_keep_every_invariant_part_3() {
	assert_reached(&run_part(3));
}
