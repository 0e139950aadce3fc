//! The pallet's data types.
//!
//! Their SCALE shapes follow `pallet-staking` wherever the feature is the same, so that
//! Polkadot.js (`api.derive.staking`, the Apps Staking pages) decodes them without custom types:
//! balances and eras that `pallet-staking` encodes as `Compact` are `Compact` here too.

use crate::{BalanceOf, Config};
use codec::{Codec, Decode, DecodeWithMemTracking, Encode, HasCompact, MaxEncodedLen};
use frame_support::{BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use scale_info::TypeInfo;
use sp_runtime::Perbill;
use sp_staking::EraIndex;

/// Funds that are unbonding: `value` can be withdrawn once era `era` has started.
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
	/// Always empty. Kept so that Polkadot.js, which reads this field of `pallet-staking`'s
	/// ledger, decodes Palisade's ledger unchanged.
	pub legacy_claimed_rewards: BoundedVec<EraIndex, T::HistoryDepth>,
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

/// How `set_staking_configs` changes one parameter.
#[derive(Clone, Copy, Encode, Decode, DecodeWithMemTracking, Debug, TypeInfo, PartialEq, Eq)]
pub enum ConfigOp<T: Default + Codec> {
	/// Leave it as it is.
	Noop,
	/// Set it to the value.
	Set(T),
	/// Remove it: it returns to its default.
	Remove,
}
