//! # Palisade staking pallet
//!
//! Nominated proof of stake for the Palisade chain: holders bond funds, declare an intent
//! (validate or nominate), and an election over bonded stake picks the validators of each era.
//!
//! **Contents**: [Key terms](#key-terms) · [Design](#design) ·
//! [Bonding and unbonding](#bonding-and-unbonding) · [Intents](#intents) ·
//! [Eras and elections](#eras-and-elections) · [Work per block](#work-per-block) ·
//! [Life of an era](#life-of-an-era) · [Rewards](#rewards) · [Slashing](#slashing) ·
//! [Invariants](#invariants) · [Storage](#storage) · the calls, by index: [`Call`].
//!
#![doc = include_str!("../docs/key-terms.md")]
//!
//! ## Design
//!
//! - **One account stakes and controls.** There is no stash/controller split. For Polkadot.js,
//!   which still reads `Bonded(stash) -> controller`, the pallet stores `Bonded(stash) = stash`.
//! - **Bonded funds are held, not locked.** The pallet couples to the chain's currency only
//!   through the `fungible` traits: bonded funds are put on hold under
//!   [`HoldReason::Staking`]. Held funds cannot be transferred, and freezes (e.g. conviction
//!   voting) overlap holds, so bonded funds can still vote.
//! - **Storage, types and call indices follow `pallet-staking`** where the feature is the same,
//!   so Polkadot.js and wallets work unchanged.
//! - **A host for pallets that stake through it.** Other pallets use it through
//!   `sp_staking::StakingInterface`, and nomination pools over delegated staking through
//!   `sp_staking::StakingUnchecked`: a pool is a *virtual staker* (see `virtual_stakers.rs`),
//!   whose funds its members' accounts hold, never this pallet. [`Config::EventListeners`] hear
//!   of every change to a stake (bonds, unbonds, every withdrawal, slashes with each unbonding
//!   chunk after them) and intent, so those pallets keep their accounts with this one.
//! - **Governance holds the powers.** Every privileged call checks an `EnsureOrigin` of the
//!   `Config`: [`Config::AdminOrigin`] for the staking parameters, forced eras and manual
//!   slashes, and [`Config::SlashCancelOrigin`] for cancelling a deferred slash, which must be
//!   possible within the deferral, faster than a referendum (e.g. by a council).
//!
//! ## Bonding and unbonding
//!
//! [`bond`](crate::Call::bond) holds funds and makes them *active*. [`unbond`](crate::Call::unbond)
//! moves active funds into an unlocking chunk that matures
//! [`BondingDuration`](crate::Config::BondingDuration) eras after the last era in which the
//! staker's stake was exposed (backed an elected validator), and never before the current era; at
//! most one chunk per era (later unbonds in the same era merge) and at most
//! [`MaxUnlockingChunks`](crate::Config::MaxUnlockingChunks) chunks. When the chunks are full,
//! [`unbond`](crate::Call::unbond) first withdraws the matured ones.
//! [`rebond`](crate::Call::rebond) moves unlocking funds back to active, newest chunk first.
//! [`withdraw_unbonded`](crate::Call::withdraw_unbonded) releases matured chunks; when nothing
//! remains bonded it removes the staker entirely. Unlocking funds stay held, and slashable, until
//! they are withdrawn.
//!
//! **Instant exit.** Stake that was not exposed in any of the last
//! [`BondingDuration`](crate::Config::BondingDuration) eras (a fresh bond, or a nominator whose
//! validators were never elected) unbonds into a chunk that matures in the current era, so
//! [`withdraw_unbonded`](crate::Call::withdraw_unbonded) releases it at once, in the same two calls
//! and with no deposit. The full bonding duration applies to everyone until the stakers an election
//! exposed are recorded (in the blocks right after it, see below); and while an election is running
//! its snapshot may already hold the stake of a validator or nominator, and of one that stopped
//! since it started: those wait in full too, the latter marked as exposed in the era being elected
//! (until [`BondingDuration`](crate::Config::BondingDuration) eras after it, even if the election
//! did not pick it). A staker that stopped before the election started keeps its instant exit.
//!
//! **Minimum bonds.** An unbond that would leave the active bond below the minimum of the
//! staker's role ([`MinNominatorBond`](crate::MinNominatorBond) or
//! [`MinValidatorBond`](crate::MinValidatorBond)) is *refused* with
//! [`InsufficientBond`](crate::Error::InsufficientBond): chill first, then unbond. An unbond that
//! would leave less than the existential deposit active unbonds everything instead, so no dust is
//! stranded.
//!
//! ## Intents
//!
//! [`validate`](crate::Call::validate) and [`nominate`](crate::Call::nominate) declare an intent;
//! [`chill`](crate::Call::chill) withdraws it. A staker is a validator, a nominator, or neither. A
//! nomination names at most [`MaxNominations`](crate::Config::MaxNominations) distinct validator
//! candidates; a validator that is `blocked` accepts no new nominators (those already nominating it
//! may keep it). [`kick`](crate::Call::kick) lets a validator remove nominators, and
//! [`chill_other`](crate::Call::chill_other) lets anyone chill a staker whose bond fell below the
//! minimum once the chain is close to its maximum number of nominators or validators
//! ([`ChillThreshold`](crate::ChillThreshold)).
//!
//! ## Eras and elections
//!
//! An era lasts [`SessionsPerEra`](crate::Config::SessionsPerEra) sessions; the pallet is
//! `pallet-session`'s session manager (through `pallet_session::historical::NoteHistoricalRoot`).
//! The election of the next era starts [`Config::ElectionLead`] sessions before the era is due: the
//! pallet bumps [`CurrentEra`](crate::CurrentEra), starts [`Config::ElectionProvider`], and once
//! the provider is ready fetches its result one page per block, storing each page as exposures
//! ([`ErasStakersOverview`](crate::ErasStakersOverview),
//! [`ErasStakersPaged`](crate::ErasStakersPaged) in pages of
//! [`MaxExposurePageSize`](crate::Config::MaxExposurePageSize),
//! [`ErasValidatorPrefs`](crate::ErasValidatorPrefs), [`ErasTotalStake`](crate::ErasTotalStake)).
//! Every nominator that backs an elected validator is exposed: nobody is cut off. At the era's
//! first session the elected validators take over and [`ActiveEra`](crate::ActiveEra) moves on. The
//! pallet is the provider's data source: voters come from [`Config::VoterList`] (richest first with
//! `pallet-bags-list`) page by page, validator candidates from [`Validators`](crate::Validators)
//! (only those with session keys, see [`Config::SessionKeys`]), and
//! [`ValidatorCount`](crate::ValidatorCount) is the number to elect. Era 0 is elected at genesis by
//! [`Config::GenesisElectionProvider`]. Once a snapshot's last page is taken,
//! [`MinimumActiveStake`](crate::MinimumActiveStake) holds the smallest active bond of a nominator
//! it took, which wallets show as the least stake that earns rewards.
//!
//! The chain never stalls on an election. One that has not finished when its era is due
//! postpones the era a session at a time ([`ElectionDelayed`](crate::Event::ElectionDelayed)): the
//! current validators go on, and the provider's round runs to its end. A page the provider has no
//! result for ([`ElectionPageMissing`](crate::Event::ElectionPageMissing)) exposes nobody, and the
//! next pages are still fetched. If the provider stops or fewer than
//! [`MinimumValidatorCount`](crate::MinimumValidatorCount) are elected, the planned era is dropped
//! ([`ElectionFailed`](crate::Event::ElectionFailed) says why), the current validators stay, and
//! the election is retried at a later session. [`ForceEra`](crate::ForceEra) (through
//! [`force_new_era`](crate::Call::force_new_era), [`force_no_eras`](crate::Call::force_no_eras),
//! [`force_new_era_always`](crate::Call::force_new_era_always)) overrides the schedule.
//!
//! History older than [`HistoryDepth`](crate::Config::HistoryDepth) eras is removed in `on_idle`, a
//! bounded number of keys per block. Session roots of eras no longer bonded are pruned from
//! `pallet_session::historical` ([`Config::SessionInterface`]) as each era starts.
//!
//! ## Work per block
//!
//! Era work is spread over blocks, each step bounded:
//! - the election result is fetched **one provider page per block**, so a page's size (the
//!   provider's `MaxWinnersPerPage` and `MaxBackersPerWinner`, and its voter snapshot pages)
//!   bounds the snapshot and the exposures written in a block;
//! - the stakers a page exposed are queued in chunks of [`EXPOSURE_RECORD_CHUNK`] and recorded
//!   in [`LastExposedEra`](crate::LastExposedEra) in the following blocks, within a tenth of each
//!   block's weight;
//! - reported offences are worked out one exposure page per step, and due slashes applied one
//!   page per step, first in `on_initialize`'s tenth of each block (see Slashing);
//! - history is removed in `on_idle`, within the block's spare weight.
//!
//! A paged provider takes the voter snapshot a page per block, each page resuming after the
//! last voter of the one before. Meanwhile the voter list is frozen ([`Config::VoterList`] is
//! locked): stakers still bond, unbond, nominate and chill, but their places in the list are
//! brought up to date only once the snapshot is done
//! ([`DeferredVoterUpdates`](crate::DeferredVoterUpdates), a few per block from `on_initialize`'s
//! share), so no voter is taken twice or skipped.
//!
//! With an on-chain election provider the whole result is a single page: the snapshot of
//! every voter, Phragmén and all exposures land in one block. That suits a chain of a few
//! hundred validators and a few thousand nominators. Larger chains configure a paged provider
//! such as `pallet-election-provider-multi-block`, whose snapshot, solving and verification run
//! in its own hooks, page by page.
//!
#![doc = include_str!("../docs/life-of-an-era.md")]
//!
//! ## Rewards
//!
//! Block authors earn reward points ([`ErasRewardPoints`](crate::ErasRewardPoints)) as
//! `pallet-authorship`'s event handler. When an era ends, [`Config::Inflation`] (the NPoS curve on
//! the staking rate) and the era's length set its payout
//! ([`ErasValidatorReward`](crate::ErasValidatorReward), event [`EraPaid`](crate::Event::EraPaid));
//! the rest of the curve's maximum goes to [`Config::RewardRemainder`]. Each validator earns a
//! share of the payout proportional to its points, takes its commission, and the rest is split pro
//! rata among its exposure, its own stake included. Rewards go where each staker's
//! [`Payee`](crate::Payee) says: `Staked` adds them to the bond (the voter list's own rebagging
//! brings the score up later), `Stash` and `Account` pay free balance, `None` forfeits them.
//!
//! **Nobody has to claim.** [`Config::AutoPayoutDelay`] blocks after an era ends,
//! `on_initialize` pays every staker the era exposed, walking its exposure pages validator by
//! validator within a tenth of each block ([`AutoPayout`](crate::AutoPayout) keeps its place), and
//! emits [`EraRewardsPaid`](crate::Event::EraRewardsPaid) when done. Meanwhile (and after),
//! [`payout_stakers`](crate::Call::payout_stakers) and
//! [`payout_stakers_by_page`](crate::Call::payout_stakers_by_page) pay a page at once, as in
//! `pallet-staking`. Either path claims a page ([`ClaimedRewards`](crate::ClaimedRewards)) before
//! paying it, and skips a page claimed already, so nobody is paid twice. Once every page of a
//! validator's era is claimed, the era also joins its ledger's `legacy_claimed_rewards`, as in
//! `pallet-staking`, for the clients that read "claimed" there. An era is not removed from history
//! while its automatic payout is pending, so no reward expires.
//!
//! **Commission.** A validator's commission is at most [`Config::MaxCommission`]. A decrease
//! applies at once; an increase is announced
//! ([`CommissionIncreaseAnnounced`](crate::Event::CommissionIncreaseAnnounced),
//! [`PendingCommission`](crate::PendingCommission)), rises by at most
//! [`Config::MaxCommissionIncrease`], and applies from the first era whose election starts after
//! [`Config::CommissionIncreaseDelay`] full eras, so nominators can leave first: no era whose
//! snapshot was taken during the notice pays it. Chilling keeps the commission as the base of the
//! next [`validate`](crate::Call::validate).
//!
//! ## Slashing
//!
//! Offences come from `pallet-offences` (BABE and GRANDPA equivocations, proven on chain) as
//! the pallet's [`sp_staking::offence::OnOffenceHandler`], or from the admin origin through
//! [`manual_slash`](crate::Call::manual_slash). An offence is dated by its session's era, the
//! *offence era*, and slashes a fraction of the offender's exposure in that era: its own stake and
//! each nominator's nomination of it.
//! - **No double punishment.** Within one era a validator is slashed by the highest fraction
//!   reported ([`ValidatorSlashInEra`](crate::ValidatorSlashInEra)): a lower report adds nothing, a
//!   higher one the difference. A nominator backing several offenders is slashed for each of its
//!   nominations.
//! - **The offender stops.** It is chilled at once and, for an offence in the active era,
//!   disabled until the era ends (the session pallet's `DisablingStrategy` decides, within its
//!   limit). Its nominators are told by [`SlashReported`](crate::Event::SlashReported) and, when
//!   the slash is applied, by [`Slashed`](crate::Event::Slashed). **They keep their nominations**:
//!   the chilled validator is not elected again unless it calls [`validate`](crate::Call::validate)
//!   again, and its nominators decide then whether to stay.
//! - **Deferred from the offence era.** The slash is worked out in the blocks after the report,
//!   one exposure page per step, into the list of slashes due in era `offence era +
//!   SlashDeferDuration`, one entry per page: its first
//!   [`MaxUnappliedSlashes`](crate::Config::MaxUnappliedSlashes) entries in `UnappliedSlashes(era)`
//!   (Polkadot.js' Slashes tab lists them), the rest in
//!   [`UnappliedSlashOverflow`](crate::UnappliedSlashOverflow), so every slash waits, however many
//!   offenders there are. Until it is applied, [`Config::SlashCancelOrigin`] may cancel any entry
//!   ([`cancel_deferred_slash`](crate::Call::cancel_deferred_slash)). The deferral counts from the
//!   offence era, not the report, so a late report cannot stretch it; an offence reported after its
//!   deferral has passed is applied in the following blocks.
//! - **Applied in bounded steps.** From its era on, `on_initialize` applies due entries within
//!   a tenth of the block, as many nominators a step as fit in it (a larger page over several
//!   steps); [`apply_slash`](crate::Call::apply_slash) lets anyone push a whole entry forward.
//!   A staker loses the amount pro rata from its active bond and from what it unbonded since
//!   the offence era (it was at stake then), never more than that: unbonding after an offence
//!   moves none of its slash onto the stake that stayed (in a pool, onto the members that
//!   stayed). A staker that a
//!   pending slash may take from cannot withdraw until it is applied, so unbonded stake cannot
//!   escape it; stakers no pending slash can reach withdraw as usual.
//! - **Where the funds go.** The reporters share [`Config::SlashRewardFraction`] of what is
//!   slashed of the offender's *own* stake; the offender is never its own reporter (a report
//!   its own block includes pays nobody). So neither the offender nor a reporter colluding
//!   with it ends richer than before the offence (see `slashing.rs`). The rest goes to
//!   [`Config::Slash`]. Applied amounts are recorded in
//!   [`ValidatorSlashInEra`](crate::ValidatorSlashInEra) and
//!   [`NominatorSlashInEra`](crate::NominatorSlashInEra).
//! - **No slashing spans.** The highest fraction per era replaces `pallet-staking`'s spans;
//!   its [`SlashingSpans`](crate::SlashingSpans) map is declared for the clients that read it, and
//!   stays empty.
//!
//! ## Invariants
//!
//! Checked by [`Pallet::do_try_state`], which fails hard and runs after every unit test and
//! after every step of the random-sequence harness (`fuzzing`, run by the test suite):
//! - every stored value of every storage item decodes (a lowered bound can make stored values
//!   undecodable, and iteration would skip them silently);
//! - a ledger's `total` equals its `active` plus the sum of its `unlocking` chunks; the eras
//!   it lists as claimed ascend, and in each still in history the staker was elected and every
//!   page of its rewards is claimed;
//! - the balance held under [`HoldReason::Staking`] equals the ledger's `total`, except for a
//!   virtual staker: nothing of it is held here, it never signed, its rewards go to another
//!   account, it does not validate, and its owner ([`Config::VirtualStakeOwner`]) holds at
//!   least its `total`;
//! - [`Bonded`](crate::Bonded), [`Ledger`](crate::Ledger) and [`Payee`](crate::Payee) have exactly
//!   the same keys, and a ledger is stored under its own stash;
//! - every validator and nominator is bonded, no account is both, and the validator and
//!   nominator counters equal the sizes of their maps;
//! - a nomination's targets are distinct, at most
//!   [`MaxNominations`](crate::Config::MaxNominations), and never the nominator;
//! - the voter list holds exactly the validators and nominators, each scored at most by its
//!   active bond (bonded rewards wait for the list's rebagging), but for the changes a voter
//!   snapshot deferred;
//! - the active era is planned, has a start session and is the last bonded era; the election's
//!   state matches the planned era; a snapshot's running minimum stake exists only while a
//!   snapshot is under way; no slashing spans are stored; the backfill of claimed eras is not
//!   past the active era;
//! - every exposure adds up (pages, overview, era total), has its era's preferences, and no era
//!   elects more than [`MaxValidatorSet`](crate::Config::MaxValidatorSet);
//! - exposure records are kept for bonded stakers only, and the queue of unrecorded exposures
//!   holds exactly its chunks;
//! - reward conservation: for each ended era, what was paid plus what its stakers are still
//!   owed never exceeds its reward and falls short of it by rounding alone; an era whose
//!   automatic payout is done owes nothing; claimed pages exist and are distinct; reward points
//!   add up;
//! - unapplied slashes are listed under exactly the eras
//!   [`UnappliedSlashEras`](crate::UnappliedSlashEras) names, the overflow of each era's list has
//!   no gaps, each entry slashes something, pays its reporters at most
//!   [`SlashRewardFraction`](crate::Config::SlashRewardFraction) of the offender's own slash
//!   (nothing without reporters), never names the offender as a reporter, has its offence recorded,
//!   and every bonded staker it slashes is marked as waiting for it; queued slash computations are
//!   exactly the queue's, each raising its offender's recorded fraction;
//! - no item of the era history keeps a key of an era older than
//!   [`OldestUnprunedEra`](crate::OldestUnprunedEra), and both stored queues hold exactly the
//!   entries between their ends.
//!
#![doc = include_str!("../docs/storage.md")]
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod admin;
mod bonding;
mod claimed_eras_backfill;
mod commission;
mod deferred_slashes;
mod election;
mod era;
mod exposure;
mod genesis;
mod history;
mod inflation;
mod intentions;
mod interface;
mod ledger;
pub mod migrations;
mod offences;
mod payout;
mod reward_points;
mod session_interface;
mod slashing;
mod stored_queue;
mod try_state;
mod types;
mod unexpected;
mod virtual_stakers;
pub mod voter_list;
mod wallet_queries;
pub mod weights;

