//! The election of each era's validators: `pallet-election-provider-multi-block`, as Polkadot
//! Asset Hub runs it, with its verifier, unsigned and signed sub-pallets.
//!
//! A round starts when the staking pallet asks (`ElectionLead` sessions before the era) and
//! runs in phases, one step per block in `on_poll`:
//! 1. **Snapshot**: the validator candidates and the desired count, then the voters, one page of
//!    [`VoterSnapshotPerBlock`] per block, richest first ([`Pages`] pages; the staking pallet
//!    freezes its voter list meanwhile).
//! 2. **Signed**: anyone may register a claimed score with a deposit and submit a solution,
//!    page by page ([`SignedPhase`] blocks); `palisade-node mine` does it for an operator.
//! 3. **Signed validation**: the best submissions are verified a page per block
//!    ([`SignedValidationPhase`]); the first valid one is queued and its submitter rewarded,
//!    an invalid one loses its deposit to the treasury.
//! 4. **Unsigned**: validators' off-chain workers mine the top [`MinerPages`] pages (with
//!    `reduce`) and submit them unsigned if they beat what is queued ([`UnsignedPhase`]).
//! 5. **Export**: the staking pallet fetches the queued result a page per block and stores it
//!    as exposures.
//!
//! Without any queued solution the round goes back to the signed phase
//! (`RevertToSignedIfNotQueuedOf`) and the staking pallet postpones the era a session at a
//! time: the current validators go on. Governance (`StakingAdmin`) can end that with the
//! emergency procedure: `manage(ForceSetPhase(Emergency))`, then `manage(EmergencyFallback)`
//! (an on-chain Phragmén over the richest 250 voters and as many of the richest candidates as
//! it elects) or
//! `admin(EmergencySetSolution(..))`, then `manage(ForceSetPhase(Done))` so that the staking
//! pallet fetches it.

use crate::{
	configs::{
		staking::{MaxElectableTargets, MaxValidatorSet},
		RuntimeBlockLength, TreasuryAccount, TRANSACTION_BYTE_FEE,
	},
	governance::StakingAdminOrigin,
	AccountId, Balance, Balances, BlockNumber, Hash, MultiBlockElectionSigned,
	MultiBlockElectionVerifier, Runtime, Staking, TransactionPayment, UNITS,
};
use alloc::{vec, vec::Vec};
use codec::MaxEncodedLen;
use frame_election_provider_support::{
	bounds::{ElectionBounds, ElectionBoundsBuilder},
	onchain, BoundedSupportsOf, ElectionDataProvider, ElectionProvider, InstantElectionProvider,
	PageIndex, SequentialPhragmen, VoterOf,
};
use frame_support::{
	dispatch::DispatchClass,
	parameter_types,
	traits::{tokens::imbalance::ResolveTo, ConstBool, ConstU128, ConstU32},
	weights::Weight,
};
use pallet_election_provider_multi_block::{self as multi_block, SolutionAccuracyOf};
use sp_runtime::{transaction_validity::TransactionPriority, PerU16, Perbill};

/// The pages of a production chain's election (see [`Pages`]).
pub const PRODUCTION_PAGES: PageIndex = 52;

