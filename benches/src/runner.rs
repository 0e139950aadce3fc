//! Each benchmark step on a sandbox, with a check that it did what it is named for: a
//! benchmark of a call that failed, or of an era that did not rotate, would measure nothing.

use crate::{
	params::TREASURY,
	population::{AccountId, Balance, Population},
	sandbox::{evolve, pallet_state, Cost, Sandbox},
	subject::{Blocks, Call, Exposed, Subject},
};
use sp_core::storage::Storage;
use sp_runtime::Perbill;
use sp_staking::EraIndex;
use std::collections::BTreeMap;

/// The fraction the slash benchmark slashes.
pub const SLASH: Perbill = Perbill::from_percent(10);

/// A sandbox of `storage` with `S`'s whitelist.
pub fn sandbox<S: Subject>(storage: Storage) -> Sandbox {
	Sandbox::new(storage, S::whitelist())
}

/// Dispatches `call` after its preparation; panics if it fails.
pub fn call<S: Subject>(sandbox: &Sandbox, population: &Population, call: Call) -> Cost {
	let (cost, result) =
		sandbox.run(|| S::prepare(call), |()| S::dispatch(call, population), |_| {});
	assert_eq!(result, Ok(()), "{}: {} failed", S::NAME, call.name());
	cost
}

/// The staking pallet's storage (keys, bytes) before an era's election, after it, and after
/// the era's payout.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StateGrowth {
	pub before: (u32, u64),
	pub elected: (u32, u64),
	pub paid: (u32, u64),
}

impl StateGrowth {
	/// The bytes the era's election added: the era's state at its largest.
	pub fn added(&self) -> u64 {
		self.elected.1.saturating_sub(self.before.1)
	}

	/// The bytes the era leaves once paid, kept until `HistoryDepth` eras later.
	pub fn kept(&self) -> u64 {
		self.paid.1.saturating_sub(self.before.1)
	}
}

/// Rotates the era; panics unless the next era is active afterwards. Returns how the staking
/// pallet's storage grew too, with the era's election and with its payout (run after the
/// measurement).
pub fn rotation<S: Subject>(sandbox: &Sandbox) -> (Cost, Blocks, StateGrowth) {
	let mut growth = StateGrowth::default();
	let (cost, (blocks, _)) = sandbox.run(
		|| {
			S::prepare_rotation();
			growth.before = pallet_state("Staking");
			S::active_era()
		},
		|before| (S::rotate_era(), before),
		|(_, before)| {
			assert_eq!(S::active_era(), before + 1, "{}: the era did not rotate", S::NAME);
			growth.elected = pallet_state("Staking");
			S::pay_out_era();
			growth.paid = pallet_state("Staking");
		},
	);
	(whole(cost, &blocks), blocks, growth)
}

/// The state after an era rotation from `genesis`: the ended era is due to be paid.
pub fn rotated<S: Subject>(genesis: Storage) -> Storage {
	evolve(genesis, || {
		S::prepare_rotation();
		S::rotate_era();
	})
}

/// What the payout of an era paid.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Paid {
	/// Nominators exposed in the era, each paid once.
	pub nominators: u32,
	/// What the payout minted.
	pub minted: Balance,
}

/// Pays the ended era. Panics unless every staker exposed in it was paid exactly its share
/// (for each validator it backed: the validator's share of the era's reward by points, split
/// by stake; no commission is set), every other account received nothing, and the payout
/// minted what it paid.
pub fn payout<S: Subject>(sandbox: &Sandbox, population: &Population) -> (Cost, Blocks, Paid) {
	let mut paid = Paid::default();
	let (cost, (blocks, _)) = sandbox.run(
		|| {
			let era = S::active_era().saturating_sub(1);
			let owed = owed::<S>(era);
			paid.nominators = nominators_in(&S::exposures(era));
			(owed, balances::<S>(population), S::total_issuance())
		},
		|before| (S::pay_out_era(), before),
		|(_, (owed, before, issuance))| {
			let after = balances::<S>(population);
			let mut total = 0;
			for (who, balance) in &after {
				let received = balance - before[who];
				let due = owed.get(who).copied().unwrap_or_default();
				assert!(
					received.abs_diff(due) <= tolerance(due),
					"{}: {who} received {received}, owed {due}",
					S::NAME
				);
				total += received;
			}
			paid.minted = S::total_issuance() - issuance;
			assert!(paid.minted > 0, "{}: no reward was paid", S::NAME);
			assert_eq!(paid.minted, total, "{}: minted what it did not pay", S::NAME);
		},
	);
	(whole(cost, &blocks), blocks, paid)
}

