//! Impossible states met by a hook leave [`Event::Unexpected`] in the block, as well as the
//! defensive failure that stops tests (a release build logs it and skips what is missing).

use crate::{
	mock::*, ChunkQueue, Event, SlashComputationQueue, UnexpectedKind, UnrecordedExposureQueue,
};
use frame_support::weights::WeightMeter;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Runs `hook`, which must meet an impossible state: its defensive failure panics in tests.
fn expect_defensive_failure(hook: impl FnOnce()) {
	let outcome = catch_unwind(AssertUnwindSafe(hook));
	assert!(outcome.is_err(), "the hook did not meet the impossible state");
}

#[test]
fn a_missing_queued_slash_computation_is_reported_on_chain() {
	ExtBuilder::default().validator(ALICE, 1_000).build_and_execute(|| {
		// The queue's ends count an entry that is not stored.
		SlashComputationQueue::<Test>::put(ChunkQueue { first: 0, end: 1 });

		expect_defensive_failure(|| Staking::process_slashes(&mut WeightMeter::new()));

		System::assert_has_event(
			Event::Unexpected { kind: UnexpectedKind::SlashComputationMissing }.into(),
		);
		// The test repairs the state it broke (the defensive failure stopped the hook).
		SlashComputationQueue::<Test>::kill();
	});
}

#[test]
fn a_missing_chunk_of_exposures_is_reported_on_chain() {
	ExtBuilder::default().validator(ALICE, 1_000).build_and_execute(|| {
		UnrecordedExposureQueue::<Test>::put(ChunkQueue { first: 3, end: 4 });

		expect_defensive_failure(|| Staking::record_exposures(&mut WeightMeter::new()));

		System::assert_has_event(
			Event::Unexpected { kind: UnexpectedKind::QueuedExposureChunkMissing }.into(),
		);
		UnrecordedExposureQueue::<Test>::kill();
	});
}
