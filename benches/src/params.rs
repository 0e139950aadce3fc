//! What both benchmark runtimes share: Palisade's production block limits and staking
//! parameters, its voter-list bags and election bounds, and its inflation curve.

use crate::population::{AccountId, Balance};
use frame_support::{
	parameter_types,
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, Weight},
};
use pallet_palisade_staking::InflationCurve;
use sp_runtime::{Perbill, Perquintill};

/// The smallest balance an account may hold, in every benchmark runtime.
pub const EXISTENTIAL_DEPOSIT: Balance = 1_000_000_000;

/// Where Palisade's reward remainder and slashes go; funded at genesis in every runtime, so
/// every runtime starts with the same issuance.
pub const TREASURY: AccountId = AccountId::new([1; 32]);

/// The number of bags of the voter list, as in Palisade's runtime.
const BAG_COUNT: usize = 200;

parameter_types! {
	/// Two seconds of compute per block, 75 % for normal transactions: Palisade's blocks.
	pub BlockWeights: frame_system::limits::BlockWeights =
		frame_system::limits::BlockWeights::with_sensible_defaults(
			Weight::from_parts(2 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX),
			Perbill::from_percent(75),
		);
	pub const MaxValidatorSet: u32 = 2_000;
	pub const MaxExposurePageSize: u32 = 512;
	/// Every voter of every page of the election.
	pub const MaxElectingVoters: u32 = crate::election::PAGES * crate::election::VOTERS_PER_PAGE;
	pub const Inflation: InflationCurve = InflationCurve {
		ideal_staking_rate: Perquintill::from_percent(50),
		min_inflation: Perquintill::from_parts(25_000_000_000_000_000),
		max_inflation: Perquintill::from_percent(10),
		falloff: Perquintill::from_percent(5),
	};
	pub const BondingDuration: u32 = 28;
	pub const SessionsPerEra: u32 = 6;
	pub const HistoryDepth: u32 = 84;
	pub const MaxUnlockingChunks: u32 = 32;
	/// Slashes are applied as soon as they are worked out, so a benchmark sees a slash from
	/// its report to its application. (Production defers them: that only moves the last step.)
	pub const SlashDeferDuration: u32 = 0;
	pub const SlashRewardFraction: Perbill = Perbill::from_percent(10);
	pub BalanceBagThresholds: &'static [Balance] = &BALANCE_BAGS;
	pub VoteWeightBagThresholds: &'static [u64] = &VOTE_WEIGHT_BAGS;
}

static BALANCE_BAGS: [Balance; BAG_COUNT] = bag_thresholds();
static VOTE_WEIGHT_BAGS: [u64; BAG_COUNT] = vote_weight_bags();

/// Palisade's bags: from one unit up, each ~13.6 % above the last.
const fn bag_thresholds() -> [Balance; BAG_COUNT] {
	let mut thresholds = [Balance::MAX; BAG_COUNT];
	let mut threshold: Balance = 1_000_000_000_000;
	let mut bag = 0;
	while bag + 1 < BAG_COUNT {
		thresholds[bag] = threshold;
		threshold = threshold.saturating_add(threshold.saturating_mul(1_357) / 10_000);
		bag += 1;
	}
	thresholds
}

/// Bags of the same growth for `pallet-staking`'s score, the vote weight (a `u64`, which
/// `U128CurrencyToVote` scales down from balances), from a million up.
const fn vote_weight_bags() -> [u64; BAG_COUNT] {
	let mut thresholds = [u64::MAX; BAG_COUNT];
	let mut threshold: u64 = 1_000_000;
	let mut bag = 0;
	while bag + 1 < BAG_COUNT {
		thresholds[bag] = threshold;
		threshold = threshold.saturating_add(threshold.saturating_mul(1_357) / 10_000);
		bag += 1;
	}
	thresholds
}