/// What each staker is owed for `era`: for each validator it is exposed behind, the
/// validator's share of the era's reward (by reward points), split by stake.
fn owed<S: Subject>(era: EraIndex) -> BTreeMap<AccountId, Balance> {
	let reward = S::era_reward(era);
	let (total_points, points) = S::reward_points(era);
	let mut owed = BTreeMap::<AccountId, Balance>::new();
	for exposed in S::exposures(era) {
		let validator_points = points.get(&exposed.validator).copied().unwrap_or_default();
		let payout = share(reward, validator_points.into(), total_points.into());
		let total = exposed.total();
		let stakes = exposed.nominators.iter().cloned().chain([(exposed.validator, exposed.own)]);
		for (who, stake) in stakes {
			*owed.entry(who).or_default() += share(payout, stake, total);
		}
	}
	owed
}

/// `amount × part / whole`, without overflow.
fn share(amount: Balance, part: Balance, whole: Balance) -> Balance {
	sp_runtime::helpers_128bit::multiply_by_rational_with_rounding(
		amount,
		part,
		whole.max(1),
		sp_runtime::Rounding::Down,
	)
	.unwrap_or_default()
}

/// How far a payment may be from its exact share: the pallets round through `Perbill`
/// (a billionth of the validator's payout, twice) and per page; a staker paid twice, or not
/// at all, is off by its whole share.
fn tolerance(due: Balance) -> Balance {
	due / 1_000_000 + 1_000_000
}

/// The number of distinct nominators behind `exposures`.
fn nominators_in(exposures: &[Exposed]) -> u32 {
	let nominators: std::collections::BTreeSet<&AccountId> = exposures
		.iter()
		.flat_map(|exposed| exposed.nominators.iter().map(|(who, _)| who))
		.collect();
	nominators.len() as u32
}

/// Every account of `population` with all it holds.
fn balances<S: Subject>(population: &Population) -> BTreeMap<AccountId, Balance> {
	population
		.endowed()
		.into_iter()
		.map(|(who, _)| {
			let balance = S::total_balance(&who);
			(who, balance)
		})
		.collect()
}

/// Slashes `validator` by [`SLASH`] for an offence in the active era. Panics unless every
/// staker exposed behind it (and itself) lost exactly [`SLASH`] of its exposed stake, and no
/// other staker lost anything.
pub fn slash<S: Subject>(
	sandbox: &Sandbox,
	population: &Population,
	validator: AccountId,
) -> (Cost, Blocks) {
	let (cost, (blocks, _)) = sandbox.run(
		|| {
			let era = S::active_era();
			let exposed = S::exposures(era)
				.into_iter()
				.find(|exposed| exposed.validator == validator)
				.unwrap_or_else(|| panic!("{}: {validator} is not exposed", S::NAME));
			let due: BTreeMap<AccountId, Balance> = exposed
				.nominators
				.into_iter()
				.chain([(validator.clone(), exposed.own)])
				.map(|(who, stake)| (who, SLASH * stake))
				.collect();
			(due, balances::<S>(population))
		},
		|before| (S::slash(validator.clone(), SLASH), before),
		|(_, (due, before))| {
			for (who, balance) in balances::<S>(population) {
				if who == TREASURY {
					continue;
				}
				let lost = before[&who] - balance;
				let owed = due.get(&who).copied().unwrap_or_default();
				assert!(lost.abs_diff(owed) <= 1, "{}: {who} lost {lost}, not {owed}", S::NAME);
			}
			assert!(!due.is_empty());
		},
	);
	(whole(cost, &blocks), blocks)
}

/// The cost of a multi-block step: its blocks' work and proofs together (each block commits
/// its changes, so the sandbox's own proof covers only the last one).
fn whole(cost: Cost, blocks: &Blocks) -> Cost {
	Cost { time: blocks.time(), proof_size: blocks.proof_size(), ..cost }
}