parameter_types! {
	/// Pages of the snapshot and of the result: 52 (a page a block, 5.2 minutes each way), 2
	/// with `fast-runtime`, where a whole round must fit in 15 blocks.
	pub const Pages: PageIndex =
		if cfg!(feature = "fast-runtime") { 2 } else { PRODUCTION_PAGES };
	/// Voters per snapshot page, and so backers per winner in a result page: a page of 2,000
	/// nominators of 16 votes keeps each step of the election within a fifth of a block.
	pub const VoterSnapshotPerBlock: u32 = 2_000;
	/// The voters an election considers, richest first: 104,000 (every one of the 4,000
	/// candidates the staking pallet allows and 100,000 nominators fit), 4,000 with
	/// `fast-runtime`.
	pub const MaxElectingVoters: u32 = VoterSnapshotPerBlock::get() * Pages::get();
	/// The validator candidates an election considers: those with session keys and the most
	/// stake of their own.
	pub const TargetSnapshotPerBlock: u32 = MaxElectableTargets::get();
	/// Every elected validator may appear in every page.
	pub const MaxWinnersPerPage: u32 = MaxValidatorSet::get();
	/// Every voter of a page may back one winner: nobody is cut off.
	pub const MaxBackersPerWinner: u32 = VoterSnapshotPerBlock::get();
	pub const MaxBackersPerWinnerFinal: u32 = MaxElectingVoters::get();

	/// Blocks in which solutions may be registered and submitted: 30 minutes, 2 blocks with
	/// `fast-runtime`.
	pub const SignedPhase: BlockNumber = if cfg!(feature = "fast-runtime") { 2 } else { 300 };
	/// Signed submissions kept; the best are verified first.
	pub const MaxSignedSubmissions: u32 = if cfg!(feature = "fast-runtime") { 2 } else { 8 };
	/// Blocks to verify submissions, a page a block: every one queued (41.6 minutes), so that
	/// claims that fail cannot keep a valid solution unverified. With `fast-runtime`, whose
	/// round has no room for more, the best one; the round goes back to the signed phase to
	/// verify the next.
	pub const SignedValidationPhase: BlockNumber = if cfg!(feature = "fast-runtime") {
		Pages::get()
	} else {
		Pages::get() * MaxSignedSubmissions::get()
	};
	/// Blocks in which validators' off-chain workers mine and submit: 15 minutes, 2 blocks with
	/// `fast-runtime`.
	pub const UnsignedPhase: BlockNumber = if cfg!(feature = "fast-runtime") { 2 } else { 150 };
	/// Pages the off-chain workers mine: the richest voters' (12,000 in production).
	pub const MinerPages: PageIndex = if cfg!(feature = "fast-runtime") { 2 } else { 6 };
	/// Blocks between two attempts of an off-chain worker.
	pub const OffchainRepeat: BlockNumber =
		if cfg!(feature = "fast-runtime") { 1 } else { UnsignedPhase::get() / 4 };
	/// Unsigned solutions go before ordinary transactions.
	pub const MinerTxPriority: TransactionPriority = TransactionPriority::MAX / 2;
	/// A mined solution may take up to three quarters of a block's normal length.
	pub MinerMaxLength: u32 = Perbill::from_percent(75)
		.mul_floor(*RuntimeBlockLength::get().max.get(DispatchClass::Normal));
}

// A page of a solution: for each voter of the page (by its index in the page), the validators
// it backs (by their index in the target snapshot) and the share of its stake each gets. Up to
// 16 targets per voter, as `MaxNominations`.
frame_election_provider_support::generate_solution_type!(
	#[compact]
	pub struct NposSolution16::<
		VoterIndex = u32,
		TargetIndex = u16,
		Accuracy = PerU16,
		MaxVoters = VoterSnapshotPerBlock,
	>(16)
);

impl multi_block::Config for Runtime {
	type Pages = Pages;
	type UnsignedPhase = UnsignedPhase;
	type SignedPhase = SignedPhase;
	type SignedValidationPhase = SignedValidationPhase;
	type VoterSnapshotPerBlock = VoterSnapshotPerBlock;
	type TargetSnapshotPerBlock = TargetSnapshotPerBlock;
	/// Root or a passed StakingAdmin referendum: emergency solutions, the minimum score.
	type AdminOrigin = StakingAdminOrigin;
	/// The same: phases, the on-chain fallback, a new round.
	type ManagerOrigin = StakingAdminOrigin;
	type DataProvider = Staking;
	type MinerConfig = Self;
	type Verifier = MultiBlockElectionVerifier;
	type Signed = MultiBlockElectionSigned;
	type Fallback = GovernanceFallback;
	/// No queued solution: back to the signed phase; the staking pallet postpones the era.
	type AreWeDone = multi_block::RevertToSignedIfNotQueuedOf<Self>;
	type OnRoundRotation = multi_block::CleanRound<Self>;
	type WeightInfo = crate::weights::pallet_election_provider_multi_block::WeightInfo<Runtime>;
}

