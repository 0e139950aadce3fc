//! Scale benchmarks of Palisade's staking pallet, side by side with `pallet-staking`.
//!
//! The crate is a workspace member from the start so that its dependencies are pinned with the
//! rest; the benchmarks themselves (era rotation, payouts and slashes at 100 × 1,000 up to
//! 1,000 × 20,000 stakers) arrive with the performance work, run by `cargo bench`.