// Benchmarks set up their worst cases in the benchmarking tool, never on chain: the runtime's
// no-panic lints do not apply to them.
#[cfg(feature = "runtime-benchmarks")]
#[allow(
	clippy::arithmetic_side_effects,
	clippy::unwrap_used,
	clippy::expect_used,
	clippy::indexing_slicing
)]
mod benchmarking;
// The test runtime and the random-sequence harness run natively, in tests and under the fuzzer,
// never on chain: the runtime's no-panic lints do not apply to them.
#[cfg(any(test, feature = "fuzzing"))]
#[allow(clippy::arithmetic_side_effects, clippy::unwrap_used, clippy::expect_used)]
pub mod fuzzing;
#[cfg(any(test, feature = "fuzzing"))]
#[allow(clippy::arithmetic_side_effects, clippy::unwrap_used, clippy::expect_used)]
pub mod mock;
#[cfg(test)]
mod tests;

pub use era::BondedErasBound;
pub use exposure::{ExposedChunk, EXPOSURE_RECORD_CHUNK};
pub use genesis::generated_nominator;
pub use inflation::InflationCurve;
pub use pallet::*;
pub use payout::{ClaimedPages, ClaimedPagesBound, UnpaidBackings, UnpaidErasBound};
pub use session_interface::{Session, SessionInterface};
pub use slashing::SlashErasBound;
pub use types::{
	ActiveEraInfo, BoundedExposurePage, ChunkQueue, ClaimedErasCursor, ConfigOp, ElectionFailure,
	ElectionPhase, EraRewardPoints, Forcing, Nominations, PayoutCursor, PendingCommissionIncrease,
	RewardDestination, SlashComputation, SlashReporters, SlashingSpanHistory, StakingLedger,
	UnappliedSlash, UnlockChunk, UnpaidBacking, ValidatorPrefs, VoterSnapshotStatus,
	MAX_SLASH_REPORTERS,
};
pub use unexpected::UnexpectedKind;
pub use virtual_stakers::{DelegatedFunds, ListenerWeights, VirtualStakeOwner};
pub use voter_list::UseValidatorsAndNominators;
pub use weights::WeightInfo;

use frame_support::traits::fungible::Inspect;

/// The log target of this pallet.
pub const LOG_TARGET: &str = "runtime::palisade-staking";

/// The balance type of the currency that is staked.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A staker of the genesis config: its stash, its bond and what it does.
pub type GenesisStaker<T> = (
	<T as frame_system::Config>::AccountId,
	BalanceOf<T>,
	sp_staking::StakerStatus<<T as frame_system::Config>::AccountId>,
);

/// An account as a call names it (an address or an index).
pub type AccountIdLookupOf<T> =
	<<T as frame_system::Config>::Lookup as sp_runtime::traits::StaticLookup>::Source;

