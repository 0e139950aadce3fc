//! The runtime API wallets call to answer "how much will I earn, and when is my money free?"
//! for a Palisade staker. (Polkadot.js calls it as `api.call.palisadeStakingApi.*`.)

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use scale_info::TypeInfo;
use sp_runtime::FixedU128;
use sp_staking::EraIndex;

/// Funds that are unbonding: how much, the era from which they can be withdrawn, and when that
/// era is expected to start.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug, TypeInfo)]
pub struct UnbondingChunk<Balance> {
	/// The amount unbonding.
	pub value: Balance,
	/// The era from which it can be withdrawn.
	pub era: EraIndex,
	/// When that era is expected to start, in milliseconds since the Unix epoch, at the
	/// chain's planned era length. `None` before the first era has a start time.
	pub expected_at: Option<u64>,
}

sp_api::decl_runtime_apis! {
	/// Amounts and times for one staker.
	pub trait PalisadeStakingApi<AccountId, Balance>
	where
		AccountId: Codec,
		Balance: Codec,
	{
		/// The rewards `who` has earned and not been paid yet, per ended era. They are paid
		/// automatically shortly after each era; this shows what is on its way.
		fn pending_rewards(who: AccountId) -> Vec<(EraIndex, Balance)>;

		/// `who`'s unbonding funds, earliest first.
		fn unbonding_schedule(who: AccountId) -> Vec<UnbondingChunk<Balance>>;

		/// The yearly return on `who`'s stake (1 is 100 %; it exceeds 1 when little is staked),
		/// projected from the inflation curve at the
		/// current staking rate, the commission of the validators it backs in the active era,
		/// and its share of their exposure, assuming every validator earns the same reward
		/// points. For a staker not exposed in the active era, the return of the average
		/// exposed stake before commission: what a new nominator can expect.
		fn projected_annual_yield(who: AccountId) -> FixedU128;
	}
}
