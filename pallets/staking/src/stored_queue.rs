//! A first-in, first-out queue kept in storage as its ends (a [`ChunkQueue`] value) and its
//! entries (a map keyed by place), so that adding an entry, taking the first and dropping the
//! last each touch one key, however long the queue is.
//!
//! Two queues use it: the chunks of exposed stakers waiting to be recorded
//! ([`ExposuresToRecord`]) and the offences whose slashes are being worked out
//! ([`SlashesToCompute`]).

use crate::{
	unexpected::UnexpectedKind, ChunkQueue, Config, ExposedChunk, Pallet, SlashComputation,
	SlashComputationQueue, SlashComputations, UnrecordedExposureQueue, UnrecordedExposures,
};
use core::marker::PhantomData;
use frame_support::{
	storage::{IterableStorageMap, StorageMap, StorageValue},
	traits::Get,
	weights::WeightMeter,
};
use sp_runtime::traits::Saturating;
use sp_staking::EraIndex;

/// A queue stored as [`Self::Ends`] and [`Self::Entries`]: its entries are stored at the
/// places `first..end` of its ends, and nowhere else.
pub(crate) trait StoredQueue<T: Config> {
	/// What the queue holds.
	type Entry: codec::FullCodec;
	/// The queue's ends.
	type Ends: StorageValue<ChunkQueue, Query = ChunkQueue>;
	/// The entries, by place.
	type Entries: IterableStorageMap<u32, Self::Entry, Query = Option<Self::Entry>>;
	/// What [`Self::first`] reports when an entry between the ends is not stored.
	const MISSING: UnexpectedKind;

	/// The queue's ends.
	fn ends() -> ChunkQueue {
		Self::Ends::get()
	}

	/// Stores `ends`, or removes them once the queue is empty.
	fn put_ends(ends: ChunkQueue) {
		if ends.is_empty() {
			Self::Ends::kill();
		} else {
			Self::Ends::put(ends);
		}
	}

	/// Whether nothing is queued.
	fn is_empty() -> bool {
		Self::ends().is_empty()
	}

	/// Adds `entries` at the end of the queue.
	fn push(entries: impl IntoIterator<Item = Self::Entry>) {
		let mut ends = Self::ends();
		for entry in entries {
			Self::Entries::insert(ends.end, entry);
			ends.end.saturating_inc();
		}
		Self::put_ends(ends);
	}

	/// The first entry of the queue that `ends` bound, if any and stored, without moving.
	fn peek_first(ends: &ChunkQueue) -> Option<Self::Entry> {
		(!ends.is_empty()).then(|| Self::Entries::get(ends.first)).flatten()
	}

	/// The first entry of the queue that `ends` bound, if any. An entry missing between the
	/// ends is reported as [`Self::MISSING`] and skipped (`ends` moves past it), each skip
	/// charging `meter` a read: `None` once the meter cannot pay for one.
	fn first(ends: &mut ChunkQueue, meter: &mut WeightMeter) -> Option<Self::Entry> {
		while !ends.is_empty() {
			if let Some(entry) = Self::Entries::get(ends.first) {
				return Some(entry);
			}
			meter.try_consume(T::DbWeight::get().reads(1)).ok()?;
			Pallet::<T>::unexpected(Self::MISSING);
			ends.first.saturating_inc();
		}
		None
	}

	/// Stores `entry` in place of the first entry of the queue that `ends` bound.
	fn replace_first(ends: &ChunkQueue, entry: Self::Entry) {
		Self::Entries::insert(ends.first, entry);
	}

	/// Removes the first entry of the queue that `ends` bound.
	fn remove_first(ends: &mut ChunkQueue) {
		Self::Entries::remove(ends.first);
		ends.first.saturating_inc();
	}

	/// The last entry of the queue that `ends` bound, if any and stored.
	fn last(ends: &ChunkQueue) -> Option<Self::Entry> {
		ends.end
			.checked_sub(1)
			.filter(|_| !ends.is_empty())
			.and_then(Self::Entries::get)
	}

	/// Removes the last entry of the queue that `ends` bound.
	fn remove_last(ends: &mut ChunkQueue) {
		ends.end.saturating_dec();
		Self::Entries::remove(ends.end);
	}

	/// Checks that the entries are stored exactly at the places between the ends, and that
	/// each satisfies `valid`.
	fn check(
		valid: impl Fn(&Self::Entry) -> Result<(), sp_runtime::TryRuntimeError>,
	) -> Result<(), sp_runtime::TryRuntimeError> {
		let ends = Self::ends();
		frame_support::ensure!(ends.first <= ends.end, "a stored queue ends before it starts");
		let mut stored = 0u64;
		for (place, entry) in Self::Entries::iter() {
			frame_support::ensure!(
				(ends.first..ends.end).contains(&place),
				"a queued entry is stored outside its queue"
			);
			valid(&entry)?;
			stored.saturating_inc();
		}
		frame_support::ensure!(
			stored == u64::from(ends.end.saturating_sub(ends.first)),
			"a queued entry is missing"
		);
		Ok(())
	}
}

/// Chunks of exposed stakers waiting to be recorded, each with its era (see
/// [`Pallet::record_exposures`]).
pub(crate) struct ExposuresToRecord<T>(PhantomData<T>);

impl<T: Config> StoredQueue<T> for ExposuresToRecord<T> {
	type Entry = (EraIndex, ExposedChunk<T>);
	type Ends = UnrecordedExposureQueue<T>;
	type Entries = UnrecordedExposures<T>;
	const MISSING: UnexpectedKind = UnexpectedKind::QueuedExposureChunkMissing;
}

/// Reported offences whose slashes are being worked out, one exposure page per step (see
/// [`Pallet::process_slashes`]).
pub(crate) struct SlashesToCompute<T>(PhantomData<T>);

impl<T: Config> StoredQueue<T> for SlashesToCompute<T> {
	type Entry = SlashComputation<T>;
	type Ends = SlashComputationQueue<T>;
	type Entries = SlashComputations<T>;
	const MISSING: UnexpectedKind = UnexpectedKind::SlashComputationMissing;
}
