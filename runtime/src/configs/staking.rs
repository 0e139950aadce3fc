//! Palisade's staking pallet and its voter list.
//!
//! Each era, the multi-block election (`configs::election`) elects up to `MaxValidatorSet`
//! validators from the voters `pallet-bags-list` sorts by active bond; era 0 is elected at
//! genesis by the on-chain sequential Phragmén. Every nominator of an elected validator is
//! exposed: no backer is cut off.

use crate::{
	configs::{
		election::{MaxBackersPerWinner, VoterSnapshotPerBlock},
		TreasuryAccount,
	},
	governance::{SlashCancelOrigin, StakingAdminOrigin},
	AccountId, Balance, Balances, BlockNumber, DelegatedStaking, MultiBlockElection, Runtime,
	RuntimeEvent, Session, Staking, Timestamp, VoterList, EXISTENTIAL_DEPOSIT, MINUTES,
};
use frame_election_provider_support::{
	bounds::{ElectionBounds, ElectionBoundsBuilder},
	onchain, SequentialPhragmen,
};
use frame_support::{
	parameter_types,
	traits::{tokens::imbalance::ResolveTo, ConstBool, ConstU32},
};
use pallet_palisade_staking::InflationCurve;
use sp_runtime::Perbill;
use sp_runtime::Perquintill;
use sp_staking::{EraIndex, SessionIndex};

parameter_types! {
	/// Eras unbonded funds wait: 2 with `fast-runtime` (2 minutes), else 28 (a week of
	/// 6-hour eras).
	pub const BondingDuration: EraIndex = if cfg!(feature = "fast-runtime") { 2 } else { 28 };
	/// Sessions per era: 4 with `fast-runtime` (one minute), else 6 (six hours).
	pub const SessionsPerEra: SessionIndex = if cfg!(feature = "fast-runtime") { 4 } else { 6 };
	/// The election starts this many sessions before its era: 2 hours (3 sessions, 15 blocks,
	/// with `fast-runtime`). The multi-block election's phases and export take 973 blocks of
	/// the 1,200 (14 of the 15 with `fast-runtime`), counting the session changes, which skip
	/// the election's step: see the check at the end of `configs::election`.
	pub const ElectionLead: SessionIndex = if cfg!(feature = "fast-runtime") { 3 } else { 2 };
	/// The most validators elected per era (and BABE/GRANDPA authorities per session).
	pub const MaxValidatorSet: u32 = 1_000;
	/// Nominators per exposure page, as Polkadot's: rewards are paid, and slashes worked out
	/// and applied, a page at a time.
	pub const MaxExposurePageSize: u32 = 512;
	/// Validator candidates the election considers: those with session keys and the most
	/// stake of their own.
	pub const MaxElectableTargets: u32 = 2_000;
	/// The most validator candidates there can be: twice what the election considers, so a
	/// candidate that bonds more can always take the place of one that bonded less.
	pub const MaxValidatorCandidates: u32 = 4_000;
	/// Era 0 is elected at genesis from one snapshot page's worth of voters, so that its
	/// result fits a page of the multi-block election.
	pub GenesisElectionBounds: ElectionBounds = ElectionBoundsBuilder::default()
		.voters_count(VoterSnapshotPerBlock::get().into())
		.targets_count(MaxElectableTargets::get().into())
		.build();
}

parameter_types! {
	/// The NPoS curve with the parameters Polkadot.js Apps assumes for a chain it does not know:
	/// 10 % a year at half of the issuance staked, 2.5 % with nothing staked.
	pub const Inflation: InflationCurve = InflationCurve {
		ideal_staking_rate: Perquintill::from_percent(50),
		min_inflation: Perquintill::from_parts(25_000_000_000_000_000),
		max_inflation: Perquintill::from_percent(10),
		falloff: Perquintill::from_percent(5),
	};
	/// Manual payouts have this long after an era before the automatic payout starts.
	pub const AutoPayoutDelay: BlockNumber = if cfg!(feature = "fast-runtime") { 5 } else { 30 * MINUTES };
	pub const MaxCommission: Perbill = Perbill::from_percent(50);
	pub const MaxCommissionIncrease: Perbill = Perbill::from_percent(5);
	pub const CommissionIncreaseDelay: EraIndex = if cfg!(feature = "fast-runtime") { 1 } else { 2 };
	/// Slashes wait one era less than the bonding duration, so governance has as long as
	/// possible to cancel one: 1 era with `fast-runtime`, else 27 (almost a week).
	pub const SlashDeferDuration: EraIndex = BondingDuration::get().saturating_sub(1);
	/// Reporters of an offence share a tenth of what is slashed of the offender's own stake.
	pub const SlashRewardFraction: Perbill = Perbill::from_percent(10);
}

/// The on-chain sequential Phragmén that elects era 0 when the chain is built.
pub struct GenesisSeqPhragmen;

impl onchain::Config for GenesisSeqPhragmen {
	type System = Runtime;
	type Solver = SequentialPhragmen<AccountId, Perbill>;
	type DataProvider = Staking;
	type WeightInfo = frame_election_provider_support::weights::SubstrateWeight<Runtime>;
	type Bounds = GenesisElectionBounds;
	type MaxWinnersPerPage = MaxValidatorSet;
	/// Every voter may back one winner: nobody is cut off.
	type MaxBackersPerWinner = MaxBackersPerWinner;
	type Sort = ConstBool<true>;
}

