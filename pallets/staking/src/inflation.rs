//! The era payout: the NPoS inflation curve on the staking rate.
//!
//! Yearly inflation rises linearly from `min_inflation` when nothing is staked to
//! `max_inflation` at the ideal staking rate, and past it falls back towards `min_inflation`,
//! halving its distance every `falloff` of staking rate (`pallet_staking_reward_fn`). Stakers
//! receive that inflation, for the era's share of a year; what is left up to `max_inflation`
//! is the era's remainder, which the runtime sends where it wants (its treasury).

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use pallet_staking_reward_fn::compute_inflation;
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{AtLeast32BitUnsigned, Saturating},
	Perquintill, SaturatedConversion,
};

/// Milliseconds in a year of 365.25 days.
pub const MILLISECONDS_PER_YEAR: u64 = 1_000 * 3_600 * 24 * 36_525 / 100;

/// The parameters of the NPoS inflation curve.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct InflationCurve {
	/// The staking rate (bonded stake over total issuance) at which stakers earn the most.
	pub ideal_staking_rate: Perquintill,
	/// Yearly inflation paid to stakers when nothing is staked.
	pub min_inflation: Perquintill,
	/// Yearly inflation paid to stakers at the ideal staking rate; also the era's whole
	/// issuance, stakers' payout and remainder together.
	pub max_inflation: Perquintill,
	/// Past the ideal staking rate, the stakers' inflation above `min_inflation` halves every
	/// `falloff` of staking rate.
	pub falloff: Perquintill,
}

impl InflationCurve {
	/// The yearly inflation paid to stakers at `staking_rate`.
	pub fn staker_inflation(&self, staking_rate: Perquintill) -> Perquintill {
		let adjustment = compute_inflation(staking_rate, self.ideal_staking_rate, self.falloff);
		let range = self.max_inflation.saturating_sub(self.min_inflation);
		self.min_inflation.saturating_add(range.saturating_mul(adjustment))
	}

	/// The payout of an era that lasted `era_duration_ms` with `total_staked` of
	/// `total_issuance` exposed: what stakers receive, and the remainder up to
	/// `max_inflation`. Both round down.
	pub fn era_payout<Balance: AtLeast32BitUnsigned + Copy>(
		&self,
		total_staked: Balance,
		total_issuance: Balance,
		era_duration_ms: u64,
	) -> (Balance, Balance) {
		let staking_rate = Perquintill::from_rational(
			total_staked.saturated_into::<u128>(),
			total_issuance.saturated_into::<u128>().max(1),
		);
		let year_share = Perquintill::from_rational(era_duration_ms, MILLISECONDS_PER_YEAR);
		let stakers =
			part_of(year_share.saturating_mul(self.staker_inflation(staking_rate)), total_issuance);
		let maximum = part_of(year_share.saturating_mul(self.max_inflation), total_issuance);
		(stakers, maximum.saturating_sub(stakers))
	}
}

/// `share` of `amount`, rounded down.
pub fn part_of<Balance: AtLeast32BitUnsigned>(share: Perquintill, amount: Balance) -> Balance {
	share.mul_floor(amount.saturated_into::<u128>()).saturated_into()
}
