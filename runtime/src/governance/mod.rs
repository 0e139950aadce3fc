//! OpenGov and the Council: who holds the chain's privileged powers.
//!
//! - **Referenda** (`pallet-referenda`, `pallet-conviction-voting`): anyone submits a proposal
//!   on a track (see [`tracks`]); holders vote with conviction. Votes are locks, and locks
//!   overlap holds, so funds bonded in staking vote too. A passed referendum is dispatched by
//!   `pallet-scheduler` with its track's origin (see [`origins`]); long proposals are noted
//!   with `pallet-preimage`.
//! - **StakingAdmin**: the staking pallet's `AdminOrigin` is Root or a passed StakingAdmin
//!   referendum: `set_staking_configs`, the validator count, forced eras and `manual_slash`.
//! - **Council** (`pallet-collective`, instance `Council`): half of its members or more (or Root
//!   or StakingAdmin) may cancel a deferred slash, within the deferral and faster than a
//!   referendum. Polkadot.js Apps' Slashes tab proposes the cancellation through
//!   `council.propose` with exactly that threshold (its default for a chain it does not know:
//!   at least half). Root (a Root referendum) sets its members; with an odd number of members
//!   (three in every preset) half or more is a majority.

pub mod origins;
pub mod tracks;

use crate::{
	configs::RuntimeBlockWeights, AccountId, Balance, Balances, BlockNumber, OriginCaller,
	Preimage, Referenda, Runtime, RuntimeCall, RuntimeEvent, RuntimeHoldReason, RuntimeOrigin,
	Scheduler, Treasury, CENTS, DAYS, MINUTES, UNITS,
};
use frame_support::{
	parameter_types,
	traits::{
		fungible::HoldConsideration, ConstU32, EitherOf, EitherOfDiverse, EqualPrivilegeOnly,
		LinearStoragePrice, TotalIssuanceOf,
	},
	weights::Weight,
};
use frame_system::{EnsureRoot, EnsureSigned};
use sp_runtime::Perbill;

/// Root, or a passed StakingAdmin referendum: the staking pallet's admin powers.
pub type StakingAdminOrigin = EitherOf<EnsureRoot<AccountId>, origins::StakingAdmin>;

/// The council's collective instance.
pub type CouncilCollective = pallet_collective::Instance1;

/// Root, a passed StakingAdmin referendum, or at least half of the Council (the threshold with
/// which Apps' Slashes tab proposes a cancellation): cancelling a deferred slash.
pub type SlashCancelOrigin = EitherOfDiverse<
	StakingAdminOrigin,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 1, 2>,
>;

/// `share` of a block's maximum weight, rounded down.
fn share_of_block(share: Perbill) -> Weight {
	let max = RuntimeBlockWeights::get().max_block;
	Weight::from_parts(share.mul_floor(max.ref_time()), share.mul_floor(max.proof_size()))
}

parameter_types! {
	/// Scheduled calls may use most of a block.
	pub MaximumSchedulerWeight: Weight =
		share_of_block(Perbill::from_percent(80));
	/// A referendum with no decision deposit is timed out after this long.
	pub const UndecidingTimeout: BlockNumber =
		if cfg!(feature = "fast-runtime") { 40 } else { 14 * DAYS };
	/// Funds that voted with conviction 1x stay locked this long after the referendum ends
	/// (doubling with each conviction level).
	pub const VoteLockingPeriod: BlockNumber =
		if cfg!(feature = "fast-runtime") { 10 } else { 7 * DAYS };
	/// Council motions close after this long.
	pub const CouncilMotionDuration: BlockNumber =
		if cfg!(feature = "fast-runtime") { 20 } else { DAYS };
	/// A council motion may use half a block.
	pub MaxCouncilProposalWeight: Weight =
		share_of_block(Perbill::from_percent(50));
	pub const PreimageHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
	pub const PreimageBaseDeposit: Balance = UNITS;
	pub const PreimageByteDeposit: Balance = CENTS;
	pub const SubmissionDeposit: Balance = UNITS;
	/// Time between two checks of a referendum's alarm: one block on dev chains, a minute
	/// otherwise.
	pub const AlarmInterval: BlockNumber = if cfg!(feature = "fast-runtime") { 1 } else { MINUTES };
}

impl pallet_scheduler::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeOrigin = RuntimeOrigin;
	type PalletsOrigin = OriginCaller;
	type RuntimeCall = RuntimeCall;
	type MaximumWeight = MaximumSchedulerWeight;
	type ScheduleOrigin = EnsureRoot<AccountId>;
	type OriginPrivilegeCmp = EqualPrivilegeOnly;
	type MaxScheduledPerBlock = ConstU32<50>;
	type WeightInfo = pallet_scheduler::weights::SubstrateWeight<Runtime>;
	type Preimages = Preimage;
	type BlockNumberProvider = frame_system::Pallet<Runtime>;
}

impl pallet_preimage::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_preimage::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type ManagerOrigin = EnsureRoot<AccountId>;
	/// A noted preimage holds a deposit of 1 PAL plus a cent per byte.
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		LinearStoragePrice<PreimageBaseDeposit, PreimageByteDeposit, Balance>,
	>;
}

impl origins::Config for Runtime {}

impl pallet_referenda::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_referenda::weights::SubstrateWeight<Runtime>;
	type Scheduler = Scheduler;
	type Currency = Balances;
	type SubmitOrigin = EnsureSigned<AccountId>;
	type CancelOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	/// Deposits of killed referenda go to the treasury.
	type Slash = Treasury;
	type Votes = Balance;
	type Tally = pallet_conviction_voting::TallyOf<Runtime>;
	type SubmissionDeposit = SubmissionDeposit;
	type MaxQueued = ConstU32<100>;
	type UndecidingTimeout = UndecidingTimeout;
	type AlarmInterval = AlarmInterval;
	type Tracks = tracks::TracksInfo;
	type Preimages = Preimage;
	type BlockNumberProvider = frame_system::Pallet<Runtime>;
}

impl pallet_conviction_voting::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_conviction_voting::weights::SubstrateWeight<Runtime>;
	/// Votes lock funds; locks overlap the holds of bonded stake, so bonded funds vote.
	type Currency = Balances;
	type Polls = Referenda;
	type MaxTurnout = TotalIssuanceOf<Balances, AccountId>;
	type MaxVotes = ConstU32<512>;
	type VoteLockingPeriod = VoteLockingPeriod;
	type BlockNumberProvider = frame_system::Pallet<Runtime>;
	type VotingHooks = ();
}

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = ConstU32<100>;
	type MaxMembers = ConstU32<100>;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	/// A Root referendum sets the members.
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxCouncilProposalWeight;
	type DisapproveOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	type Consideration = ();
}
