//! Impossible states met by the pallet's own logic, made visible on chain.
//!
//! Where the accounting or a storage bound rules a state out, the pallet still handles it
//! without panicking (it skips the step, or keeps what it can). Each such place calls
//! [`Pallet::unexpected`], which logs a defensive failure (a panic in tests and debug builds)
//! and emits [`Event::Unexpected`] naming what went wrong, so an operator or an indexer sees it
//! in the block, not only in one node's log.

use crate::{Config, Event, Pallet};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use core::fmt::Debug;
use frame_support::defensive;
use scale_info::TypeInfo;

/// What went wrong, in [`Event::Unexpected`]. Each variant names one condition; the indices
/// are fixed, so a later variant never renumbers the earlier ones.
#[derive(
	PartialEq,
	Eq,
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	Debug,
	TypeInfo,
)]
pub enum UnexpectedKind {
	/// A chunk between the ends of the queue of exposures to record
	/// ([`UnrecordedExposureQueue`](crate::UnrecordedExposureQueue)) was not stored; it is
	/// skipped.
	#[codec(index = 0)]
	QueuedExposureChunkMissing,
	/// An entry between the ends of the queue of slash computations
	/// ([`SlashComputationQueue`](crate::SlashComputationQueue)) was not stored; it is skipped.
	#[codec(index = 1)]
	SlashComputationMissing,
	/// An offender's exposure was removed before its slash was worked out; the slash is dropped.
	#[codec(index = 2)]
	OffenderExposureMissing,
	/// An unapplied slash counted in
	/// [`UnappliedSlashOverflowCount`](crate::UnappliedSlashOverflowCount) was not stored.
	#[codec(index = 3)]
	UnappliedSlashMissing,
	/// An era awaiting its automatic payout had no reward; it is not paid.
	#[codec(index = 4)]
	EraRewardMissing,
	/// The era being planned had no start session.
	#[codec(index = 5)]
	EraStartSessionMissing,
	/// The planned era's start session passed without the era starting.
	#[codec(index = 6)]
	SessionSkipped,
	/// The voter snapshot's place in the frozen voter list was lost.
	#[codec(index = 7)]
	SnapshotCursorLost,
	/// A slashed staker held less than its ledger's total.
	#[codec(index = 8)]
	HeldBelowLedger,
	/// A ledger could not be written (the balance it holds could not be set): a slashed ledger,
	/// or a reward to add to the bond, which then stays free.
	#[codec(index = 9)]
	LedgerWriteFailed,
	/// The voter list refused a voter's insertion, removal or new score.
	#[codec(index = 10)]
	VoterListRefused,
	/// A bounded list of eras was full: a ledger's claimed eras, the eras with unapplied
	/// slashes, the eras awaiting their payout, or the bonded eras.
	#[codec(index = 11)]
	EraListFull,
	/// More validators than [`MaxValidatorSet`](crate::Config::MaxValidatorSet) were elected, or
	/// earned points in one era.
	#[codec(index = 12)]
	ValidatorSetOverflow,
	/// A staker backed more validators than [`MaxNominations`](crate::Config::MaxNominations) in
	/// one era, or a validator's vote for itself did not fit.
	#[codec(index = 13)]
	NominationsOverflow,
	/// An exposure outgrew its bounds: a page over
	/// [`MaxExposurePageSize`](crate::Config::MaxExposurePageSize), or more pages than can be
	/// claimed.
	#[codec(index = 14)]
	ExposureOverBound,
}

impl<T: Config> Pallet<T> {
	/// Reports `kind`: a defensive failure in the log, and [`Event::Unexpected`] in the block.
	pub(crate) fn unexpected(kind: UnexpectedKind) {
		Self::deposit_event(Event::Unexpected { kind });
		defensive!(kind);
	}

	/// Reports `kind` with the `error` that caused it.
	pub(crate) fn unexpected_error(kind: UnexpectedKind, error: impl Debug) {
		Self::deposit_event(Event::Unexpected { kind });
		defensive!(kind, error);
	}
}
