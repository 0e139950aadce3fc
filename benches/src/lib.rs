//! Scale benchmarks of Palisade's staking pallet, side by side with `pallet-staking`.
//!
//! Both pallets run natively in benchmark runtimes with the same parameters ([`params`]) and
//! the same stakers ([`population`]): 100 validators × 1,000 nominators, 300 × 10,000 and
//! 1,000 × 20,000, 16 nominations each. Each step (a call, an era rotation, the payout of an
//! era, a slash) runs on a [`sandbox::Sandbox`]: frame-benchmarking's state, which counts
//! storage reads and writes and records the storage proof. `cargo bench -p palisade-benches`
//! times the steps with criterion and prints the tables of `benches/README.md`.
//!
//! The harness is native benchmark code, not runtime code: it may panic on a broken setup.
#![allow(
	clippy::arithmetic_side_effects,
	clippy::indexing_slicing,
	clippy::expect_used,
	clippy::unwrap_used
)]

pub mod election;
pub mod palisade;
pub mod params;
pub mod population;
pub mod report;
pub mod runner;
pub mod sandbox;
pub mod staking_async;
pub mod subject;
pub mod upstream;

use sp_core::storage::TrackedStorageKey;

/// Keys every block touches whatever it does: the block number, events, block weight and
/// timestamp (both runtimes name their pallets `System` and `Timestamp`). frame-benchmarking
/// does not count them either.
pub fn whitelist() -> Vec<TrackedStorageKey> {
	[
		(&b"System"[..], &b"Number"[..]),
		(b"System", b"ExecutionPhase"),
		(b"System", b"EventCount"),
		(b"System", b"Events"),
		(b"System", b"BlockWeight"),
		(b"Timestamp", b"Now"),
	]
	.into_iter()
	.map(|(pallet, item)| {
		TrackedStorageKey::new(frame_support::storage::storage_prefix(pallet, item).to_vec())
	})
	.collect()
}
