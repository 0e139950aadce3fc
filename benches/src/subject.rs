//! What a staking pallet under benchmark must do: the steps both pallets are measured on,
//! each run on a [`Sandbox`](crate::sandbox::Sandbox) of the same population.

use crate::{
	population::{AccountId, Balance, Population},
	sandbox::accesses,
};
use core::time::Duration;
use frame_benchmarking::benchmarking;
use frame_support::weights::Weight;
use sp_core::storage::Storage;
use sp_runtime::{DispatchResult, Perbill};
use sp_staking::EraIndex;
use std::collections::BTreeMap;
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
	pub work: Duration,
	/// Time the block's storage root took, over what the block changed.
	pub root: Duration,
	/// The weight the pallet registered for it (hooks, election and extrinsics together).
	pub weight: Weight,
	/// The storage proof of what the block read, in bytes.
	pub proof_size: u32,
	/// Reads from the database, every one counted.
	pub reads: u32,
	/// Writes committed to the database, every one counted.
	pub writes: u32,
}

impl BlockWork {
	/// The block's whole time: its staking work and its storage root.
	pub fn time(&self) -> Duration {
		self.work + self.root
	}
}

/// Runs one block's staking work `work`, which returns the weight it registered, and closes
/// the block as a node would: its storage root is computed, its proof taken, and its changes
/// committed, so the next block reads them from the database rather than from this block's
/// overlay.
pub fn run_block(work: impl FnOnce() -> Weight) -> BlockWork {
	let (reads_before, writes_before) = accesses();
	let proof_before = benchmarking::proof_size().unwrap_or_default();
	let started = Instant::now();
	let weight = work();
	let work = started.elapsed();
	let started = Instant::now();
	sp_io::storage::root(sp_runtime::StateVersion::V1);
	let root = started.elapsed();
	let proof_size = benchmarking::proof_size().unwrap_or_default().saturating_sub(proof_before);
	benchmarking::commit_db();
	let (reads, writes) = accesses();
	BlockWork {
		work,
		root,
		weight,
		proof_size,
		reads: reads - reads_before,
		writes: writes - writes_before,
	}
}

/// What a multi-block step did, block by block.
#[derive(Clone, Debug, Default)]
pub struct Blocks {
	/// Each block's work, in order.
	pub blocks: Vec<BlockWork>,
}

impl Blocks {
	/// The time of all blocks together: staking work and storage roots.
	pub fn time(&self) -> Duration {
		self.blocks.iter().map(BlockWork::time).sum()
	}

	/// The weight all blocks registered together.
	pub fn weight(&self) -> Weight {
		self.blocks
			.iter()
			.map(|block| block.weight)
			.fold(Weight::zero(), Weight::saturating_add)
	}

	/// The proofs of all blocks together.
	pub fn proof_size(&self) -> u32 {
		self.blocks.iter().map(|block| block.proof_size).sum()
	}

	/// The block that took longest, and its number in the step (from 1).
	pub fn slowest(&self) -> (usize, BlockWork) {
		self.numbered().max_by_key(|(_, block)| block.time()).unwrap_or_default()
	}

	/// The block that registered the most weight, and its number in the step (from 1).
	pub fn heaviest(&self) -> (usize, BlockWork) {
		self.numbered()
			.max_by_key(|(_, block)| block.weight.ref_time())
			.unwrap_or_default()
	}

	/// Each block with its number in the step, from 1.
	fn numbered(&self) -> impl Iterator<Item = (usize, BlockWork)> + '_ {
		self.blocks.iter().copied().enumerate().map(|(index, block)| (index + 1, block))
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

	/// Every validator's exposure in `era`, its pages merged.
	fn exposures(era: EraIndex) -> Vec<Exposed>;

	/// What `era` pays its validators and nominators (zero until it ends).
	fn era_reward(era: EraIndex) -> Balance;

	/// The reward points of `era`: their total and each validator's.
	fn reward_points(era: EraIndex) -> (u32, BTreeMap<AccountId, u32>);

	/// Everything `who` holds: free, bonded and unlocking.
	fn total_balance(who: &AccountId) -> Balance;

	/// The currency's total issuance.
	fn total_issuance() -> Balance;
}

/// A validator's exposure in an era: its own stake and each nominator's behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exposed {
	pub validator: AccountId,
	pub own: Balance,
	pub nominators: Vec<(AccountId, Balance)>,
}

impl Exposed {
	/// Own and nominated stake together.
	pub fn total(&self) -> Balance {
		self.own + self.nominators.iter().map(|(_, stake)| stake).sum::<Balance>()
	}
}

/// The reads of [`Subject`] every twin answers alike, from storage named as `pallet-staking`
/// names it (each pallet keeps those names) and `pallet-balances`: expands to the trait's
/// `active_era`, `exposures`, `era_reward`, `reward_points`, `total_balance` and
/// `total_issuance` for `$runtime`, whose staking pallet's storage is at `$staking`.
/// `|$page| $others` takes a stored exposure page to its nominators.
#[macro_export]
macro_rules! staking_reads {
	($runtime:ty, $staking:path, |$page:ident| $others:expr) => {
		fn active_era() -> sp_staking::EraIndex {
			use $staking as staking;
			staking::ActiveEra::<$runtime>::get().map_or(0, |active| active.index)
		}

		fn exposures(era: sp_staking::EraIndex) -> Vec<$crate::subject::Exposed> {
			use $staking as staking;
			staking::ErasStakersOverview::<$runtime>::iter_prefix(era)
				.map(|(validator, overview)| {
					let nominators = (0..overview.page_count)
						.filter_map(|page| {
							staking::ErasStakersPaged::<$runtime>::get((era, &validator, page))
						})
						.flat_map(|$page| $others)
						.map(|exposure| (exposure.who, exposure.value))
						.collect();
					$crate::subject::Exposed { validator, own: overview.own, nominators }
				})
				.collect()
		}

		fn era_reward(era: sp_staking::EraIndex) -> $crate::population::Balance {
			use $staking as staking;
			staking::ErasValidatorReward::<$runtime>::get(era).unwrap_or_default()
		}

		fn reward_points(
			era: sp_staking::EraIndex,
		) -> (u32, std::collections::BTreeMap<$crate::population::AccountId, u32>) {
			use $staking as staking;
			let points = staking::ErasRewardPoints::<$runtime>::get(era);
			(points.total, points.individual.into_iter().collect())
		}

		fn total_balance(who: &$crate::population::AccountId) -> $crate::population::Balance {
			use frame_support::traits::fungible::Inspect;
			pallet_balances::Pallet::<$runtime>::total_balance(who)
		}

		fn total_issuance() -> $crate::population::Balance {
			pallet_balances::Pallet::<$runtime>::total_issuance()
		}
	};
}