impl multi_block::verifier::Config for Runtime {
	type MaxWinnersPerPage = MaxWinnersPerPage;
	type MaxBackersPerWinner = MaxBackersPerWinner;
	type MaxBackersPerWinnerFinal = MaxBackersPerWinnerFinal;
	type SolutionDataProvider = MultiBlockElectionSigned;
	type WeightInfo =
		crate::weights::pallet_election_provider_multi_block_verifier::WeightInfo<Runtime>;
}

impl multi_block::unsigned::Config for Runtime {
	type MinerPages = MinerPages;
	type OffchainStorage = ConstBool<true>;
	/// Sequential Phragmén without balancing, as Polkadot's validators mine: balancing is too
	/// slow in an off-chain worker's WASM.
	type OffchainSolver = SequentialPhragmen<AccountId, SolutionAccuracyOf<Runtime>, ()>;
	type MinerTxPriority = MinerTxPriority;
	type OffchainRepeat = OffchainRepeat;
	type WeightInfo =
		crate::weights::pallet_election_provider_multi_block_unsigned::WeightInfo<Runtime>;
}

impl multi_block::unsigned::miner::MinerConfig for Runtime {
	type AccountId = AccountId;
	type Hash = Hash;
	type MaxBackersPerWinner = MaxBackersPerWinner;
	type MaxBackersPerWinnerFinal = MaxBackersPerWinnerFinal;
	type MaxWinnersPerPage = MaxWinnersPerPage;
	type MaxVotesPerVoter = <Staking as ElectionDataProvider>::MaxVotesPerVoter;
	type MaxLength = MinerMaxLength;
	type Solver = <Runtime as multi_block::unsigned::Config>::OffchainSolver;
	type Pages = Pages;
	type Solution = NposSolution16;
	type VoterSnapshotPerBlock = VoterSnapshotPerBlock;
	type TargetSnapshotPerBlock = TargetSnapshotPerBlock;
}

parameter_types! {
	/// The base of a signed submission's deposit: 20 PAL, raised by a tenth for each
	/// submission queued (the pallet counts the submitter's own once it stores pages, and
	/// counts again at each page). The rise stays small (at most 43 PAL with the queue full), so
	/// that registrations made after a submitter's cannot price it out between its pages.
	pub const SignedDepositBase: Balance = 20 * UNITS;
	/// The deposit for each page of a solution: what storing a full page
	/// (`NposSolution16::max_encoded_len()` bytes) costs at the length fee's rate, about 1.3
	/// PAL. Held for every page from registration (see [`SubmissionDeposit`]).
	pub SignedDepositPerPage: Balance =
		TRANSACTION_BYTE_FEE.saturating_mul(NposSolution16::max_encoded_len() as Balance);
	/// What an invulnerable submitter (set by governance) holds instead.
	pub const InvulnerableDeposit: Balance = 10 * UNITS;
	/// The reward of the submitter whose solution is queued, from the treasury, on top of
	/// its fees refunded.
	pub const SignedRewardBase: Balance = 10 * UNITS;
	/// A submitter that withdraws gets back a quarter of its deposit: the rest pays for the
	/// verification slot it held.
	pub const BailoutGraceRatio: Perbill = Perbill::from_percent(25);
	/// One pushed out of the queue by a better score gets all of it back.
	pub const EjectGraceRatio: Perbill = Perbill::from_percent(100);
	pub TreasuryPot: Option<AccountId> = Some(TreasuryAccount::get());
}

