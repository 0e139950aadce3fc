//! What a staking pallet under benchmark must do: the steps both pallets are measured on,
//! each run on a [`Sandbox`](crate::sandbox::Sandbox) of the same population.

use crate::population::{AccountId, Balance, Population};
use core::time::Duration;
use frame_benchmarking::benchmarking;
use frame_support::weights::Weight;
use sp_core::storage::Storage;
use sp_runtime::{DispatchResult, Perbill};
use sp_staking::EraIndex;
use std::time::Instant;

/// The calls of the side-by-side table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Call {
	/// A funded newcomer bonds.
	Bond,
	/// A nominator bonds more.
	BondExtra,
	/// A nominator unbonds part of its bond.
	Unbond,
	/// A nominator withdraws a matured chunk and stays bonded.
	WithdrawUnbonded,
	/// A nominator takes an unlocking chunk back.
	Rebond,
	/// A bonded newcomer becomes a validator candidate.
	Validate,
	/// A bonded newcomer nominates 16 validators.
	Nominate,
	/// A nominator stops nominating.
	Chill,
}

impl Call {
	pub const ALL: [Call; 8] = [
		Call::Bond,
		Call::BondExtra,
		Call::Unbond,
		Call::WithdrawUnbonded,
		Call::Rebond,
		Call::Validate,
		Call::Nominate,
		Call::Chill,
	];

	/// The call's name, as in both pallets.
	pub fn name(&self) -> &'static str {
		match self {
			Call::Bond => "bond",
			Call::BondExtra => "bond_extra",
			Call::Unbond => "unbond",
			Call::WithdrawUnbonded => "withdraw_unbonded",
			Call::Rebond => "rebond",
			Call::Validate => "validate",
			Call::Nominate => "nominate(16)",
			Call::Chill => "chill",
		}
	}
}

/// One block's share of a multi-block step.
#[derive(Clone, Copy, Debug, Default)]
pub struct BlockWork {
	/// Time the staking work of the block took.
	pub time: Duration,
	/// The weight the pallet registered for it (hooks and election together).
	pub weight: Weight,
	/// The storage proof of what the block read, in bytes.
	pub proof_size: u32,
}

/// Runs one block's staking work `work`, which returns the weight it registered, and closes
/// the block as a node would: its proof is taken and its changes are committed, so the next
/// block reads them from the database rather than from this block's overlay.
pub fn run_block(work: impl FnOnce() -> Weight) -> BlockWork {
	let proof_before = benchmarking::proof_size().unwrap_or_default();
	let started = Instant::now();
	let weight = work();
	let time = started.elapsed();
	let proof_size = benchmarking::proof_size().unwrap_or_default().saturating_sub(proof_before);
	benchmarking::commit_db();
	BlockWork { time, weight, proof_size }
}

/// What a multi-block step did, block by block.
#[derive(Clone, Debug, Default)]
pub struct Blocks {
	/// Each block's work, in order.
	pub blocks: Vec<BlockWork>,
}

impl Blocks {
	/// The staking work of all blocks together.
	pub fn time(&self) -> Duration {
		self.blocks.iter().map(|block| block.time).sum()
	}

	/// The proofs of all blocks together.
	pub fn proof_size(&self) -> u32 {
		self.blocks.iter().map(|block| block.proof_size).sum()
	}

	/// The block whose staking work took longest.
	pub fn heaviest(&self) -> BlockWork {
		self.blocks.iter().copied().max_by_key(|block| block.time).unwrap_or_default()
	}
}

/// A staking pallet in its benchmark runtime.
pub trait Subject {
	/// "Palisade" or "pallet-staking".
	const NAME: &'static str;

	/// Genesis storage of `population`: its stakers bonded, era 0 elected and active.
	fn genesis(population: &Population) -> Storage;

	/// Keys every block reads or writes anyway (block number, events…): not counted.
	fn whitelist() -> Vec<sp_core::storage::TrackedStorageKey>;

	/// Gets state ready for `call` (bonds, unbonds, moves eras) without measuring it.
	fn prepare(call: Call);

	/// Dispatches `call` as its signed origin.
	fn dispatch(call: Call, population: &Population) -> DispatchResult;

	/// Gives every validator of the active era reward points and ends the era's first block,
	/// so it has a start time. Then forces the next era.
	fn prepare_rotation();

	/// Elects and starts the next era, from the election's start to the era's first block.
	fn rotate_era() -> Blocks;

	/// Pays every staker of the last ended era, as the chain would: automatically for
	/// Palisade, by `payout_stakers_by_page` of every page for `pallet-staking`.
	fn pay_out_era() -> Blocks;

	/// `validator` is reported for an offence in the active era, slashed by `fraction`; runs
	/// until the slash is applied.
	fn slash(validator: AccountId, fraction: Perbill) -> Blocks;

	/// The active era.
	fn active_era() -> EraIndex;

	/// `who`'s active bond.
	fn active_bond(who: AccountId) -> Balance;

	/// The currency's total issuance.
	fn total_issuance() -> Balance;

	/// The nominators exposed in `era` (behind `validator` only, if given).
	fn nominators_exposed(era: EraIndex, validator: Option<AccountId>) -> u32;
}
