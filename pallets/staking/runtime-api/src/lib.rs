//! The runtime API wallets call to answer "how much will I earn, and when is my money free?"
//! for a Palisade staker; from version 2 also what a validator's operator watches (which the
//! node exports as Prometheus metrics). (Polkadot.js calls it as `api.call.palisadeStakingApi.*`.)
//! On test networks, a second API checks the staking pallet's invariants on live state.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::{string::String, vec::Vec};
use codec::{Codec, Decode, Encode};
use scale_info::TypeInfo;
use sp_runtime::{FixedU128, Perbill};
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

/// Where the election of the next era's validators is: the election provider's phases, then
/// the staking pallet's fetching of the result.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, Debug, TypeInfo)]
pub enum ElectionStage {
	/// No election is running.
	Idle,
	/// The provider is taking its snapshot of voters and targets.
	Snapshot,
	/// The provider is taking and checking signed solutions.
	Signed,
	/// The provider is taking unsigned solutions from validators' miners.
	Unsigned,
	/// The provider has its result and waits for staking to fetch it.
	Solved,
	/// Staking is fetching the result, a page per block.
	Fetching,
	/// The next era's validators are elected; they take over at its first session.
	Ready,
	/// The election failed; what it stored is being cleared before a new one.
	Clearing,
	/// The provider found no acceptable result and waits for governance.
	Emergency,
}

impl ElectionStage {
	/// Every stage, in the order an election goes through them.
	pub const ALL: [ElectionStage; 9] = [
		Self::Idle,
		Self::Snapshot,
		Self::Signed,
		Self::Unsigned,
		Self::Solved,
		Self::Fetching,
		Self::Ready,
		Self::Clearing,
		Self::Emergency,
	];

	/// The stage's name, as the node's metrics label it.
	pub fn name(&self) -> &'static str {
		match self {
			Self::Idle => "idle",
			Self::Snapshot => "snapshot",
			Self::Signed => "signed",
			Self::Unsigned => "unsigned",
			Self::Solved => "solved",
			Self::Fetching => "fetching",
			Self::Ready => "ready",
			Self::Clearing => "clearing",
			Self::Emergency => "emergency",
		}
	}
}

/// A validator's standing, as its operator watches it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug, TypeInfo)]
pub struct ValidatorStatus<AccountId, Balance> {
	/// The validator's stash.
	pub stash: AccountId,
	/// Its active bond.
	pub active_bond: Balance,
	/// Whether it intends to validate (it called `validate` and has not chilled).
	pub validating: bool,
	/// Whether it was elected for the active era.
	pub elected: bool,
	/// Whether it is disabled after an offence (until the next era's validators take over).
	pub disabled: bool,
	/// Its reward points in the active era.
	pub era_points: u32,
	/// Its commission.
	pub commission: Perbill,
	/// An announced commission increase, and the first era it applies to.
	pub announced_commission: Option<(Perbill, EraIndex)>,
	/// Whether a slash of it as the offender is being worked out or waits for its era.
	pub slash_pending: bool,
	/// What the slashes worked out so far take of its own stake.
	pub unapplied_slash_own: Balance,
}

/// What a node's operator watches: the chain's era and election, and the validator whose
/// session key the node holds.
#[derive(Clone, PartialEq, Eq, Encode, Decode, Debug, TypeInfo)]
pub struct OperatorStatus<AccountId, Balance> {
	/// The active era.
	pub active_era: Option<EraIndex>,
	/// Where the election of the next era is.
	pub election: ElectionStage,
	/// The validator the key belongs to; `None` if no stash registered it.
	pub validator: Option<ValidatorStatus<AccountId, Balance>>,
}

sp_api::decl_runtime_apis! {
	/// Amounts and times for one staker; from version 2, an operator's view.
	#[api_version(2)]
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

		/// The era, the election, and the standing of the validator whose BABE session key is
		/// `babe_key` (the 32 bytes of the public key).
		#[api_version(2)]
		fn operator_status(babe_key: Vec<u8>) -> OperatorStatus<AccountId, Balance>;
	}

	/// The staking pallet's invariants, checked on live state. Test networks' runtimes serve it
	/// (built with `fast-runtime`); a production runtime does not: the check reads all of the
	/// pallet's storage, and any RPC client could make a node run it (`state_call` is a safe
	/// method). Production chains check their state with try-runtime instead.
	pub trait PalisadeStakingChecksApi {
		/// Checks every invariant of the staking pallet on the state of this block (what its
		/// `try_state` checks after every block in tests): `Err` names the first that fails.
		fn check_invariants() -> Result<(), String>;
	}
}
