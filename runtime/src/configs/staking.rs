//! Palisade's staking pallet, its election and its voter list.
//!
//! Each era, the on-chain sequential Phragmén election (`sp-npos-elections`) elects up to
//! `MaxValidatorSet` validators from the voters `pallet-bags-list` sorts by active bond. Every
//! nominator of an elected validator is exposed: `MaxBackersPerWinner` equals the voter bound,
//! so no backer is cut off.

use crate::{
	AccountId, Balance, Balances, Runtime, RuntimeEvent, Session, Staking, Timestamp, VoterList,
	EXISTENTIAL_DEPOSIT,
};
use frame_election_provider_support::{
	bounds::{ElectionBounds, ElectionBoundsBuilder},
	onchain, SequentialPhragmen,
};
use frame_support::{
	parameter_types,
	traits::{ConstBool, ConstU32},
};
use frame_system::EnsureRoot;
use sp_runtime::Perbill;
use sp_staking::{EraIndex, SessionIndex};

parameter_types! {
	/// Eras unbonded funds wait: 2 with `fast-runtime` (2 minutes), else 28 (a week of
	/// 6-hour eras).
	pub const BondingDuration: EraIndex = if cfg!(feature = "fast-runtime") { 2 } else { 28 };
	/// Sessions per era: 2 with `fast-runtime` (one minute), else 6 (six hours).
	pub const SessionsPerEra: SessionIndex = if cfg!(feature = "fast-runtime") { 2 } else { 6 };
	/// The most validators elected per era (and BABE/GRANDPA authorities per session).
	pub const MaxValidatorSet: u32 = 1_000;
	/// Voters the election considers, richest first: room for 20,000 nominators and every
	/// validator candidate.
	pub const MaxElectingVoters: u32 = 22_500;
	/// Validator candidates the election considers.
	pub const MaxElectableTargets: u32 = 2_000;
	pub ElectionBoundsOnChain: ElectionBounds = ElectionBoundsBuilder::default()
		.voters_count(MaxElectingVoters::get().into())
		.targets_count(MaxElectableTargets::get().into())
		.build();
}

/// The on-chain sequential Phragmén election over the staking pallet's voters.
pub struct OnChainSeqPhragmen;

impl onchain::Config for OnChainSeqPhragmen {
	type System = Runtime;
	type Solver = SequentialPhragmen<AccountId, Perbill>;
	type DataProvider = Staking;
	type WeightInfo = frame_election_provider_support::weights::SubstrateWeight<Runtime>;
	type Bounds = ElectionBoundsOnChain;
	type MaxWinnersPerPage = MaxValidatorSet;
	/// Every voter may back one winner: nobody is cut off.
	type MaxBackersPerWinner = MaxElectingVoters;
	type Sort = ConstBool<true>;
}

impl pallet_palisade_staking::Config for Runtime {
	type Currency = Balances;
	type CurrencyToVote = sp_staking::currency_to_vote::U128CurrencyToVote;
	/// Root (sudo) until governance holds the staking powers.
	type AdminOrigin = EnsureRoot<AccountId>;
	type BondingDuration = BondingDuration;
	type MaxNominations = ConstU32<16>;
	/// Room for one chunk per era of the bonding duration, and more.
	type MaxUnlockingChunks = ConstU32<32>;
	/// 84 eras of history, as Polkadot keeps.
	type HistoryDepth = ConstU32<84>;
	type SessionsPerEra = SessionsPerEra;
	type MaxValidatorSet = MaxValidatorSet;
	/// Polkadot's page size.
	type MaxExposurePageSize = ConstU32<512>;
	type ElectionProvider = onchain::OnChainExecution<OnChainSeqPhragmen>;
	type VoterList = VoterList;
	type UnixTime = Timestamp;
	type NextNewSession = Session;
	type SessionKeys = Session;
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
	type WeightInfo = pallet_bags_list::weights::SubstrateWeight<Runtime>;
	type ScoreProvider = Staking;
	type BagThresholds = BagThresholds;
	/// Scores are kept exact by the staking pallet, so nothing needs rebagging.
	type MaxAutoRebagPerBlock = ConstU32<0>;
	type Score = Balance;
}
