//! Each benchmark step on a sandbox, with a check that it did what it is named for: a
//! benchmark of a call that failed, or of an era that did not rotate, would measure nothing.

use crate::{
	population::{AccountId, Population},
	sandbox::{evolve, Cost, Sandbox},
	subject::{Blocks, Call, Subject},
};
use sp_core::storage::Storage;
use sp_runtime::Perbill;

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

/// Rotates the era; panics unless the next era is active afterwards.
pub fn rotation<S: Subject>(sandbox: &Sandbox) -> (Cost, Blocks) {
	let (cost, (blocks, _)) = sandbox.run(
		|| {
			S::prepare_rotation();
			S::active_era()
		},
		|before| (S::rotate_era(), before),
		|(_, before)| {
			assert_eq!(S::active_era(), before + 1, "{}: the era did not rotate", S::NAME)
		},
	);
	(whole(cost, &blocks), blocks)
}

/// The state after an era rotation from `genesis`: the ended era is due to be paid.
pub fn rotated<S: Subject>(genesis: Storage) -> Storage {
	evolve(genesis, || {
		S::prepare_rotation();
		S::rotate_era();
	})
}

/// Pays the ended era; panics unless rewards were minted. Returns the nominators exposed in
/// it too.
pub fn payout<S: Subject>(sandbox: &Sandbox) -> (Cost, Blocks, u32) {
	let mut nominators = 0;
	let (cost, (blocks, _)) = sandbox.run(
		|| {
			let era = S::active_era().saturating_sub(1);
			nominators = S::nominators_exposed(era, None);
			S::total_issuance()
		},
		|before| (S::pay_out_era(), before),
		|(_, before)| assert!(S::total_issuance() > *before, "{}: no reward was paid", S::NAME),
	);
	(whole(cost, &blocks), blocks, nominators)
}

/// Slashes `validator` by [`SLASH`] for an offence in the active era; panics unless its bond
/// shrank.
pub fn slash<S: Subject>(sandbox: &Sandbox, validator: AccountId) -> (Cost, Blocks) {
	let (cost, (blocks, _)) = sandbox.run(
		|| S::active_bond(validator.clone()),
		|before| (S::slash(validator.clone(), SLASH), before),
		|(_, before)| {
			assert!(S::active_bond(validator.clone()) < *before, "{}: nothing was slashed", S::NAME)
		},
	);
	(whole(cost, &blocks), blocks)
}

/// The cost of a multi-block step: its blocks' work and proofs together (each block commits
/// its changes, so the sandbox's own proof covers only the last one).
fn whole(cost: Cost, blocks: &Blocks) -> Cost {
	Cost { time: blocks.time(), proof_size: blocks.proof_size(), ..cost }
}