/// The fees refunded to the rewarded submitter are capped at what registering and submitting
/// every page at full size costs, at the fee multiplier of the moment.
pub type MaxFeeRefund = multi_block::signed::FullSubmissionFee<Runtime, TransactionPayment>;

/// [`SignedDepositBase`], raised by a tenth (compounded) for each submission queued.
pub struct GeometricDeposit;

impl multi_block::signed::CalculateBaseDeposit<Balance> for GeometricDeposit {
	fn calculate_base_deposit(existing_submitters: usize) -> Balance {
		// The queue holds `MaxSignedSubmissions` (8) at most; the bound keeps the loop short
		// whatever the count.
		let raises = existing_submitters.min(64);
		(0..raises)
			.fold(SignedDepositBase::get(), |deposit, _| deposit.saturating_add(deposit / 10))
	}
}

/// A signed submission's deposit, held at registration: the [`GeometricDeposit`] and
/// [`SignedDepositPerPage`] for every page of a solution, stored or not. A claim that stores
/// no pages (to be verified first and fail, or to push out a weaker one) costs what a full
/// solution does.
pub struct SubmissionDeposit;

impl multi_block::signed::CalculateBaseDeposit<Balance> for SubmissionDeposit {
	fn calculate_base_deposit(existing_submitters: usize) -> Balance {
		GeometricDeposit::calculate_base_deposit(existing_submitters)
			.saturating_add(SignedDepositPerPage::get().saturating_mul(Pages::get().into()))
	}
}

impl multi_block::signed::Config for Runtime {
	type Currency = Balances;
	type DepositBase = SubmissionDeposit;
	/// Nothing more as pages are stored: [`SubmissionDeposit`] holds every page's from the
	/// start.
	type DepositPerPage = ConstU128<0>;
	type InvulnerableDeposit = InvulnerableDeposit;
	type RewardBase = SignedRewardBase;
	type MaxSubmissions = MaxSignedSubmissions;
	type BailoutGraceRatio = BailoutGraceRatio;
	type EjectGraceRatio = EjectGraceRatio;
	type EstimateCallFee = TransactionPayment;
	/// Deposits of invalid solutions go to the treasury, which pays the rewards.
	type Slash = ResolveTo<TreasuryAccount, Balances>;
	type RewardSource = multi_block::signed::ActivePot<TreasuryPot>;
	type MaxFeeRefund = MaxFeeRefund;
	type WeightInfo =
		crate::weights::pallet_election_provider_multi_block_signed::WeightInfo<Runtime>;
}

parameter_types! {
	/// The voters the emergency fallback elects from: the richest of the snapshot's first
	/// page. `manage_fallback` measured 2.04 s over a page of 16-vote voters and 929 ms over
	/// 250: the 1,000 rounds over 2,000 candidates cost most of it, so the fallback also runs
	/// over only as many candidates as it elects (229 ms). It is the last resort: governance
	/// can instead set a solution mined off chain over every voter
	/// (`admin(EmergencySetSolution)`).
	pub const EmergencyVoters: u32 = 250;
	/// The emergency fallback's bounds: [`EmergencyVoters`], and the candidates of the snapshot.
	pub EmergencyElectionBounds: ElectionBounds = ElectionBoundsBuilder::default()
		.voters_count(EmergencyVoters::get().into())
		.targets_count(TargetSnapshotPerBlock::get().into())
		.build();
}

/// The on-chain sequential Phragmén of the emergency fallback, within a result page's bounds.
pub struct EmergencyOnChain;

/// The emergency fallback's Phragmén charges nothing of its own: `manage_fallback` measured it.
/// (Upstream's `()` is not zero: it is the placeholder Phragmén weight, tens of seconds.)
pub struct MeasuredByManageFallback;

impl frame_election_provider_support::WeightInfo for MeasuredByManageFallback {
	fn phragmen(_voters: u32, _targets: u32, _votes_per_voter: u32) -> Weight {
		Weight::zero()
	}