// The code that the pallet macros generate calls `expect` (on the runtime's pallet names and
// on error encodings, with their proofs). The module's own code has no `expect`, and every
// other module of the crate keeps the lint.
#[frame_support::pallet]
#[allow(clippy::expect_used)]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_election_provider_support::{ElectionProvider, PageIndex, SortedListProvider};
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Balanced, BalancedHold, Credit, Mutate, MutateHold},
			EstimateNextNewSession, OnUnbalanced, UnixTime, ValidatorRegistration,
		},
		weights::WeightMeter,
	};
	use frame_system::pallet_prelude::*;
	use sp_runtime::{
		traits::{Saturating, StaticLookup, Zero},
		Perbill, Percent,
	};
	use sp_staking::{
		currency_to_vote::CurrencyToVote, EraIndex, Page, PagedExposureMetadata, SessionIndex,
		StakerStatus,
	};

	/// The in-code storage version.
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(4);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Default configurations of this pallet, for tests and runtimes alike.
	pub mod config_preludes {
		use super::*;
		use frame_support::{
			derive_impl,
			traits::{ConstBool, ConstU32},
		};
		use sp_runtime::Perquintill;

		/// A configuration for tests: short bonding, 16 nominations, 32 unlocking chunks,
		/// Polkadot.js Apps' default inflation curve, no commission limits, 10 % of an
		/// offender's own slash to its reporters, and slashes and reward remainders burned.
		pub struct TestDefaultConfig;

		frame_support::parameter_types! {
			/// The inflation curve Polkadot.js Apps assumes by default.
			pub const AppsInflationCurve: InflationCurve = InflationCurve {
				ideal_staking_rate: Perquintill::from_percent(50),
				// 2.5 %
				min_inflation: Perquintill::from_parts(25_000_000_000_000_000),
				max_inflation: Perquintill::from_percent(10),
				falloff: Perquintill::from_percent(5),
			};
			/// 10 %, `pallet-staking`'s reporters' share.
			pub const TenPercent: Perbill = Perbill::from_percent(10);
			/// 100 %: no limit.
			pub const Whole: Perbill = Perbill::one();
		}

		/// Two blocks, for any block number type.
		pub struct TwoBlocks;
		impl<BlockNumber: From<u32>> Get<BlockNumber> for TwoBlocks {
			fn get() -> BlockNumber {
				2u32.into()
			}
		}

		#[derive_impl(frame_system::config_preludes::TestDefaultConfig, no_aggregated_types)]
		impl frame_system::DefaultConfig for TestDefaultConfig {}

		#[frame_support::register_default_impl(TestDefaultConfig)]
		impl DefaultConfig for TestDefaultConfig {
			type CurrencyToVote = sp_staking::currency_to_vote::SaturatingCurrencyToVote;
			type BondingDuration = ConstU32<3>;
			type MaxNominations = ConstU32<16>;
			type MaxUnlockingChunks = ConstU32<32>;
			type HistoryDepth = ConstU32<84>;
			type SessionsPerEra = ConstU32<3>;
			type ElectionLead = ConstU32<1>;
			type ChargeElectionData = ConstBool<true>;
			type MaxValidatorSet = ConstU32<100>;
			type MaxValidatorCandidates = ConstU32<1_000>;
			type MaxExposurePageSize = ConstU32<64>;
			type SlashDeferDuration = ConstU32<1>;
			type MaxUnappliedSlashes = ConstU32<512>;
			type Slash = ();
			type SlashRewardFraction = TenPercent;
			type Inflation = AppsInflationCurve;
			type RewardRemainder = ();
			type AutoPayoutDelay = TwoBlocks;
			type MaxCommission = Whole;
			type MaxCommissionIncrease = Whole;
			type CommissionIncreaseDelay = ConstU32<1>;
			type EventListeners = ();
			type ListenerWeights = ();
			type VirtualStakeOwner = ();
			type WeightInfo = ();
		}
	}

	#[pallet::config(with_default)]
	pub trait Config: frame_system::Config {
		/// The staked currency. Bonded funds are held from it under [`HoldReason::Staking`].
		#[pallet::no_default]
		type Currency: Mutate<Self::AccountId>
			+ MutateHold<Self::AccountId, Reason: From<HoldReason>>
			+ Balanced<Self::AccountId>
			+ BalancedHold<Self::AccountId>;

		/// Converts a balance into the vote weight of elections.
		#[pallet::no_default_bounds]
		type CurrencyToVote: CurrencyToVote<BalanceOf<Self>>;

		/// The origin of every privileged call (configs, forced unstaking, …). In the runtime,
		/// governance holds it.
		#[pallet::no_default]
		type AdminOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The origin that may cancel a deferred slash
		/// ([`cancel_deferred_slash`](crate::Call::cancel_deferred_slash)). In the runtime,
		/// governance and a council majority hold it.
		#[pallet::no_default]
		type SlashCancelOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Eras that unbonded funds wait before they can be withdrawn.
		#[pallet::constant]
		type BondingDuration: Get<EraIndex>;

		/// The most validators one nominator may nominate.
		#[pallet::constant]
		type MaxNominations: Get<u32>;

		/// The most unbonding chunks a ledger may have at once (one per era).
		#[pallet::constant]
		type MaxUnlockingChunks: Get<u32>;

		/// How many eras of history (exposures, rewards, slashes) are kept. It also bounds the
		/// eras a validator's ledger lists as claimed: lowering it needs a migration that
		/// shortens those lists, or ledgers with longer ones no longer decode.
		#[pallet::constant]
		type HistoryDepth: Get<u32>;

		/// Sessions in an era. The validators change at most once per era.
		#[pallet::constant]
		type SessionsPerEra: Get<SessionIndex>;

		/// The most validators elected for one era.
		#[pallet::constant]
		type MaxValidatorSet: Get<u32>;

		/// The most validator candidates there can be, whatever
		/// [`MaxValidatorsCount`] allows. The election reads every
		/// candidate to give the election provider those with the most stake of their own (see
		/// [`frame_election_provider_support::ElectionDataProvider`]'s `electable_targets` here),
		/// so this bounds that step. Above the provider's target bound, so that a richer candidate
		/// can always take the place of a poorer one.
		#[pallet::constant]
		type MaxValidatorCandidates: Get<u32>;

		/// The most nominators in one page of a validator's exposure. Rewards are paid and
		/// slashes applied one page at a time.
		#[pallet::constant]
		type MaxExposurePageSize: Get<u32>;

		/// Elects each era's validators from the voters and candidates this pallet provides
		/// (its [`frame_election_provider_support::ElectionDataProvider`]). Results may come in
		/// several pages; the pallet fetches one per block.
		#[pallet::no_default]
		type ElectionProvider: ElectionProvider<
			AccountId = Self::AccountId,
			BlockNumber = BlockNumberFor<Self>,
			DataProvider = Pallet<Self>,
		>;

		/// Elects era 0's validators when the chain is built, at once: genesis has no blocks
		/// to spread [`Config::ElectionProvider`]'s work over (in the runtime, an on-chain
		/// election). Its result must fit within the bounds of `ElectionProvider`'s pages.
		#[pallet::no_default]
		type GenesisElectionProvider: ElectionProvider<
			AccountId = Self::AccountId,
			BlockNumber = BlockNumberFor<Self>,
			DataProvider = Pallet<Self>,
		>;

		/// Whether handing voters and candidates to the election provider (the
		/// [`frame_election_provider_support::ElectionDataProvider`] calls) charges its own
		/// weight to the block. `true` when the provider's weight leaves that work out, as
		/// `onchain::OnChainExecution`'s does; `false` with
		/// `pallet-election-provider-multi-block`, whose snapshot benchmarks run this pallet's
		/// functions (charging both counts the snapshot twice), provided they run them at their
		/// worst: the most candidates, and pages full of voters of the most votes. The pallet
		/// still charges what those benchmarks cannot have run: looking past stakers that
		/// stopped while the voter list was frozen, and a single-page read outside a snapshot.
		#[pallet::constant]
		type ChargeElectionData: Get<bool>;

		/// How many sessions before an era is due its election starts (at least 1, and less
		/// than [`SessionsPerEra`](crate::Config::SessionsPerEra) unless that is 1): enough for
		/// every phase of [`Config::ElectionProvider`] and the fetching of its pages. An election
		/// that takes longer postpones its era.
		#[pallet::constant]
		type ElectionLead: Get<SessionIndex>;

		/// Every nominator and validator, sorted by active bond (richest first) where the
		/// implementation sorts. The election snapshot takes voters in this order (each voter
		/// votes with its active bond, whatever its score). The pallet sets a voter's score to
		/// its active bond whenever the staker changes it or is slashed; a reward bonded by
		/// the payout leaves the score behind, for the list to catch up by its own rebagging:
		/// with `pallet-bags-list`, give `MaxAutoRebagPerBlock` a value above zero.
		#[pallet::no_default]
		type VoterList: SortedListProvider<Self::AccountId, Score = BalanceOf<Self>>;

		/// Tells whether a validator candidate has registered session keys (in the runtime,
		/// `pallet_session`). Candidates without keys are not elected: the session pallet could
		/// not make them authorities, and an era of them alone would leave no block producer.
		#[pallet::no_default]
		type SessionKeys: ValidatorRegistration<Self::AccountId>;

		/// Wall-clock time, to record when each era started.
		#[pallet::no_default]
		type UnixTime: UnixTime;

		/// Predicts when sessions change, to predict the next election.
		#[pallet::no_default]
		type NextNewSession: EstimateNextNewSession<BlockNumberFor<Self>>;

		/// The session pallet: its historical roots (offence proofs) are pruned as eras stop
		/// being bonded, and offenders are disabled through its disabling strategy.
		/// [`Session`] with `pallet_session` and its historical part.
		#[pallet::no_default]
		type SessionInterface: SessionInterface<Self::AccountId>;

		/// Eras a slash waits after its offence era before it is applied, so that
		/// [`Config::SlashCancelOrigin`] can cancel it: a slash for era `e` is applied once era
		/// `e + SlashDeferDuration` is active. Less than
		/// [`BondingDuration`](crate::Config::BondingDuration), so the slashed stake is still
		/// bonded; `0` applies slashes as soon as they are worked out.
		#[pallet::constant]
		type SlashDeferDuration: Get<EraIndex>;

		/// Receives slashed funds that are not paid to reporters (the treasury, in the
		/// runtime).
		#[pallet::no_default_bounds]
		type Slash: OnUnbalanced<Credit<Self::AccountId, Self::Currency>>;

		/// The share of what is slashed of an offender's *own* stake that the offence's
		/// reporters share (never of its nominators' stake, and never paid to the offender).
		/// Below 100 %, so an offender that reports itself through a friend still loses.
		/// Offences reported without a reporter pay it to [`Config::Slash`].
		#[pallet::constant]
		type SlashRewardFraction: Get<Perbill>;

		/// How many of an era's slash entries (pages of offenders' exposures) are kept in
		/// [`UnappliedSlashes`], the list Polkadot.js reads; further entries wait in
		/// [`UnappliedSlashOverflow`]. Every entry waits its deferral and can be cancelled.
		#[pallet::constant]
		type MaxUnappliedSlashes: Get<u32>;

		/// The NPoS inflation curve that sets each era's payout from the staking rate.
		#[pallet::constant]
		type Inflation: Get<InflationCurve>;

		/// Receives each era's remainder: what the curve's maximum inflation would pay beyond
		/// the stakers' payout (the treasury, in the runtime).
		#[pallet::no_default_bounds]
		type RewardRemainder: OnUnbalanced<Credit<Self::AccountId, Self::Currency>>;

		/// Blocks after an era ends before its automatic payout starts. Until then only the
		/// [`payout_stakers`](crate::Call::payout_stakers) calls pay its rewards.
		#[pallet::constant]
		#[pallet::no_default_bounds]
		type AutoPayoutDelay: Get<BlockNumberFor<Self>>;

		/// The highest commission a validator may set.
		#[pallet::constant]
		type MaxCommission: Get<Perbill>;

		/// The most one announcement may raise a validator's commission by.
		#[pallet::constant]
		type MaxCommissionIncrease: Get<Perbill>;

		/// Full eras of notice before an announced commission increase applies: it applies from
		/// the first era whose election starts after them (announced in era `a`, from era
		/// `a + delay + 2`; with `0`, from the first era whose election has not started).
		#[pallet::constant]
		type CommissionIncreaseDelay: Get<EraIndex>;

		/// Told of every change to a staker's stake and intent (see
		/// [`sp_staking::OnStakingUpdate`]): bonds, unbonds and withdrawals (also the implicit
		/// withdrawal inside [`unbond`](crate::Call::unbond) and the release when a staker is
		/// removed), slashes (with the staker's active bond and each slashed unlocking chunk
		/// *after* the slash), nominations, validator intents and removals. Pallets that stake
		/// through this one (nomination pools, delegated staking) keep their accounting with it.
		#[pallet::no_default_bounds]
		type EventListeners: sp_staking::OnStakingUpdate<Self::AccountId, BalanceOf<Self>>;

		/// The most [`Config::EventListeners`] weigh for one staker's slash or withdrawal, added
		/// to the weight of each call and hook step that reports them.
		type ListenerWeights: ListenerWeights;

		/// The pallet that holds virtual stakers' funds (see [`VirtualStakers`]), for
		/// `do_try_state` to check each one's stake against: [`DelegatedFunds`] over
		/// `pallet-delegated-staking` in the runtime, `()` on a chain without virtual stakers.
		#[pallet::no_default_bounds]
		type VirtualStakeOwner: VirtualStakeOwner<Self::AccountId, BalanceOf<Self>>;

		/// Weights of this pallet's calls, generated by its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Funds bonded for staking.
		#[codec(index = 0)]
		Staking,
	}

	/// The account controlling each bonded stash. In Palisade it is always the stash itself;
	/// the map is kept for Polkadot.js, which reads it to find a stash's ledger.
	#[pallet::storage]
	pub type Bonded<T: Config> = StorageMap<_, Twox64Concat, T::AccountId, T::AccountId>;

	/// The bonded funds of each staker.
	#[pallet::storage]
	pub type Ledger<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, StakingLedger<T>>;

	/// Where each staker's rewards are paid.
	#[pallet::storage]
	pub type Payee<T: Config> =
		StorageMap<_, Twox64Concat, T::AccountId, RewardDestination<T::AccountId>, OptionQuery>;

	/// Stakers whose funds another pallet holds (delegated staking, for nomination pools):
	/// keyless accounts bonded through [`sp_staking::StakingUnchecked::virtual_bond`]. This
	/// pallet keeps their ledgers but never holds, releases or slashes their currency: it tells
	/// [`Config::EventListeners`] instead. Named as `pallet-staking` names it.
	#[pallet::storage]
	pub type VirtualStakers<T: Config> = CountedStorageMap<_, Twox64Concat, T::AccountId, ()>;

	/// The validator candidates and their preferences.
	#[pallet::storage]
	pub type Validators<T: Config> =
		CountedStorageMap<_, Twox64Concat, T::AccountId, ValidatorPrefs, ValueQuery>;

	/// The nominators and whom they nominate.
	#[pallet::storage]
	pub type Nominators<T: Config> =
		CountedStorageMap<_, Twox64Concat, T::AccountId, Nominations<T>>;

	/// The least active bond a nominator must keep.
	#[pallet::storage]
	pub type MinNominatorBond<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	/// The least active bond a validator must keep.
	#[pallet::storage]
	pub type MinValidatorBond<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	/// The least commission a validator may set.
	#[pallet::storage]
	pub type MinCommission<T: Config> = StorageValue<_, Perbill, ValueQuery>;

	/// The most nominators there may be; unlimited if unset.
	#[pallet::storage]
	pub type MaxNominatorsCount<T: Config> = StorageValue<_, u32, OptionQuery>;

	/// The most validator candidates there may be; unlimited if unset.
	#[pallet::storage]
	pub type MaxValidatorsCount<T: Config> = StorageValue<_, u32, OptionQuery>;

	/// How full the nominator or validator set must be (of its maximum) before anyone may chill
	/// a staker whose bond is below the minimum. [`chill_other`](crate::Call::chill_other) is
	/// closed if unset.
	#[pallet::storage]
	pub type ChillThreshold<T: Config> = StorageValue<_, Percent, OptionQuery>;

	/// The number of validators to elect each era.
	#[pallet::storage]
	pub type ValidatorCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The era being planned or, once it starts, the active one. Unbonding counts from it.
	#[pallet::storage]
	pub type CurrentEra<T: Config> = StorageValue<_, EraIndex, OptionQuery>;

	/// The era whose validators are validating now, and when it started.
	#[pallet::storage]
	pub type ActiveEra<T: Config> = StorageValue<_, ActiveEraInfo, OptionQuery>;

	/// The session at which each era of the history starts (or is planned to start).
	#[pallet::storage]
	pub type ErasStartSessionIndex<T: Config> =
		StorageMap<_, Twox64Concat, EraIndex, SessionIndex, OptionQuery>;

	/// The latest session whose validators have been planned.
	#[pallet::storage]
	pub type CurrentPlannedSession<T: Config> = StorageValue<_, SessionIndex, ValueQuery>;

	/// The eras whose stakers can still be slashed (the last
	/// [`BondingDuration`](crate::Config::BondingDuration) eras and the active one), each with its
	/// first session.
	#[pallet::storage]
	pub type BondedEras<T: Config> =
		StorageValue<_, BoundedVec<(EraIndex, SessionIndex), BondedErasBound<T>>, ValueQuery>;

	/// The stake backing each elected validator in an era: totals and number of pages.
	#[pallet::storage]
	pub type ErasStakersOverview<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		EraIndex,
		Twox64Concat,
		T::AccountId,
		PagedExposureMetadata<BalanceOf<T>>,
		OptionQuery,
	>;

	/// The nominators backing each elected validator in an era, by page of at most
	/// [`MaxExposurePageSize`](crate::Config::MaxExposurePageSize).
	#[pallet::storage]
	pub type ErasStakersPaged<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, EraIndex>,
			NMapKey<Twox64Concat, T::AccountId>,
			NMapKey<Twox64Concat, Page>,
		),
		BoundedExposurePage<T>,
		OptionQuery,
	>;

	/// Each elected validator's preferences, as they were when it was elected.
	#[pallet::storage]
	pub type ErasValidatorPrefs<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		EraIndex,
		Twox64Concat,
		T::AccountId,
		ValidatorPrefs,
		ValueQuery,
	>;

	/// The total stake backing the elected validators of an era.
	#[pallet::storage]
	pub type ErasTotalStake<T: Config> =
		StorageMap<_, Twox64Concat, EraIndex, BalanceOf<T>, ValueQuery>;

	/// The reward points validators earned in an era.
	#[pallet::storage]
	pub type ErasRewardPoints<T: Config> =
		StorageMap<_, Twox64Concat, EraIndex, EraRewardPoints<T>, ValueQuery>;

	/// Whether eras change on schedule or are forced.
	#[pallet::storage]
	pub type ForceEra<T: Config> = StorageValue<_, Forcing, ValueQuery>;

	/// The fewest validators an election must elect; with fewer, the current ones stay.
	#[pallet::storage]
	pub type MinimumValidatorCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Where the election of the next era's validators is.
	#[pallet::storage]
	pub type NextEraElection<T: Config> = StorageValue<_, ElectionPhase, ValueQuery>;

	/// The validators elected so far for the era being elected.
	#[pallet::storage]
	pub type ElectedStashes<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidatorSet>, ValueQuery>;

	/// How far the voter snapshot of the running election has gone.
	#[pallet::storage]
	pub type VoterSnapshot<T: Config> = StorageValue<_, VoterSnapshotStatus<T>, ValueQuery>;

	/// The smallest active bond of a nominator in the last voter snapshot taken: the snapshot
	/// takes voters richest first, up to the election's bound, so a nominator with less may
	/// have been left out of that election and earn nothing in its era. Zero before the first
	/// snapshot, and after one that held no nominator. Wallets show it as the minimum active
	/// stake to earn rewards. Named and typed as in `pallet-staking`.
	#[pallet::storage]
	pub type MinimumActiveStake<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	/// The smallest active bond of a nominator in the pages of the running voter snapshot so
	/// far. It becomes [`MinimumActiveStake`] when the snapshot ends.
	#[pallet::storage]
	pub type SnapshotMinimumActiveStake<T: Config> = StorageValue<_, BalanceOf<T>, OptionQuery>;

	/// Stakers whose place in the voter list changed (bond, intent, removal) while a voter
	/// snapshot froze the list: each is brought up to date once the snapshot is done.
	#[pallet::storage]
	pub type DeferredVoterUpdates<T: Config> = CountedStorageMap<_, Twox64Concat, T::AccountId, ()>;

	/// The latest era in which each staker's stake was exposed (backing an elected validator).
	/// Unbonded funds stay held until [`BondingDuration`](crate::Config::BondingDuration) eras
	/// after it.
	#[pallet::storage]
	pub type LastExposedEra<T: Config> = StorageMap<_, Twox64Concat, T::AccountId, EraIndex>;

	/// Stakers that stored election pages exposed, in chunks of at most
	/// [`EXPOSURE_RECORD_CHUNK`], waiting to be written to [`LastExposedEra`] a few chunks per
	/// block. Keyed by place in [`UnrecordedExposureQueue`]; each chunk carries its era.
	#[pallet::storage]
	pub type UnrecordedExposures<T: Config> =
		StorageMap<_, Twox64Concat, u32, (EraIndex, ExposedChunk<T>)>;

	/// Which chunks of [`UnrecordedExposures`] are waiting.
	#[pallet::storage]
	pub type UnrecordedExposureQueue<T: Config> = StorageValue<_, ChunkQueue, ValueQuery>;

	/// Announced commission increases, each with the first era it applies to.
	#[pallet::storage]
	pub type PendingCommission<T: Config> =
		StorageMap<_, Twox64Concat, T::AccountId, PendingCommissionIncrease>;

	/// The commission of validators that stopped validating: the base of their next
	/// [`validate`](crate::Call::validate), so that chilling does not skip the notice of an
	/// increase.
	#[pallet::storage]
	pub type ChilledCommission<T: Config> = StorageMap<_, Twox64Concat, T::AccountId, Perbill>;

	/// What stakers receive of each era's payout, set when the era ends.
	#[pallet::storage]
	pub type ErasValidatorReward<T: Config> = StorageMap<_, Twox64Concat, EraIndex, BalanceOf<T>>;

	/// How much of each era's reward has been paid out or forfeited (payee `None`, a staker
	/// gone with its account, a credit the account could not take). Never more than
	/// [`ErasValidatorReward`]. No runtime logic reads it: it is the paid side of
	/// `do_try_state`'s reward conservation check, which without it could catch neither a
	/// double payment nor a lost reward (events cannot rebuild it: forfeits emit none). One
	/// write per payout step, pruned with its era.
	#[pallet::storage]
	pub type ErasRewardPaid<T: Config> =
		StorageMap<_, Twox64Concat, EraIndex, BalanceOf<T>, ValueQuery>;

	/// The pages of each validator's exposure whose rewards were paid, as `pallet-staking`
	/// stores them. Every page is listed once the era's automatic payout is done.
	#[pallet::storage]
	pub type ClaimedRewards<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		EraIndex,
		Twox64Concat,
		T::AccountId,
		ClaimedPages<T>,
		ValueQuery,
	>;

	/// What each staker backed in an era before [`PagedPayoutsFrom`] and has not been paid
	/// for yet (storage version 2 recorded it for every era; later eras are paid from their
	/// exposure pages alone). Removed as the staker is paid.
	#[pallet::storage]
	pub type ErasUnpaidBackings<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		EraIndex,
		Twox64Concat,
		T::AccountId,
		UnpaidBackings<T>,
		OptionQuery,
	>;

	/// Ended eras whose automatic payout is not done, oldest first, each with the block from
	/// which it may start.
	#[pallet::storage]
	pub type UnpaidEras<T: Config> =
		StorageValue<_, BoundedVec<(EraIndex, BlockNumberFor<T>), UnpaidErasBound<T>>, ValueQuery>;

	/// Where the automatic payout of the oldest unpaid era is; `None` before its first page.
	#[pallet::storage]
	pub type AutoPayout<T: Config> = StorageValue<_, PayoutCursor<T>, OptionQuery>;

	/// The first era paid from its exposure pages alone: a page paid (automatically or by
	/// [`payout_stakers_by_page`](crate::Call::payout_stakers_by_page)) pays every staker on it.
	/// Older eras, recorded by storage version 2, pay only what [`ErasUnpaidBackings`] still holds.
	/// Zero on a chain that started at version 3.
	#[pallet::storage]
	pub type PagedPayoutsFrom<T: Config> = StorageValue<_, EraIndex, ValueQuery>;

	/// The highest share of each validator's exposure slashed for an offence in an era, and
	/// what has been slashed of its own stake so far, as `pallet-staking` stores it.
	#[pallet::storage]
	pub type ValidatorSlashInEra<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		EraIndex,
		Twox64Concat,
		T::AccountId,
		(Perbill, BalanceOf<T>),
	>;

	/// What each nominator has been slashed for offences in an era, over every offender it
	/// backed.
	#[pallet::storage]
	pub type NominatorSlashInEra<T: Config> =
		StorageDoubleMap<_, Twox64Concat, EraIndex, Twox64Concat, T::AccountId, BalanceOf<T>>;

	/// `pallet-staking`'s slashing spans of each stash. **Never written: Palisade keeps no
	/// spans.** `pallet-staking` groups a stash's slashes into spans, so that only the largest
	/// slash within a span counts; Palisade counts the largest fraction reported per era
	/// instead ([`ValidatorSlashInEra`], [`NominatorSlashInEra`]), and its
	/// [`withdraw_unbonded`](crate::Call::withdraw_unbonded) ignores `num_slashing_spans`. The map
	/// is declared, with `pallet-staking`'s key and value types, so that clients that read it
	/// (Sidecar's `staking-info`, Polkadot.js Apps' withdraw) get the true answer for every stash:
	/// no spans.
	#[pallet::storage]
	#[pallet::unbounded]
	pub type SlashingSpans<T: Config> =
		StorageMap<_, Twox64Concat, T::AccountId, SlashingSpanHistory>;

	/// The slashes waiting to be applied, by the era they are due in (their offence era plus
	/// [`SlashDeferDuration`](crate::Config::SlashDeferDuration)), one entry per page of an
	/// offender's exposure: the first [`MaxUnappliedSlashes`](crate::Config::MaxUnappliedSlashes)
	/// entries of each era's list, in `pallet-staking`'s shape (Polkadot.js Apps' Slashes tab and
	/// Sidecar read it). The list goes on in [`UnappliedSlashOverflow`], so any number of slashes
	/// can wait. [`SlashCancelOrigin`](crate::Config::SlashCancelOrigin) cancels them by their
	/// place in the list.
	#[pallet::storage]
	pub type UnappliedSlashes<T: Config> = StorageMap<
		_,
		Twox64Concat,
		EraIndex,
		BoundedVec<UnappliedSlash<T>, T::MaxUnappliedSlashes>,
		ValueQuery,
	>;

	/// The entries of an era's list of unapplied slashes beyond those in
	/// [`UnappliedSlashes`]: entry `n` here is at place `UnappliedSlashes(era).len() + n` of
	/// the list. Keys run from 0 to [`UnappliedSlashOverflowCount`] without gaps.
	#[pallet::storage]
	pub type UnappliedSlashOverflow<T: Config> =
		StorageDoubleMap<_, Twox64Concat, EraIndex, Twox64Concat, u32, UnappliedSlash<T>>;

	/// How many entries each era has in [`UnappliedSlashOverflow`].
	#[pallet::storage]
	pub type UnappliedSlashOverflowCount<T: Config> =
		StorageMap<_, Twox64Concat, EraIndex, u32, ValueQuery>;

	/// The latest era in which an unapplied slash naming the staker (as the offender, or as a
	/// nominator of one) is due. Such a staker waits for the slashes due up to that era before
	/// it withdraws; other stakers do not wait.
	#[pallet::storage]
	pub type StakerSlashDue<T: Config> = StorageMap<_, Twox64Concat, T::AccountId, EraIndex>;

	/// The eras that have unapplied slashes, in ascending order.
	#[pallet::storage]
	pub type UnappliedSlashEras<T: Config> =
		StorageValue<_, BoundedVec<EraIndex, SlashErasBound<T>>, ValueQuery>;

	/// Reported offences whose slashes are being worked out, one exposure page per step.
	/// Keyed by place in [`SlashComputationQueue`].
	#[pallet::storage]
	pub type SlashComputations<T: Config> = StorageMap<_, Twox64Concat, u32, SlashComputation<T>>;

	/// Which entries of [`SlashComputations`] are waiting.
	#[pallet::storage]
	pub type SlashComputationQueue<T: Config> = StorageValue<_, ChunkQueue, ValueQuery>;

	/// The oldest era whose history is still stored; older eras have been removed.
	#[pallet::storage]
	pub type OldestUnprunedEra<T: Config> = StorageValue<_, EraIndex, ValueQuery>;

	/// How far the listing of claimed eras in validators' ledgers, which storage version 4
	/// started, has gone (see [`claimed_eras_backfill`]). Absent once done, and on chains that
	/// started at version 4 or later.
	#[pallet::storage]
	pub type ClaimedErasBackfill<T: Config> =
		StorageValue<_, ClaimedErasCursor<T::AccountId>, OptionQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Accounts bonded at genesis: each bonds the amount (rewards `Staked`) and validates
		/// (with default preferences), nominates, or stays idle.
		pub stakers: Vec<GenesisStaker<T>>,
		/// The number of validators to elect each era.
		pub validator_count: u32,
		/// The least active bond of a nominator.
		pub min_nominator_bond: BalanceOf<T>,
		/// The least active bond of a validator.
		pub min_validator_bond: BalanceOf<T>,
		/// The most nominators; unlimited if `None`.
		pub max_nominator_count: Option<u32>,
		/// The most validator candidates; unlimited if `None`.
		pub max_validator_count: Option<u32>,
		/// The fewest validators an election must elect.
		pub minimum_validator_count: u32,
		/// Whether eras change on schedule or are forced.
		pub force_era: Forcing,
		/// Nominators to generate after `stakers`, for benchmarks and load tests: `(count,
		/// bond, among)`, nominating among the `among` validators with the most stake of their
		/// own; see [`generated_nominator`] for their accounts.
		pub generated_nominators: Option<(u32, BalanceOf<T>, u32)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(
				self.validator_count <= T::MaxValidatorSet::get(),
				"genesis validator_count exceeds MaxValidatorSet",
			);
			ValidatorCount::<T>::put(self.validator_count);
			MinimumValidatorCount::<T>::put(self.minimum_validator_count);
			ForceEra::<T>::put(self.force_era);
			MinNominatorBond::<T>::put(self.min_nominator_bond);
			MinValidatorBond::<T>::put(self.min_validator_bond);
			MaxNominatorsCount::<T>::set(self.max_nominator_count);
			MaxValidatorsCount::<T>::set(self.max_validator_count);
			// A genesis that cannot be built must not start a chain: failing loudly is right.
			// Validators first, so that nominators find their targets.
			let (nominators, others): (Vec<_>, Vec<_>) = self
				.stakers
				.iter()
				.partition(|(_, _, status)| matches!(status, StakerStatus::Nominator(_)));
			for (stash, value, status) in others.into_iter().chain(nominators) {
				assert!(
					Pallet::<T>::stakeable_balance(stash) >= *value,
					"genesis staker {stash:?} cannot bond {value:?}: not enough free balance",
				);
				let result = Pallet::<T>::do_bond(stash.clone(), *value, RewardDestination::Staked)
					.and_then(|()| match status {
						StakerStatus::Idle => Ok(()),
						StakerStatus::Validator => {
							Pallet::<T>::do_validate(stash.clone(), ValidatorPrefs::default())
						},
						StakerStatus::Nominator(targets) => {
							Pallet::<T>::do_nominate(stash.clone(), targets.clone())
						},
					});
				// Proof: genesis is built off-chain, before any block exists, and only from a chain
				// spec; refusing an invalid spec is the only safe outcome, and no block execution
				// ever reaches this line; qed.
				if let Err(error) = result {
					panic!("genesis staker {stash:?} ({status:?}) is invalid: {error:?}");
				}
			}
			if let Some((count, bond, among)) = self.generated_nominators {
				Pallet::<T>::generate_genesis_nominators(count, bond, among);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `stash` bonded `amount` more: a first bond, an extra one, or a rebond.
		Bonded { stash: T::AccountId, amount: BalanceOf<T> },
		/// `stash` started unbonding `amount`.
		Unbonded { stash: T::AccountId, amount: BalanceOf<T> },
		/// `amount` of `stash`'s unbonded funds were released to its free balance.
		Withdrawn { stash: T::AccountId, amount: BalanceOf<T> },
		/// `stash` stopped validating or nominating.
		Chilled { stash: T::AccountId },
		/// `stash` is a validator candidate with these preferences.
		ValidatorPrefsSet { stash: T::AccountId, prefs: ValidatorPrefs },
		/// `stash` nominated `targets`.
		Nominated { stash: T::AccountId, targets: Vec<T::AccountId> },
		/// Validator `stash` removed `nominator` from its nominators.
		Kicked { nominator: T::AccountId, stash: T::AccountId },
		/// `stash`'s rewards now go to `payee`.
		PayeeSet { stash: T::AccountId, payee: RewardDestination<T::AccountId> },
		/// `stash` was removed from staking and all its bonded funds released.
		StakerRemoved { stash: T::AccountId },
		/// `validators` validators were elected for `era`; they take over at its first session.
		StakersElected { era: EraIndex, validators: u32 },
		/// The election for `era` failed for `reason`; the current validators stay and the
		/// election is tried again at a later session.
		ElectionFailed { era: EraIndex, reason: ElectionFailure },
		/// Era `era` started: its elected validators are validating.
		EraStarted { era: EraIndex },
		/// Eras now change as `mode` says.
		ForceEra { mode: Forcing },
		/// Era `era_index` ended: its stakers share `validator_payout`, and `remainder` went to
		/// the runtime's `RewardRemainder`.
		EraPaid { era_index: EraIndex, validator_payout: BalanceOf<T>, remainder: BalanceOf<T> },
		/// `stash` was paid `amount` of era rewards, to `dest`.
		Rewarded {
			stash: T::AccountId,
			dest: RewardDestination<T::AccountId>,
			amount: BalanceOf<T>,
		},
		/// Page `page` of `validator_stash`'s exposure in `era_index` is being paid; `next` is
		/// a page still unpaid, if any.
		PayoutStarted {
			era_index: EraIndex,
			validator_stash: T::AccountId,
			page: Page,
			next: Option<Page>,
		},
		/// Every staker of `era` has been paid.
		EraRewardsPaid { era: EraIndex },
		/// Validator `stash` will take `commission` from era `effective_era` on; until then
		/// its commission stays as it is.
		CommissionIncreaseAnnounced {
			stash: T::AccountId,
			commission: Perbill,
			effective_era: EraIndex,
		},
		/// `validator` committed an offence in `offence_era` for which `fraction` of its
		/// exposure in that era (its own stake and its nominators') is to be slashed. Within an
		/// era only the highest fraction reported counts.
		SlashReported { validator: T::AccountId, fraction: Perbill, offence_era: EraIndex },
		/// `staker` lost `amount` of its bond to a slash.
		Slashed { staker: T::AccountId, amount: BalanceOf<T> },
		/// [`Config::SlashCancelOrigin`] cancelled a slash of `validator`'s exposure for an
		/// offence in `offence_era`.
		SlashCancelled { offence_era: EraIndex, validator: T::AccountId },
		/// Validator `stash` committed an offence in the active era and stops validating until
		/// the era ends.
		ValidatorDisabled { stash: T::AccountId },
		/// The election of `era` had not finished when the era was due: the era now starts at
		/// session `start`, and the current validators go on until then.
		ElectionDelayed { era: EraIndex, start: SessionIndex },
		/// The election provider gave no result for page `page` of `era`'s election (e.g. no
		/// solution covered it): that page's voters back nobody this era.
		ElectionPageMissing { era: EraIndex, page: PageIndex },
		/// The pallet met a state its own logic rules out, and handled it without panicking
		/// (see [`UnexpectedKind`]). Please report it: it is a bug.
		Unexpected { kind: UnexpectedKind },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already bonded. Use [`bond_extra`](crate::Call::bond_extra) to add to its
		/// bond.
		AlreadyBonded,
		/// The account is not bonded. Use [`bond`](crate::Call::bond) first.
		NotStash,
		/// The active bond is, or would be, below the minimum bond of the staker's role
		/// ([`MinNominatorBond`], [`MinValidatorBond`]). Bond more, or chill before unbonding
		/// below the minimum.
		InsufficientBond,
		/// The amount asked for is zero.
		ZeroAmount,
		/// The amount to unbond is more than the active bond.
		InsufficientActiveBond,
		/// All unlocking chunks are in use and none has matured: wait for one to mature.
		NoMoreChunks,
		/// Nothing is unbonding, so nothing can be rebonded.
		NoUnlockChunk,
		/// No unbonding funds have matured yet: they can be withdrawn
		/// [`BondingDuration`](crate::Config::BondingDuration) eras after they were unbonded.
		NothingToWithdraw,
		/// A nomination must name at least one validator.
		EmptyTargets,
		/// A nomination may name at most [`MaxNominations`](crate::Config::MaxNominations)
		/// validators.
		TooManyTargets,
		/// A target is not a validator candidate, is the nominator itself, or is blocked and
		/// was not already nominated by this nominator.
		BadTarget,
		/// The commission is below [`MinCommission`].
		CommissionTooLow,
		/// The chain has [`MaxValidatorsCount`] (or
		/// [`MaxValidatorCandidates`](crate::Config::MaxValidatorCandidates)) validator candidates
		/// already.
		TooManyValidators,
		/// The chain has [`MaxNominatorsCount`] nominators already.
		TooManyNominators,
		/// The account is not a validator candidate.
		NotValidator,
		/// The staker may not be chilled by others: its bond meets the minimum, or the
		/// nominator or validator set is not yet [`ChillThreshold`] full of
		/// its maximum.
		CannotChillOther,
		/// The staker still has at least the existential deposit bonded: it can only leave by
		/// unbonding and withdrawing.
		FundedTarget,
		/// The validator count would exceed [`MaxValidatorSet`](crate::Config::MaxValidatorSet), or
		/// overflow.
		TooManyElected,
		/// The era has no rewards to pay: it has not ended, or it is older than
		/// [`HistoryDepth`](crate::Config::HistoryDepth) eras.
		InvalidEraToReward,
		/// The validator was not elected in the era, or has no such exposure page.
		InvalidPage,
		/// The page's rewards were paid already.
		AlreadyClaimed,
		/// The era's exposures are still being recorded (an era recorded before storage version
		/// 3, whose rewards are paid from those records); try again in a few blocks.
		RewardsNotReady,
		/// The commission is above [`MaxCommission`](crate::Config::MaxCommission).
		CommissionTooHigh,
		/// The commission would rise by more than
		/// [`MaxCommissionIncrease`](crate::Config::MaxCommissionIncrease) at once.
		CommissionIncreaseTooLarge,
		/// The era's stakers can no longer be slashed (it is older than
		/// [`BondingDuration`](crate::Config::BondingDuration) eras) or it has not started.
		EraNotSlashable,
		/// The validator was not elected in the era.
		NotElected,
		/// The slash indices are not in ascending order, or repeat.
		NotSortedAndUnique,
		/// A slash index is beyond the era's unapplied slashes.
		InvalidSlashIndex,
		/// The era has no slash waiting to be applied.
		NoUnappliedSlash,
		/// The era's slashes are not due yet: they can still be cancelled.
		SlashNotDue,
		/// A slash that may take from this staker is being worked out or waits to be applied:
		/// its funds can be withdrawn once it is applied or cancelled.
		SlashesPending,
		/// A virtual staker's rewards must go to another account (`Account`, not itself), since
		/// its funds are held by the pallet that bonded it.
		RewardDestinationRestricted,
		/// Not possible for a virtual staker: the pallet that bonded it manages its funds.
		VirtualStakerNotAllowed,
		/// The active bond would be below the existential deposit: bond at least that much, or
		/// rebond more.
		BelowExistentialDeposit,
		/// The account cannot spare enough free balance and stay alive: less than the existential
		/// deposit for a first bond, nothing for [`bond_extra`](crate::Call::bond_extra). Free
		/// balance that is on hold or frozen, or that keeps the account alive, cannot be bonded.
		NotEnoughFreeBalance,
		/// A cancellation must name at least one slash.
		NoSlashIndices,
		/// One call may cancel at most [`MaxUnappliedSlashes`](crate::Config::MaxUnappliedSlashes)
		/// slashes.
		TooManySlashIndices,
		/// A manual slash must slash a nonzero fraction.
		ZeroSlashFraction,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Works out and applies slashes; fetches the next page of a running election, or
		/// clears a failed one; then, with what the election's page left of the hook's share,
		/// brings voters up to date whose changes a snapshot deferred, records exposed stakers
		/// and pays ended eras' rewards.
		fn on_initialize(now: BlockNumberFor<T>) -> Weight {
			let mut meter = WeightMeter::with_limit(Self::hook_weight_limit());
			Self::process_slashes(&mut meter);
			let fetched = Self::progress_election(&mut meter);
			// What the election's page left of the share; the page counts in full regardless.
			let mut rest = WeightMeter::with_limit(meter.remaining().saturating_sub(fetched));
			Self::apply_deferred_voter_updates(&mut rest);
			Self::record_exposures(&mut rest);
			Self::pay_out_eras(now, &mut rest);
			// `on_finalize` reads the active era, and writes it in an era's first block.
			let era_start = match ActiveEra::<T>::get() {
				Some(ActiveEraInfo { start: None, .. }) => T::DbWeight::get().reads_writes(1, 1),
				_ => T::DbWeight::get().reads(1),
			};
			meter
				.consumed()
				.saturating_add(rest.consumed())
				.saturating_add(fetched)
				.saturating_add(era_start)
				.saturating_add(T::DbWeight::get().reads(6))
		}

		/// Records when the active era started, once its first block has a timestamp.
		fn on_finalize(_now: BlockNumberFor<T>) {
			Self::note_era_start_time();
		}

		/// Removes history older than [`HistoryDepth`](crate::Config::HistoryDepth) eras, then
		/// moves the backfill of claimed eras that storage version 4 started, within the block's
		/// spare weight.
		fn on_idle(_now: BlockNumberFor<T>, remaining: Weight) -> Weight {
			let mut meter = WeightMeter::with_limit(remaining);
			Self::prune_history(&mut meter);
			Self::backfill_claimed_eras(&mut meter);
			meter.consumed()
		}

		fn integrity_test() {
			// Unmatured chunks unlock in at most `BondingDuration` distinct eras, so with more
			// chunks than that, `unbond` always finds room once matured chunks are withdrawn.
			assert!(
				T::MaxUnlockingChunks::get() > T::BondingDuration::get(),
				"MaxUnlockingChunks must exceed BondingDuration"
			);
			assert!(T::MaxNominations::get() > 0, "MaxNominations must be at least 1");
			// An era can be slashed until `BondingDuration` eras have passed; its exposures must
			// still be there to work the slash out.
			assert!(
				T::HistoryDepth::get() >= T::BondingDuration::get().max(1),
				"HistoryDepth must be at least BondingDuration, and 1"
			);
			assert!(T::SessionsPerEra::get() > 0, "SessionsPerEra must be at least 1");
			assert!(
				(1..=Self::max_election_lead()).contains(&T::ElectionLead::get()),
				"ElectionLead must be at least 1, and less than SessionsPerEra unless that is 1"
			);
			assert!(T::MaxExposurePageSize::get() > 0, "MaxExposurePageSize must be at least 1");
			assert!(
				<T::ElectionProvider as ElectionProvider>::MaxWinnersPerPage::get()
					<= T::MaxValidatorSet::get(),
				"the election provider may elect more validators than MaxValidatorSet"
			);
			let hook_limit = Self::hook_weight_limit();
			assert!(
				T::WeightInfo::record_exposures(EXPOSURE_RECORD_CHUNK).all_lte(hook_limit),
				"a chunk of exposed stakers must fit in on_initialize's share of a block"
			);
			assert!(
				T::WeightInfo::read_payout_page()
					.saturating_add(T::WeightInfo::pay_page_staker())
					.saturating_add(T::DbWeight::get().reads_writes(8, 2))
					.all_lte(hook_limit),
				"paying one staker of a page must fit in on_initialize's share of a block"
			);
			let era_length = T::NextNewSession::average_session_length()
				.saturating_mul(T::SessionsPerEra::get().into());
			assert!(
				T::AutoPayoutDelay::get() < era_length,
				"AutoPayoutDelay must be shorter than an era, or unpaid eras pile up"
			);
			assert!(
				T::MaxCommissionIncrease::get() <= T::MaxCommission::get(),
				"MaxCommissionIncrease must not exceed MaxCommission"
			);
			assert!(
				T::HistoryDepth::get() >= T::BondingDuration::get(),
				"HistoryDepth must cover BondingDuration: slashes need the exposures"
			);
			assert!(
				T::SlashDeferDuration::get() < T::BondingDuration::get(),
				"SlashDeferDuration must be less than BondingDuration, or slashed stake could \
				 be withdrawn before its slash is applied"
			);
			assert!(
				Self::max_slash_step().all_lte(hook_limit),
				"working out a page of slashes must fit in on_initialize's share of a block"
			);
			assert!(
				Self::apply_slash_step(1).all_lte(hook_limit),
				"slashing one nominator must fit in on_initialize's share of a block"
			);
			assert!(T::MaxUnappliedSlashes::get() > 0, "MaxUnappliedSlashes must be at least 1");
			assert!(
				T::SlashRewardFraction::get() < Perbill::one(),
				"SlashRewardFraction must be below 100 %, or an offender reporting itself through \
				 a friend would lose nothing"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	/// The calls, in the order of their indices. The indices are `pallet-staking`'s where the
	/// call is the same, so that wallets and Polkadot.js work unchanged; the gaps are its calls
	/// that Palisade has no use for (e.g. 8 `set_controller`, 14 `set_invulnerables`). Weights
	/// are [`WeightInfo`]'s function of the call's name unless a call names its own.
	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		// ---- Bonding, intents and where rewards go ----

		/// Bond `value` of the caller's free balance and become a staker.
		///
		/// ## Dispatch Origin
		/// Signed by the account that stakes; it also controls the stake.
		///
		/// ## Details
		/// Holds `value` (capped at the free balance the account can spare while staying alive)
		/// and records where rewards go (`payee`).
		///
		/// Errors: [`AlreadyBonded`](crate::Error::AlreadyBonded) if the account is bonded;
		/// [`ZeroAmount`](crate::Error::ZeroAmount);
		/// [`BelowExistentialDeposit`](crate::Error::BelowExistentialDeposit) if `value` is below
		/// the existential deposit; [`NotEnoughFreeBalance`](crate::Error::NotEnoughFreeBalance)
		/// if the account can spare less than that.
		///
		/// Emits [`Bonded`](crate::Event::Bonded).
		#[pallet::call_index(0)]
		pub fn bond(
			origin: OriginFor<T>,
			#[pallet::compact] value: BalanceOf<T>,
			payee: RewardDestination<T::AccountId>,
		) -> DispatchResult {
			let stash = ensure_signed(origin)?;
			Self::do_bond(stash, value, payee)
		}

		/// Add up to `max_additional` of the caller's free balance to its active bond.
		///
		/// ## Dispatch Origin
		/// Signed by a bonded account.
		///
		/// ## Details
		/// Bonds `max_additional`, or the free balance the account can spare if that is less.
		///
		/// Errors: [`NotStash`](crate::Error::NotStash) if the account is not bonded;
		/// [`ZeroAmount`](crate::Error::ZeroAmount);
		/// [`NotEnoughFreeBalance`](crate::Error::NotEnoughFreeBalance) if nothing can be added.
		///
		/// Emits [`Bonded`](crate::Event::Bonded).
		#[pallet::call_index(1)]
		pub fn bond_extra(
			origin: OriginFor<T>,
			#[pallet::compact] max_additional: BalanceOf<T>,
		) -> DispatchResult {
			let stash = ensure_signed(origin)?;
			Self::do_bond_extra(stash, max_additional).map(|_| ())
		}

		/// Start unbonding `value` of the caller's active bond.
		///
		/// ## Dispatch Origin
		/// Signed by a bonded account.
		///
		/// ## Details
		/// The funds stay held (and slashable) until
		/// [`BondingDuration`](crate::Config::BondingDuration) eras after the last era the caller's
		/// stake was exposed in, then [`withdraw_unbonded`](crate::Call::withdraw_unbonded)
		/// releases them. Stake not exposed in the last
		/// [`BondingDuration`](crate::Config::BondingDuration) eras can be withdrawn at once,
		/// unless an election's exposures are still being recorded, or an election is running and
		/// the caller validates or nominates (one that stopped while an election ran counts as
		/// exposed in the era it elected). If the unlocking chunks are full, matured chunks are
		/// withdrawn first. If less than the existential deposit would stay active, everything is
		/// unbonded.
		///
		/// Errors: [`NotStash`](crate::Error::NotStash); [`ZeroAmount`](crate::Error::ZeroAmount);
		/// [`InsufficientActiveBond`](crate::Error::InsufficientActiveBond) if `value` is more than
		/// the active bond; [`InsufficientBond`](crate::Error::InsufficientBond) if the active bond
		/// would fall below the minimum of the staker's role (chill first);
		/// [`NoMoreChunks`](crate::Error::NoMoreChunks) if no chunk is free;
		/// [`SlashesPending`](crate::Error::SlashesPending) if matured chunks must be withdrawn
		/// while a slash that may take from the caller is pending.
		///
		/// Emits [`Unbonded`](crate::Event::Unbonded), and [`Withdrawn`](crate::Event::Withdrawn)
		/// if matured chunks were released to make room.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::unbond().saturating_add(T::ListenerWeights::on_withdraw()))]
		pub fn unbond(
			origin: OriginFor<T>,
			#[pallet::compact] value: BalanceOf<T>,
		) -> DispatchResult {
			let stash = ensure_signed(origin)?;
			Self::do_unbond(stash, value, bonding::Unbonding::Earliest)
		}

		/// Release the caller's unbonded funds whose bonding duration has passed.
		///
		/// ## Dispatch Origin
		/// Signed by a bonded account.
		///
		/// ## Details
		/// `num_slashing_spans` is ignored; it is kept so that `pallet-staking`'s clients build
		/// this call unchanged. When nothing remains bonded, the staker is removed entirely and
		/// its account is free of staking.
		///
		/// Errors: [`NotStash`](crate::Error::NotStash);
		/// [`NothingToWithdraw`](crate::Error::NothingToWithdraw) if no chunk has matured;
		/// [`SlashesPending`](crate::Error::SlashesPending) while a slash that may take from the
		/// caller is pending: while offences are worked out (a few blocks) for stakers exposed in
		/// an era that can still be slashed, then until the slashes naming the caller are applied
		/// or cancelled.
		///
		/// Emits [`Withdrawn`](crate::Event::Withdrawn), and
		/// [`StakerRemoved`](crate::Event::StakerRemoved) when the staker is removed.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::withdraw_unbonded_update(T::MaxUnlockingChunks::get())
			.max(T::WeightInfo::withdraw_unbonded_kill())
			.saturating_add(T::ListenerWeights::on_withdraw()))]
		pub fn withdraw_unbonded(origin: OriginFor<T>, _num_slashing_spans: u32) -> DispatchResult {
			let stash = ensure_signed(origin)?;
			let (withdrawn, removed) = Self::do_withdraw_unbonded(&stash)?;
			ensure!(!withdrawn.is_zero() || removed, Error::<T>::NothingToWithdraw);
			Ok(())
		}

		/// Declare the intent to validate, with `prefs`.
		///
		/// ## Dispatch Origin
		/// Signed by a bonded account.
		///
		/// ## Details
		/// Replaces a nomination if the caller was nominating. Takes effect at the next
		/// election. A commission lower than (or equal to) the current one applies at once and
		/// cancels an announced increase; a higher one is announced and applies only to eras
		/// whose election starts after
		/// [`CommissionIncreaseDelay`](crate::Config::CommissionIncreaseDelay) full eras (the
		/// stored preferences keep the current commission until then). A new validator sets any
		/// commission at once.
		///
		/// Errors: [`NotStash`](crate::Error::NotStash);
		/// [`InsufficientBond`](crate::Error::InsufficientBond) below
		/// [`MinValidatorBond`];
		/// [`CommissionTooLow`](crate::Error::CommissionTooLow) below
		/// [`MinCommission`];
		/// [`CommissionTooHigh`](crate::Error::CommissionTooHigh) above
		/// [`MaxCommission`](crate::Config::MaxCommission);
		/// [`CommissionIncreaseTooLarge`](crate::Error::CommissionIncreaseTooLarge) for a rise
		/// beyond [`MaxCommissionIncrease`](crate::Config::MaxCommissionIncrease);
		/// [`TooManyValidators`](crate::Error::TooManyValidators) when
		/// [`MaxValidatorsCount`] (or the
		/// [`MaxValidatorCandidates`](crate::Config::MaxValidatorCandidates) constant) is reached.
		///
		/// Emits [`ValidatorPrefsSet`](crate::Event::ValidatorPrefsSet), and
		/// [`CommissionIncreaseAnnounced`](crate::Event::CommissionIncreaseAnnounced) for an
		/// increase.
		#[pallet::call_index(4)]
		pub fn validate(origin: OriginFor<T>, prefs: ValidatorPrefs) -> DispatchResult {
			let stash = ensure_signed(origin)?;
			Self::do_validate(stash, prefs)
		}

		/// Declare the intent to nominate `targets`.
		///
		/// ## Dispatch Origin
		/// Signed by a bonded account.
		///
		/// ## Details
		/// Duplicates are dropped. Every target must be a validator candidate other than the
		/// caller; a blocked one only if the caller already nominates it. Replaces a validator
		/// intent if the caller was validating. Takes effect at the next election.
		///
		/// Errors: [`NotStash`](crate::Error::NotStash);
		/// [`InsufficientBond`](crate::Error::InsufficientBond) below
		/// [`MinNominatorBond`];
		/// [`EmptyTargets`](crate::Error::EmptyTargets);
		/// [`TooManyTargets`](crate::Error::TooManyTargets) above
		/// [`MaxNominations`](crate::Config::MaxNominations);
		/// [`BadTarget`](crate::Error::BadTarget);
		/// [`TooManyNominators`](crate::Error::TooManyNominators) when
		/// [`MaxNominatorsCount`] is reached.
		///
		/// Emits [`Nominated`](crate::Event::Nominated).
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::nominate(targets.len() as u32))]
		pub fn nominate(
			origin: OriginFor<T>,
			targets: Vec<AccountIdLookupOf<T>>,
		) -> DispatchResult {
			let stash = ensure_signed(origin)?;
			ensure!(targets.len() <= T::MaxNominations::get() as usize, Error::<T>::TooManyTargets);
			let targets = targets
				.into_iter()
				.map(|target| T::Lookup::lookup(target).map_err(|_| Error::<T>::BadTarget))
				.collect::<Result<Vec<_>, _>>()?;
			Self::do_nominate(stash, targets)
		}

		/// Stop validating or nominating. The bond stays.
		///
		/// ## Dispatch Origin
		/// Signed by a bonded account.
		///
		/// ## Details
		/// Takes effect at the next election. Chilling an idle staker changes nothing. While
		/// an election is running its snapshot may already hold the caller's stake: what it
		/// unbonds then waits the full bonding duration, as if exposed in the era being
		/// elected.
		///
		/// Errors: [`NotStash`](crate::Error::NotStash).
		///
		/// Emits [`Chilled`](crate::Event::Chilled) if the caller was validating or nominating.
		#[pallet::call_index(6)]
		pub fn chill(origin: OriginFor<T>) -> DispatchResult {
			let stash = ensure_signed(origin)?;
			Self::do_chill(&stash)
		}

		/// Set where the caller's rewards are paid.
		///
		/// ## Dispatch Origin
		/// Signed by a bonded account.
		///
		/// Errors: [`NotStash`](crate::Error::NotStash).
		///
		/// Emits [`PayeeSet`](crate::Event::PayeeSet).
		#[pallet::call_index(7)]
		pub fn set_payee(
			origin: OriginFor<T>,
			payee: RewardDestination<T::AccountId>,
		) -> DispatchResult {
			let stash = ensure_signed(origin)?;
			Self::do_set_payee(stash, payee)
		}

		// ---- The validator count and the era schedule (governance) ----

		/// Set the number of validators to elect each era.
		///
		/// ## Dispatch Origin
		/// [`Config::AdminOrigin`].
		///
		/// ## Details
		/// Takes effect at the next election.
		///
		/// Errors: [`TooManyElected`](crate::Error::TooManyElected) above
		/// [`MaxValidatorSet`](crate::Config::MaxValidatorSet).
		#[pallet::call_index(9)]
		pub fn set_validator_count(
			origin: OriginFor<T>,
			#[pallet::compact] new: u32,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_set_validator_count(Some(new))
		}

		/// Elect `additional` more validators each era.
		///
		/// ## Dispatch Origin
		/// [`Config::AdminOrigin`].
		///
		/// Errors: [`TooManyElected`](crate::Error::TooManyElected) above
		/// [`MaxValidatorSet`](crate::Config::MaxValidatorSet).
		#[pallet::call_index(10)]
		pub fn increase_validator_count(
			origin: OriginFor<T>,
			#[pallet::compact] additional: u32,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_set_validator_count(ValidatorCount::<T>::get().checked_add(additional))
		}

		/// Elect `factor` more validators each era (e.g. 10% more).
		///
		/// ## Dispatch Origin
		/// [`Config::AdminOrigin`].
		///
		/// Errors: [`TooManyElected`](crate::Error::TooManyElected) above
		/// [`MaxValidatorSet`](crate::Config::MaxValidatorSet).
		#[pallet::call_index(11)]
		pub fn scale_validator_count(origin: OriginFor<T>, factor: Percent) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			let current = ValidatorCount::<T>::get();
			Self::do_set_validator_count(current.checked_add(factor.mul_floor(current)))
		}

		/// Plan no new eras: the current validators stay until eras are forced again.
		///
		/// ## Dispatch Origin
		/// [`Config::AdminOrigin`].
		///
		/// ## Details
		/// An election already running still finishes and its era still starts.
		///
		/// Emits [`ForceEra`](crate::Event::ForceEra).
		#[pallet::call_index(12)]
		pub fn force_no_eras(origin: OriginFor<T>) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::set_force_era(Forcing::ForceNone);
			Ok(())
		}

		/// Plan a new era at the next session, then return to the normal schedule.
		///
		/// ## Dispatch Origin
		/// [`Config::AdminOrigin`].
		///
		/// ## Details
		/// The election starts at the next session change, and its era at the first session
		/// change after the result is stored (several sessions later with a multi-block
		/// election).
		///
		/// Emits [`ForceEra`](crate::Event::ForceEra).
		#[pallet::call_index(13)]
		pub fn force_new_era(origin: OriginFor<T>) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::set_force_era(Forcing::ForceNew);
			Ok(())
		}

		// ---- Removing a staker (governance) ----

		/// Remove `stash` from staking at once, releasing all of its bonded funds.
		///
		/// ## Dispatch Origin
		/// [`Config::AdminOrigin`].
		///
		/// ## Details
		/// `num_slashing_spans` is ignored (kept for `pallet-staking`'s clients).
		///
		/// Errors: [`NotStash`](crate::Error::NotStash).
		///
		/// Emits [`Chilled`](crate::Event::Chilled) if it was validating or nominating, then
		/// [`StakerRemoved`](crate::Event::StakerRemoved).
		#[pallet::call_index(15)]
		#[pallet::weight(
			T::WeightInfo::force_unstake().saturating_add(T::ListenerWeights::on_withdraw())
		)]
		pub fn force_unstake(
			origin: OriginFor<T>,
			stash: T::AccountId,
			_num_slashing_spans: u32,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_force_unstake(&stash)
		}

		// ---- The era schedule (governance) ----

		/// Plan a new era at every session, until eras are forced otherwise.
		///
		/// ## Dispatch Origin
		/// [`Config::AdminOrigin`].
		///
		/// Emits [`ForceEra`](crate::Event::ForceEra).
		#[pallet::call_index(16)]
		pub fn force_new_era_always(origin: OriginFor<T>) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::set_force_era(Forcing::ForceAlways);
			Ok(())
		}

		// ---- Cancelling slashes (`SlashCancelOrigin`) ----

		/// Cancel slashes before they are applied.
		///
		/// ## Dispatch Origin
		/// [`Config::SlashCancelOrigin`].
		///
		/// ## Details
		/// `due_era` is the era the slashes are due in (the offence era plus
		/// [`Config::SlashDeferDuration`]) and `slash_indices` their places in the era's list,
		/// ascending and distinct: places below [`Config::MaxUnappliedSlashes`] are those of
		/// [`UnappliedSlashes`]`(due_era)`, as Polkadot.js lists them, and the list goes on in
		/// [`UnappliedSlashOverflow`]`(due_era, place - listed)`. Slashes are applied last entry
		/// first and new ones are added at the end, so the places of the others stay valid; a
		/// cancelled entry of [`UnappliedSlashes`] moves the later ones up by one, and a
		/// cancelled entry beyond it is replaced by the list's last one. A cancelled slash takes
		/// nothing; the offence's fraction stays recorded, so a later report of the same
		/// offence era slashes only beyond it.
		///
		/// Errors: [`NoSlashIndices`](Error::NoSlashIndices);
		/// [`TooManySlashIndices`](Error::TooManySlashIndices) beyond
		/// [`MaxUnappliedSlashes`](crate::Config::MaxUnappliedSlashes);
		/// [`NotSortedAndUnique`](Error::NotSortedAndUnique);
		/// [`InvalidSlashIndex`](Error::InvalidSlashIndex) for an index beyond the era's unapplied
		/// slashes (e.g. one already applied).
		///
		/// Emits [`SlashCancelled`](Event::SlashCancelled) for each slash.
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::cancel_deferred_slash(
			(slash_indices.len() as u32).min(T::MaxUnappliedSlashes::get())
		))]
		pub fn cancel_deferred_slash(
			origin: OriginFor<T>,
			due_era: EraIndex,
			slash_indices: Vec<u32>,
		) -> DispatchResult {
			T::SlashCancelOrigin::ensure_origin(origin)?;
			ensure!(
				slash_indices.len() <= T::MaxUnappliedSlashes::get() as usize,
				Error::<T>::TooManySlashIndices
			);
			Self::do_cancel_deferred_slash(due_era, slash_indices)
		}

		// ---- Rewards ----

		/// Pay the next unpaid page of `validator_stash`'s rewards for `era`.
		///
		/// ## Dispatch Origin
		/// Signed, by anyone.
		///
		/// ## Details
		/// The same as [`payout_stakers_by_page`](crate::Call::payout_stakers_by_page) with the
		/// lowest page not yet claimed. Rewards are also paid automatically a little after each
		/// era; this pays them sooner.
		///
		/// Errors: [`InvalidEraToReward`](crate::Error::InvalidEraToReward),
		/// [`InvalidPage`](crate::Error::InvalidPage),
		/// [`AlreadyClaimed`](crate::Error::AlreadyClaimed) (every page is paid),
		/// [`RewardsNotReady`](crate::Error::RewardsNotReady).
		///
		/// Emits [`PayoutStarted`](crate::Event::PayoutStarted), and
		/// [`Rewarded`](crate::Event::Rewarded) for each staker paid.
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::payout_stakers_by_page(T::MaxExposurePageSize::get()))]
		pub fn payout_stakers(
			origin: OriginFor<T>,
			validator_stash: T::AccountId,
			era: EraIndex,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let paid = Self::do_payout_stakers_by_page(validator_stash, era, None)?;
			Ok(Some(T::WeightInfo::payout_stakers_by_page(paid)).into())
		}

		// ---- Bonding and intents ----

		/// Move up to `value` of the caller's unlocking funds back to its active bond, newest
		/// chunk first.
		///
		/// ## Dispatch Origin
		/// Signed by a bonded account.
		///
		/// Errors: [`NotStash`](crate::Error::NotStash); [`ZeroAmount`](crate::Error::ZeroAmount);
		/// [`NoUnlockChunk`](crate::Error::NoUnlockChunk) if nothing is unbonding;
		/// [`BelowExistentialDeposit`](crate::Error::BelowExistentialDeposit) if the active bond
		/// would still be below the existential deposit.
		///
		/// Emits [`Bonded`](crate::Event::Bonded) with the amount rebonded.
		#[pallet::call_index(19)]
		#[pallet::weight(T::WeightInfo::rebond(T::MaxUnlockingChunks::get()))]
		pub fn rebond(
			origin: OriginFor<T>,
			#[pallet::compact] value: BalanceOf<T>,
		) -> DispatchResult {
			let stash = ensure_signed(origin)?;
			Self::do_rebond(stash, value).map(|_| ())
		}

		/// Remove a staker whose whole bond is below the existential deposit (e.g. after a
		/// slash), releasing what is left.
		///
		/// ## Dispatch Origin
		/// Signed by anyone.
		///
		/// ## Details
		/// `num_slashing_spans` is ignored (kept for `pallet-staking`'s clients).
		///
		/// Errors: [`NotStash`](crate::Error::NotStash);
		/// [`FundedTarget`](crate::Error::FundedTarget) if the bond is at least the existential
		/// deposit.
		///
		/// Emits [`StakerRemoved`](crate::Event::StakerRemoved).
		#[pallet::call_index(20)]
		#[pallet::weight(T::WeightInfo::reap_stash().saturating_add(T::ListenerWeights::on_withdraw()))]
		pub fn reap_stash(
			origin: OriginFor<T>,
			stash: T::AccountId,
			_num_slashing_spans: u32,
		) -> DispatchResult {
			ensure_signed(origin)?;
			let ledger = StakingLedger::<T>::of_stash(&stash)?;
			ensure!(!Self::is_virtual(&stash), Error::<T>::VirtualStakerNotAllowed);
			ensure!(ledger.total < T::Currency::minimum_balance(), Error::<T>::FundedTarget);
			Self::kill_stash(&stash)
		}

		/// Remove the caller from the nominations of each account in `who`.
		///
		/// ## Dispatch Origin
		/// Signed by a bonded account, normally a validator.
		///
		/// ## Details
		/// Accounts in `who` that do not nominate the caller are skipped.
		///
		/// Errors: [`NotStash`](crate::Error::NotStash).
		///
		/// Emits [`Kicked`](crate::Event::Kicked) for each nominator removed.
		#[pallet::call_index(21)]
		#[pallet::weight(T::WeightInfo::kick(who.len() as u32))]
		pub fn kick(origin: OriginFor<T>, who: Vec<AccountIdLookupOf<T>>) -> DispatchResult {
			let stash = ensure_signed(origin)?;
			Self::ensure_bonded(&stash)?;
			for nominator in who {
				Self::kick_nominator(&stash, &T::Lookup::lookup(nominator)?);
			}
			Ok(())
		}

		// ---- Staking parameters and the rules they set ----

		/// Update the staking parameters. Each one is left, set or removed.
		///
		/// ## Dispatch Origin
		/// [`Config::AdminOrigin`].
		///
		/// ## Details
		/// The parameters, in `pallet-staking`'s order: the minimum nominator bond, the
		/// minimum validator bond, the maximum number of nominators and of validators, the
		/// chill threshold (see [`chill_other`](crate::Call::chill_other)) and the minimum
		/// commission. New minimums apply to stakers as they act;
		/// [`chill_other`](crate::Call::chill_other) and
		/// [`force_apply_min_commission`](crate::Call::force_apply_min_commission) apply them to
		/// others.
		#[pallet::call_index(22)]
		#[pallet::weight(T::WeightInfo::set_staking_configs_all_set()
			.max(T::WeightInfo::set_staking_configs_all_remove()))]
		pub fn set_staking_configs(
			origin: OriginFor<T>,
			min_nominator_bond: ConfigOp<BalanceOf<T>>,
			min_validator_bond: ConfigOp<BalanceOf<T>>,
			max_nominator_count: ConfigOp<u32>,
			max_validator_count: ConfigOp<u32>,
			chill_threshold: ConfigOp<Percent>,
			min_commission: ConfigOp<Perbill>,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			if let ConfigOp::Set(min) = min_commission {
				ensure!(min <= T::MaxCommission::get(), Error::<T>::CommissionTooHigh);
			}
			min_nominator_bond.apply::<MinNominatorBond<T>>();
			min_validator_bond.apply::<MinValidatorBond<T>>();
			max_nominator_count.apply::<MaxNominatorsCount<T>>();
			max_validator_count.apply::<MaxValidatorsCount<T>>();
			chill_threshold.apply::<ChillThreshold<T>>();
			min_commission.apply::<MinCommission<T>>();
			Ok(())
		}

		/// Chill `stash` if the chill rules allow it.
		///
		/// ## Dispatch Origin
		/// Signed by anyone.
		///
		/// ## Details
		/// The caller may always chill itself. Anyone may chill another staker when
		/// [`ChillThreshold`] is set, the staker's role has a maximum count
		/// that is at least that share full, and the staker's active bond is below its role's
		/// minimum bond.
		///
		/// Errors: [`NotStash`](crate::Error::NotStash);
		/// [`CannotChillOther`](crate::Error::CannotChillOther).
		///
		/// Emits [`Chilled`](crate::Event::Chilled).
		#[pallet::call_index(23)]
		pub fn chill_other(origin: OriginFor<T>, stash: T::AccountId) -> DispatchResult {
			let caller = ensure_signed(origin)?;
			Self::do_chill_other(&caller, &stash)
		}

		/// Raise `validator_stash`'s commission to [`MinCommission`] if it is
		/// below it.
		///
		/// ## Dispatch Origin
		/// [`Config::AdminOrigin`].
		///
		/// Errors: [`NotValidator`](crate::Error::NotValidator).
		///
		/// Emits [`ValidatorPrefsSet`](crate::Event::ValidatorPrefsSet) if the commission changed.
		#[pallet::call_index(24)]
		pub fn force_apply_min_commission(
			origin: OriginFor<T>,
			validator_stash: T::AccountId,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_force_apply_min_commission(validator_stash)
		}

		/// Set the least commission a validator may set.
		///
		/// ## Dispatch Origin
		/// [`Config::AdminOrigin`].
		///
		/// ## Details
		/// Validators below it keep their commission until they next call
		/// [`validate`](crate::Call::validate) or until
		/// [`force_apply_min_commission`](crate::Call::force_apply_min_commission) is called for
		/// them.
		#[pallet::call_index(25)]
		pub fn set_min_commission(origin: OriginFor<T>, new: Perbill) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			ensure!(new <= T::MaxCommission::get(), Error::<T>::CommissionTooHigh);
			MinCommission::<T>::put(new);
			Ok(())
		}

		// ---- Rewards ----

		/// Pay the rewards of page `page` of `validator_stash`'s exposure in `era`.
		///
		/// ## Dispatch Origin
		/// Signed, by anyone.
		///
		/// ## Details
		/// Pays each staker on the page its share of what the validator earned in `era` (its
		/// reward points' share of the era's payout, less its commission), to the staker's
		/// payee; page 0 also pays the validator its own stake's share and its commission.
		/// Stakers the automatic payout already paid are skipped: nobody is paid twice. `era`
		/// must have ended and be at most [`HistoryDepth`](crate::Config::HistoryDepth) eras old.
		///
		/// Errors: [`InvalidEraToReward`](crate::Error::InvalidEraToReward),
		/// [`InvalidPage`](crate::Error::InvalidPage),
		/// [`AlreadyClaimed`](crate::Error::AlreadyClaimed),
		/// [`RewardsNotReady`](crate::Error::RewardsNotReady).
		///
		/// Emits [`PayoutStarted`](crate::Event::PayoutStarted), and
		/// [`Rewarded`](crate::Event::Rewarded) for each staker paid.
		#[pallet::call_index(26)]
		#[pallet::weight(T::WeightInfo::payout_stakers_by_page(T::MaxExposurePageSize::get()))]
		pub fn payout_stakers_by_page(
			origin: OriginFor<T>,
			validator_stash: T::AccountId,
			era: EraIndex,
			page: Page,
		) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let paid = Self::do_payout_stakers_by_page(validator_stash, era, Some(page))?;
			Ok(Some(T::WeightInfo::payout_stakers_by_page(paid)).into())
		}

		// ---- Slashes ----

		/// Slash `validator_stash` by `slash_fraction` of its exposure in `offence_era`, as an
		/// offence proven on chain would.
		///
		/// ## Dispatch Origin
		/// [`Config::AdminOrigin`].
		///
		/// ## Details
		/// `offence_era` must still be bonded (at most [`Config::BondingDuration`] eras before
		/// the active one) and the validator elected in it. The slash takes the same path as any
		/// offence (`report_offence` in `offences.rs`): if the validator was already slashed by
		/// a higher fraction for `offence_era`, nothing more is slashed, and by a lower one, only
		/// the difference; the validator is chilled (and disabled if `offence_era` is active); the
		/// slash is worked out in the following blocks and is due
		/// [`Config::SlashDeferDuration`] eras after `offence_era`, until then cancellable.
		///
		/// Errors: [`ZeroSlashFraction`](Error::ZeroSlashFraction);
		/// [`EraNotSlashable`](Error::EraNotSlashable); [`NotElected`](Error::NotElected).
		///
		/// Emits [`SlashReported`](Event::SlashReported), and [`Chilled`](Event::Chilled) and
		/// [`ValidatorDisabled`](Event::ValidatorDisabled) as they happen.
		#[pallet::call_index(33)]
		pub fn manual_slash(
			origin: OriginFor<T>,
			validator_stash: T::AccountId,
			offence_era: EraIndex,
			slash_fraction: Perbill,
		) -> DispatchResult {
			T::AdminOrigin::ensure_origin(origin)?;
			Self::do_manual_slash(validator_stash, offence_era, slash_fraction)
		}

		/// Apply the last unapplied slash due in `due_era` now.
		///
		/// ## Dispatch Origin
		/// Signed, by anyone.
		///
		/// ## Details
		/// Due slashes are applied by `on_initialize` within its share of each block; this
		/// pushes one entry (one page of an offender's exposure) forward when blocks are too
		/// full for that.
		///
		/// Errors: [`NoUnappliedSlash`](Error::NoUnappliedSlash);
		/// [`SlashNotDue`](Error::SlashNotDue) while `due_era` is not active yet.
		///
		/// Emits [`Slashed`](Event::Slashed) for each staker slashed.
		#[pallet::call_index(34)]
		#[pallet::weight(Pallet::<T>::apply_slash_step(T::MaxExposurePageSize::get()))]
		pub fn apply_slash(origin: OriginFor<T>, due_era: EraIndex) -> DispatchResultWithPostInfo {
			ensure_signed(origin)?;
			let nominators = Self::do_apply_slash(due_era)?;
			Ok(Some(Self::apply_slash_step(nominators)).into())
		}
	}
}
