//! The pallet's data types.
//!
//! Their SCALE shapes follow `pallet-staking` wherever the feature is the same, so that
//! Polkadot.js (`api.derive.staking`, the Apps Staking pages) decodes them without custom types:
//! balances and eras that `pallet-staking` encodes as `Compact` are `Compact` here too.

use crate::{BalanceOf, Config};
use codec::{Compact, Decode, DecodeWithMemTracking, Encode, HasCompact, MaxEncodedLen};
use frame_election_provider_support::PageIndex;
use frame_support::{
	traits::{ConstU32, Get},
	BoundedBTreeMap, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;
use sp_runtime::{traits::Zero, Perbill};
use sp_staking::{EraIndex, ExposurePage, Page};

/// Funds that are unbonding: `value` can be withdrawn once [`CurrentEra`](crate::CurrentEra)
/// reaches `era` (when that era's election starts).
#[derive(PartialEq, Eq, Clone, Copy, Encode, Decode, Debug, TypeInfo, MaxEncodedLen)]
pub struct UnlockChunk<Balance: HasCompact + MaxEncodedLen> {
	/// Amount of funds to be unlocked.
	#[codec(compact)]
	pub value: Balance,
	/// Era number at which point the funds become withdrawable.
	#[codec(compact)]
	pub era: EraIndex,
}

/// Where a staker's rewards are paid.
///
/// The variant indices are `pallet-staking`'s; index 2 (`Controller`) is not used because a
/// Palisade account is its own controller.
#[derive(
	PartialEq,
	Eq,
	Copy,
	Clone,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum RewardDestination<AccountId> {
	/// Pay into the staker's account and add it to the bond (compounding).
	#[codec(index = 0)]
	Staked,
	/// Pay into the staker's account as free balance.
	#[codec(index = 1)]
	Stash,
	/// Pay into another account as free balance.
	#[codec(index = 3)]
	Account(AccountId),
	/// Pay nothing.
	#[codec(index = 4)]
	None,
}

/// The bonded funds of one staker.
///
/// Invariant: `total == active + Σ unlocking[i].value`, and exactly `total` is held from the
/// staker's balance under [`crate::HoldReason::Staking`].
#[derive(
	PartialEqNoBound, EqNoBound, CloneNoBound, Encode, Decode, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
pub struct StakingLedger<T: Config> {
	/// The staking account. It also controls the stake: there is no separate controller.
	pub stash: T::AccountId,
	/// All bonded funds: active plus unlocking.
	#[codec(compact)]
	pub total: BalanceOf<T>,
	/// Funds at stake: counted in elections and exposed to rewards and slashes.
	#[codec(compact)]
	pub active: BalanceOf<T>,
	/// Funds that are unbonding, at most one chunk per era.
	pub unlocking: BoundedVec<UnlockChunk<BalanceOf<T>>, T::MaxUnlockingChunks>,
	/// Eras, ascending, in which every page of this staker's rewards as a validator has been
	/// claimed (paid automatically or through [`payout_stakers`](crate::Call::payout_stakers))
	/// while it was bonded: each is added when its last page is claimed, and eras older than
	/// [`HistoryDepth`](crate::Config::HistoryDepth) leave the list at the next addition.
	/// `pallet-staking`'s field of that meaning, kept for the clients that still take "claimed"
	/// from it (Polkadot.js' reward derives, Sidecar's `staking-payouts` before 20.14.1);
	/// [`crate::ClaimedRewards`] holds the same per page. Eras claimed under a runtime that did not
	/// keep this list yet are not listed.
	pub legacy_claimed_rewards: BoundedVec<EraIndex, T::HistoryDepth>,
}

/// `pallet-staking`'s record of a stash's slashing spans: the value type of
/// [`crate::SlashingSpans`], which Palisade never writes (it keeps no spans). The number of spans
/// it describes is `prior.len() + 1`.
#[derive(PartialEq, Eq, Clone, Encode, Decode, Debug, TypeInfo)]
pub struct SlashingSpanHistory {
	/// The index of the current span.
	pub span_index: u32,
	/// The era the current span started in.
	pub last_start: EraIndex,
	/// The last era with a nonzero slash.
	pub last_nonzero_slash: EraIndex,
	/// The starts of the earlier spans, newest first, each as an offset from the span after
	/// it.
	pub prior: alloc::vec::Vec<EraIndex>,
}

/// A validator's preferences, as `pallet-staking` stores them.
#[derive(
	PartialEq,
	Eq,
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	Default,
)]
pub struct ValidatorPrefs {
	/// The share of the validator's era reward it takes before its nominators are paid.
	#[codec(compact)]
	pub commission: Perbill,
	/// Whether the validator refuses new nominations. Nominators already backing it stay.
	pub blocked: bool,
}