impl pallet_palisade_staking::Config for Runtime {
	type Currency = Balances;
	type CurrencyToVote = sp_staking::currency_to_vote::U128CurrencyToVote;
	/// Root or a passed StakingAdmin referendum.
	type AdminOrigin = StakingAdminOrigin;
	/// Root, a StakingAdmin referendum, or half of the Council or more.
	type SlashCancelOrigin = SlashCancelOrigin;
	type BondingDuration = BondingDuration;
	type MaxNominations = ConstU32<16>;
	/// Room for one chunk per era of the bonding duration, and more.
	type MaxUnlockingChunks = ConstU32<32>;
	/// 84 eras of history, as Polkadot keeps.
	type HistoryDepth = ConstU32<84>;
	type SessionsPerEra = SessionsPerEra;
	type MaxValidatorSet = MaxValidatorSet;
	/// The election reads every candidate to take the richest within its target bound.
	type MaxValidatorCandidates = MaxValidatorCandidates;
	type MaxExposurePageSize = MaxExposurePageSize;
	type ElectionProvider = MultiBlockElection;
	type GenesisElectionProvider = onchain::OnChainExecution<GenesisSeqPhragmen>;
	type ElectionLead = ElectionLead;
	/// The multi-block election's snapshot and fallback weights, benchmarked in this runtime,
	/// already include the voters and candidates this pallet reads for them.
	type ChargeElectionData = ConstBool<false>;
	type VoterList = VoterList;
	type UnixTime = Timestamp;
	type NextNewSession = Session;
	type SessionKeys = Session;
	type SessionInterface = pallet_palisade_staking::Session<Runtime>;
	type SlashDeferDuration = SlashDeferDuration;
	/// Slashed funds not paid to reporters go to the treasury.
	type Slash = ResolveTo<TreasuryAccount, Balances>;
	type SlashRewardFraction = SlashRewardFraction;
	/// An era's slash pages listed where Polkadot.js reads them (`UnappliedSlashes`): with
	/// pages of 512 nominators a validator's slash is usually one page, so Apps' Slashes tab
	/// shows 128 offenders of an era; more wait, just as cancellable, in
	/// `UnappliedSlashOverflow`.
	type MaxUnappliedSlashes = ConstU32<128>;
	type Inflation = Inflation;
	type RewardRemainder = ResolveTo<TreasuryAccount, Balances>;
	type AutoPayoutDelay = AutoPayoutDelay;
	type MaxCommission = MaxCommission;
	type MaxCommissionIncrease = MaxCommissionIncrease;
	type CommissionIncreaseDelay = CommissionIncreaseDelay;
	/// Pools and delegated staking keep their accounts with every slash and withdrawal.
	type EventListeners = crate::configs::pools::StakingListeners;
	/// What they do for a slashed or withdrawing pool, charged for every staker reported.
	type ListenerWeights = crate::configs::pools::PoolListenerWeights;
	/// Delegated staking holds the pools' funds.
	type VirtualStakeOwner = pallet_palisade_staking::DelegatedFunds<DelegatedStaking>;
	type WeightInfo = pallet_palisade_staking::weights::SubstrateWeight<Runtime>;
}

/// Bags of the voter list.
const BAG_COUNT: usize = 200;

/// Bag thresholds: from the existential deposit up, each ~13.6% above the last, so 199 bags
/// reach ~880 million PAL; the last bag takes everything above.
static BAG_THRESHOLDS: [Balance; BAG_COUNT] = bag_thresholds();

// Evaluated at compile time only: an index out of bounds or an overflow here is a build error,
// never a runtime panic.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
const fn bag_thresholds() -> [Balance; BAG_COUNT] {
	let mut thresholds = [Balance::MAX; BAG_COUNT];
	let mut threshold = EXISTENTIAL_DEPOSIT;
	let mut bag = 0;
	while bag + 1 < BAG_COUNT {
		thresholds[bag] = threshold;
		threshold = threshold.saturating_add(threshold.saturating_mul(1_357) / 10_000);
		bag += 1;
	}
	thresholds
}

parameter_types! {
	pub const BagThresholds: &'static [Balance] = &BAG_THRESHOLDS;
}

impl pallet_bags_list::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Measured in this runtime (`scripts/weights.sh`): its `on_idle` rebag follows every payout.
	type WeightInfo = crate::weights::pallet_bags_list::WeightInfo<Runtime>;
	type ScoreProvider = Staking;
	type BagThresholds = BagThresholds;
	/// The staking pallet sets a voter's score on every change a staker makes (deferred while
	/// the list is locked for a snapshot), but not on the rewards the payout bonds: the list
	/// rebags that many voters in each block's `on_idle` to catch up. At 100,000 voters a pass
	/// over the whole list takes 10,000 blocks (under 17 hours, three eras) when blocks leave
	/// the weight for it (`on_idle` only takes what a block leaves unused, and waits while the
	/// list is frozen for a snapshot), so a score typically lags its active bond by a few eras'
	/// rewards; at most 10 × `on_idle_rebag` of weight a block.
	type MaxAutoRebagPerBlock = ConstU32<10>;
	type Score = Balance;
}
