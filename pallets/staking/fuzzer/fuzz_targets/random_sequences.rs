//! libFuzzer drives the random-sequence harness of the staking pallet: each input is one
//! sequence of steps, and a broken invariant or a panic is a crash.

#![no_main]

use libfuzzer_sys::fuzz_target;
use pallet_palisade_staking::fuzzing::{run_sequence, Stats};

fuzz_target!(|input: &[u8]| {
	if let Err(failure) = run_sequence(input, &mut Stats::default()) {
		// Native fuzzing code, never in the runtime: a panic is how libFuzzer is told of a
		// crash, and it saves the input that caused it; qed.
		panic!("{failure}");
	}
});