/// A nominator's choice of validators.
#[derive(
	PartialEqNoBound, EqNoBound, CloneNoBound, Encode, Decode, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
pub struct Nominations<T: Config> {
	/// The validators nominated, without duplicates.
	pub targets: BoundedVec<T::AccountId, T::MaxNominations>,
	/// The era the nominations were submitted in.
	pub submitted_in: EraIndex,
	/// Kept for Polkadot.js, which reads it; Palisade never suppresses nominations.
	pub suppressed: bool,
}

/// How [`set_staking_configs`](crate::Call::set_staking_configs) changes one parameter.
#[derive(Clone, Copy, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, PartialEq, Eq)]
pub enum ConfigOp<T> {
	/// Leave it as it is.
	Noop,
	/// Set it to the value.
	Set(T),
	/// Remove it: it returns to its default.
	Remove,
}

/// The era that is active now and when it started, as `pallet-staking` stores it.
#[derive(PartialEq, Eq, Clone, Copy, Encode, Decode, Debug, TypeInfo, MaxEncodedLen)]
pub struct ActiveEraInfo {
	/// The index of the active era.
	pub index: EraIndex,
	/// When the era started, in milliseconds since the Unix epoch. `None` until the first
	/// block of the era is finalised (the time is not known earlier in the block).
	pub start: Option<u64>,
}

/// Whether eras change on schedule or are forced, as `pallet-staking`'s `Forcing`.
#[derive(
	PartialEq,
	Eq,
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
	Default,
	serde::Serialize,
	serde::Deserialize,
)]
pub enum Forcing {
	/// A new era starts every [`SessionsPerEra`](crate::Config::SessionsPerEra) sessions.
	#[default]
	NotForcing,
	/// The next era is planned at the next session, then scheduling returns to `NotForcing`.
	ForceNew,
	/// No new era is planned: the current validators stay.
	ForceNone,
	/// A new era is planned at every session.
	ForceAlways,
}

/// The reward points of an era: points earned by each validator (e.g. per authored block).
#[derive(
	PartialEqNoBound, EqNoBound, CloneNoBound, Encode, Decode, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
pub struct EraRewardPoints<T: Config> {
	/// The sum of all validators' points.
	pub total: u32,
	/// The points of each validator that earned any.
	pub individual: BoundedBTreeMap<T::AccountId, u32, T::MaxValidatorSet>,
}

impl<T: Config> Default for EraRewardPoints<T> {
	fn default() -> Self {
		Self { total: 0, individual: BoundedBTreeMap::new() }
	}
}

/// One page of the nominators backing a validator in an era: `sp_staking::ExposurePage`
/// (so Polkadot.js decodes it), with at most
/// [`MaxExposurePageSize`](crate::Config::MaxExposurePageSize) nominators.
///
/// The wrapper encodes exactly as the page it holds.
#[derive(PartialEqNoBound, EqNoBound, CloneNoBound, Encode, Decode, DebugNoBound, TypeInfo)]
#[scale_info(skip_type_params(T))]
#[codec(encode_bound(T: Config))]
#[codec(decode_bound(T: Config))]
pub struct BoundedExposurePage<T: Config>(pub ExposurePage<T::AccountId, BalanceOf<T>>);