	fn phragmms(_voters: u32, _targets: u32, _votes_per_voter: u32) -> Weight {
		Weight::zero()
	}
}

impl onchain::Config for EmergencyOnChain {
	type System = Runtime;
	type Solver = SequentialPhragmen<AccountId, Perbill>;
	type DataProvider = Staking;
	/// Nothing of its own: the only call that runs it, `manage(EmergencyFallback)`, is charged
	/// `manage_fallback`, measured in this runtime over a full snapshot page.
	type WeightInfo = MeasuredByManageFallback;
	type Bounds = EmergencyElectionBounds;
	type MaxWinnersPerPage = MaxWinnersPerPage;
	type MaxBackersPerWinner = MaxBackersPerWinner;
	type Sort = ConstBool<true>;
}

/// The multi-block election's fallback: nothing on its own (a page without a queued solution
/// exposes nobody, and an election without any leaves the current validators on), and an
/// on-chain Phragmén over the richest [`EmergencyVoters`] of the voters governance hands it
/// (`manage(EmergencyFallback)`, which passes the snapshot's first page) and as many of the
/// richest candidates as it elects.
pub struct GovernanceFallback;

impl ElectionProvider for GovernanceFallback {
	type AccountId = AccountId;
	type BlockNumber = BlockNumber;
	type Error = &'static str;
	type MaxWinnersPerPage = MaxWinnersPerPage;
	type MaxBackersPerWinner = MaxBackersPerWinner;
	type MaxBackersPerWinnerFinal = MaxBackersPerWinnerFinal;
	type Pages = ConstU32<1>;
	type DataProvider = Staking;

	fn elect(_page: PageIndex) -> Result<BoundedSupportsOf<Self>, Self::Error> {
		Err("the fallback elects only when governance calls it")
	}

	fn start() -> Result<(), Self::Error> {
		Ok(())
	}

	fn duration() -> BlockNumber {
		0
	}

	fn status() -> Result<Option<Weight>, ()> {
		Ok(Some(Weight::zero()))
	}
}

impl InstantElectionProvider for GovernanceFallback {
	fn instant_elect(
		voters: Vec<VoterOf<Staking>>,
		targets: Vec<AccountId>,
		desired_targets: u32,
	) -> Result<BoundedSupportsOf<Self>, Self::Error> {
		// A page without a solution: the provider passes nothing (see `bother`).
		if voters.is_empty() {
			return Err("no solution for this page");
		}
		// The page lists its voters richest first, and the snapshot its candidates with the
		// most stake of their own first: Phragmén's rounds over every candidate cost most, so
		// it runs over as many candidates as it elects.
		let mut voters = voters;
		voters.truncate(EmergencyVoters::get() as usize);
		let mut targets = targets;
		targets.truncate(desired_targets as usize);
		<onchain::OnChainExecution<EmergencyOnChain> as InstantElectionProvider>::instant_elect(
			voters,
			targets,
			desired_targets,
		)
		.map_err(|_| "the emergency on-chain election failed")
	}

	/// Pages without a solution are not worth a snapshot read: they stay empty.
	fn bother() -> bool {
		false
	}
}

// A round fits the sessions before its era (`ElectionLead`): a step per block in `on_poll`
// (the snapshot's pages and the targets, the signed phase, the validation and its last block,
// the unsigned phase), then a page exported per block, and `on_poll` skips the blocks that
// change the session (one per session of the lead after the first). 973 blocks of 1,200 in
// production, 14 of 15 with `fast-runtime`.
const _: () = {
	let lead = crate::configs::staking::ElectionLead::get();
	let polls = (Pages::get() + 1)
		+ SignedPhase::get()
		+ (SignedValidationPhase::get() + 1)
		+ UnsignedPhase::get();
	let session_changes = lead - 1;
	let window = lead * crate::EPOCH_DURATION_IN_SLOTS;
	assert!(polls + Pages::get() + session_changes <= window, "the election outlasts its lead");
};