impl<T: Config> MaxEncodedLen for BoundedExposurePage<T> {
	fn max_encoded_len() -> usize {
		// A compact integer takes at most one byte more than the integer.
		let compact_balance = BalanceOf::<T>::max_encoded_len().saturating_add(1);
		let individual = T::AccountId::max_encoded_len().saturating_add(compact_balance);
		compact_balance
			.saturating_add(Compact::<u32>::max_encoded_len())
			.saturating_add(individual.saturating_mul(T::MaxExposurePageSize::get() as usize))
	}
}

/// Where the pallet is in electing the validators of the next era.
#[derive(PartialEq, Eq, Clone, Copy, Encode, Decode, Debug, TypeInfo, MaxEncodedLen, Default)]
pub enum ElectionPhase {
	/// No election is running.
	#[default]
	Idle,
	/// The election of `era` is running; pages `next_page` down to 0 of its result are still
	/// to be fetched, one per block.
	Fetching {
		/// The era being elected.
		era: EraIndex,
		/// The next page of the result to fetch.
		next_page: PageIndex,
	},
	/// The validators of `era` are elected and their exposures stored; they take over at the
	/// era's first session.
	Ready {
		/// The era elected.
		era: EraIndex,
	},
	/// The election of `era` failed; what it stored is being removed before a new election.
	Clearing {
		/// The era whose election failed.
		era: EraIndex,
	},
}

/// Why an election did not give the next era its validators. The current ones stay.
#[derive(PartialEq, Eq, Clone, Copy, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo)]
pub enum ElectionFailure {
	/// The election provider could not start, or stopped before its result was fetched.
	ProviderFailed,
	/// Fewer validators were elected than [`MinimumValidatorCount`](crate::MinimumValidatorCount)
	/// (or none).
	TooFewValidators {
		/// How many were elected.
		elected: u32,
		/// How many are needed.
		minimum: u32,
	},
}

/// The ends of a queue kept in storage by place (see `stored_queue.rs`): the entries at places
/// `first..end` wait, for [`crate::UnrecordedExposures`] and [`crate::SlashComputations`].
#[derive(PartialEq, Eq, Clone, Copy, Default, Encode, Decode, Debug, TypeInfo, MaxEncodedLen)]
pub struct ChunkQueue {
	/// The place of the oldest entry still waiting.
	pub first: u32,
	/// The place the next entry is stored at.
	pub end: u32,
}

impl ChunkQueue {
	/// Whether no entry is waiting.
	pub fn is_empty(&self) -> bool {
		self.first >= self.end
	}
}

/// Stake that backed `validator` in an era, in page `page` of its exposure, and that its
/// staker has not been paid for yet. A validator's own stake is in page 0, which also carries
/// its commission.
#[derive(
	PartialEq, Eq, Clone, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct UnpaidBacking<AccountId, Balance> {
	/// The validator backed.
	pub validator: AccountId,
	/// The page of the validator's exposure the stake is in.
	pub page: Page,
	/// The stake.
	pub value: Balance,
}

/// A validator's announced commission increase, and the first era it applies to.
#[derive(
	PartialEq,
	Eq,
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct PendingCommissionIncrease {
	/// The commission announced.
	pub commission: Perbill,
	/// The first era elected with it.
	pub effective_era: EraIndex,
}

/// Where the backfill of claimed eras that storage version 4 started is: the era being read,
/// and the last validator of it done (`None` before the first).
#[derive(PartialEq, Eq, Clone, Encode, Decode, Debug, TypeInfo, MaxEncodedLen)]
pub struct ClaimedErasCursor<AccountId> {
	/// The era whose claimed pages are being read.
	pub era: EraIndex,
	/// The last validator of `era` done.
	pub after: Option<AccountId>,
}

/// Where the automatic payout of the oldest unpaid era is: the exposure page it is paying,
/// and the place on that page of the next staker to pay.
#[derive(
	PartialEqNoBound, EqNoBound, CloneNoBound, Encode, Decode, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
pub struct PayoutCursor<T: Config> {
	/// The validator whose exposure is being paid.
	pub validator: T::AccountId,
	/// The page of its exposure being paid (already marked claimed).
	pub page: Page,
	/// The next staker to pay on the page: on page 0 the validator itself comes first, then
	/// the nominators in their order on the page.
	pub next: u32,
}

/// How far the voter snapshot of a paged election has gone.
#[derive(
	PartialEqNoBound,
	EqNoBound,
	CloneNoBound,
	Encode,
	Decode,
	DebugNoBound,
	TypeInfo,
	MaxEncodedLen,
	frame_support::DefaultNoBound,
)]
#[scale_info(skip_type_params(T))]
pub enum VoterSnapshotStatus<T: Config> {
	/// No page has been taken yet.
	#[default]
	Waiting,
	/// Pages were taken up to and including this voter.
	Ongoing(T::AccountId),
	/// Every voter has been taken.
	Consumed,
}

/// The most reporters an offence's slash pays. Reports through `pallet-offences` name one
/// reporter: for BABE and GRANDPA equivocations, the author of the block that includes the
/// unsigned report. Further reporters are not paid.
pub const MAX_SLASH_REPORTERS: u32 = 8;

/// The reporters of an offence.
pub type SlashReporters<T> =
	BoundedVec<<T as frame_system::Config>::AccountId, ConstU32<MAX_SLASH_REPORTERS>>;

/// A slash waiting to be applied: one page of an offender's exposure, in `pallet-staking`'s
/// shape so that Polkadot.js' Slashes tab shows it. The validator's own slash is in the entry
/// of its exposure's first page; later pages carry only nominators.
#[derive(
	PartialEqNoBound, EqNoBound, CloneNoBound, Encode, Decode, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
pub struct UnappliedSlash<T: Config> {
	/// The offending validator.
	pub validator: T::AccountId,
	/// What is slashed of the validator's own stake.
	pub own: BalanceOf<T>,
	/// What is slashed of each nominator on this page.
	pub others: BoundedVec<(T::AccountId, BalanceOf<T>), T::MaxExposurePageSize>,
	/// Who reported the offence, never the offender: they share `payout`.
	pub reporters: SlashReporters<T>,
	/// What the reporters are paid: [`SlashRewardFraction`](crate::Config::SlashRewardFraction) of
	/// `own` (none without reporters, and at most that share of what is actually taken of the
	/// offender's own stake).
	pub payout: BalanceOf<T>,
}

impl<T: Config> UnappliedSlash<T> {
	/// The stakers this slash takes from: the offender if any of its own stake is slashed,
	/// then each nominator on the page.
	pub fn slashed_stakers(&self) -> impl Iterator<Item = &T::AccountId> {
		let own = (!self.own.is_zero()).then_some(&self.validator);
		own.into_iter().chain(self.others.iter().map(|(who, _)| who))
	}
}

/// An offence whose slash is being worked out from the offender's exposure, one page per step.
#[derive(
	PartialEqNoBound, EqNoBound, CloneNoBound, Encode, Decode, DebugNoBound, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
pub struct SlashComputation<T: Config> {
	/// The offending validator.
	pub validator: T::AccountId,
	/// The era the offence was committed in: its exposure is slashed.
	pub offence_era: EraIndex,
	/// The share of the exposure slashed.
	pub fraction: Perbill,
	/// The share already slashed for an earlier report of the same era: only the difference
	/// is slashed.
	pub prior: Perbill,
	/// Who reported the offence.
	pub reporters: SlashReporters<T>,
	/// The next page of the exposure to work out.
	pub next_page: Page,
}
