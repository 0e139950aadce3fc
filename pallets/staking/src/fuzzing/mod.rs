//! Random call sequences against the pallet's invariants.
//!
//! A sequence starts from a small chain of the test runtime ([`crate::mock`]): ten funded
//! accounts, four validators and three nominators, with an exposure page size, slash deferral,
//! election page count, length of the listed unapplied slashes, validator count and history
//! depth read from the input. It then applies steps read
//! from the same input ([`Action`]): every call of this pallet from any origin, with
//! adversarial arguments (zero, dust, the maximum, oneself, duplicates, accounts that do not
//! exist), the calls of `pallet_nomination_pools` (create, join, bond more, unbond, withdraw,
//! claim, compound or claim for others, claim permissions, nominate, apply a member's slash),
//! balance transfers, blocks (so eras rotate, elections run, rewards and slashes are paid; the
//! session's validators author blocks in turn), and offences of any fraction, also of the
//! validators pools nominate; and runtime upgrades, which migrate a chain started at storage
//! version 2 or 3 (a quarter of them each) to the current version wherever the sequence is.
//!
//! After **every** step, and every block of a run of blocks (`invariants.rs`): the pallet's
//! `do_try_state` holds, and so do the pools' and delegated staking's; `pallet-balances`
//! adds up (total issuance is the sum of all accounts, holds are what is reserved, no account
//! lives below the existential deposit); total issuance changed only by the rewards and era
//! remainders the pallet minted, less the dust transfers destroyed (slashes go to the
//! treasury, so they change nothing); and a call that failed changed no storage at all. A
//! panic anywhere is a failure too.
//!
//! The input is an [`arbitrary::Unstructured`] byte source, so the same sequences come from
//! the seeded test run (`tests::fuzz`) and from the coverage-guided libFuzzer target
//! (`pallets/staking/fuzzer/`).

mod action;
mod chain;
mod invariants;
mod stats;

pub use action::{Action, Origin};
pub use stats::Stats;

use crate::mock::*;
use arbitrary::Unstructured;
use sp_runtime::Storage;
use sp_state_machine::BasicExternalities;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The most steps one sequence takes.
pub const MAX_STEPS: u32 = 64;

/// Why a sequence failed: the broken invariant, and the steps that led to it.
#[derive(Debug)]
pub struct Failure {
	/// The invariant that broke, or the error that stopped the sequence.
	pub reason: String,
	/// The steps applied, the last one the step that broke it.
	pub steps: Vec<String>,
}

impl core::fmt::Display for Failure {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		writeln!(f, "{}", self.reason)?;
		writeln!(f, "after these steps:")?;
		for (index, step) in self.steps.iter().enumerate() {
			writeln!(f, "{index:>4}: {step}")?;
		}
		Ok(())
	}
}

/// Runs one sequence read from `input`, checking every invariant after each step (and each
/// block), and adds what happened to `stats`. The sequence ends after [`MAX_STEPS`] steps or
/// when the input runs out.
pub fn run_sequence(input: &[u8], stats: &mut Stats) -> Result<(), Failure> {
	let mut input = Unstructured::new(input);
	// Storage in a map rather than a trie: the invariants iterate every storage item after
	// every step, and iterating a map is many times faster.
	let mut externalities = BasicExternalities::new(genesis(&mut input));
	externalities.execute_with(|| {
		// Events are only recorded from block 1 on.
		run_to_block(1);
		let mut steps = Vec::new();
		let mut chain = chain::Chain::new(stats);
		invariants::check(&chain).map_err(|reason| Failure { reason, steps: steps.clone() })?;
		while !input.is_empty() && steps.len() < MAX_STEPS as usize {
			let Ok(action) = Action::generate(&mut input) else { break };
			steps.push(format!("{action:?}"));
			let applied = catch_unwind(AssertUnwindSafe(|| chain.apply(action)))
				.unwrap_or_else(|panic| Err(format!("panicked: {}", panic_message(&*panic))));
			if let (Some(step), Some(outcome)) = (steps.last_mut(), chain.last_outcome.take()) {
				step.push_str(&format!(" -> {outcome}"));
			}
			applied.map_err(|reason| Failure { reason, steps: steps.clone() })?;
			chain.note_populated_storage();
		}
		chain.stats.sequences += 1;
		Ok(())
	})
}

/// The message a panic carried.
fn panic_message(payload: &(dyn core::any::Any + Send)) -> &str {
	payload
		.downcast_ref::<&str>()
		.copied()
		.or_else(|| payload.downcast_ref::<String>().map(String::as_str))
		.unwrap_or("(no message)")
}

/// The starting chain: accounts 1 to 10 funded from 10,000 down to dust, Alice, Bob, Charlie
/// and Dave validating, Eve and accounts 6 and 7 nominating. The runtime's parameters that
/// shape paging and slashing come from `input`.
fn genesis(input: &mut Unstructured) -> Storage {
	let byte = |input: &mut Unstructured| input.arbitrary::<u8>().unwrap_or_default();
	// A day per block, so that eras earn whole units of reward.
	MillisPerBlock::set(24 * 60 * 60 * 1_000);
	MaxExposurePageSize::set(1 + u32::from(byte(input) % 4));
	// A short history, so that old eras are pruned within a sequence: as short as the
	// pallet's integrity test allows (the bonding duration).
	HistoryDepth::set(BONDING_DURATION + u32::from(byte(input) % 3));
	SlashDeferDuration::set(u32::from(byte(input) % 3));
	ElectionPages::set(1 + u32::from(byte(input) % 3));
	// Voter pages of a few voters, so that stakers change between the snapshot's pages (and
	// some voters may not fit in them all), or of everyone.
	VoterPageSize::set(*[u32::MAX, 2, 3, 4].get(usize::from(byte(input) % 4)).unwrap_or(&u32::MAX));
	// The provider: mostly ready at once, sometimes after more than a session (the era is
	// postponed); sometimes without a result for the second page; started one or two sessions
	// ahead.
	ElectionBlocks::set(
		*[0, 0, 3, 2 * SESSION_LENGTH].get(usize::from(byte(input) % 4)).unwrap_or(&0),
	);
	MissingPages::set(if byte(input) % 4 == 0 { vec![1] } else { vec![] });
	ElectionLead::set(1 + u32::from(byte(input) % 2));
	// Short lists of unapplied slashes, so that slashes also wait beyond them.
	MaxUnappliedSlashes::set(1 + u32::from(byte(input) % 3));
	let validator_count = 1 + u32::from(byte(input) % 4);
	// A quarter of the chains start at storage version 2, paying every era from records of
	// what each staker backed, and a quarter at version 3, until an upgrade
	// (`Action::Upgrade`) migrates them.
	let version = byte(input) % 4;
	let mut storage = ExtBuilder::default()
		.funded(6, 2_000)
		.funded(7, 1_000)
		.funded(8, 100)
		.funded(9, 30)
		.funded(10, ED + 2)
		.validator(ALICE, 1_000)
		.validator(BOB, 800)
		.validator(CHARLIE, 600)
		.validator(DAVE, 300)
		.nominator(EVE, 500, vec![ALICE, BOB])
		.nominator(6, 400, vec![BOB, CHARLIE, DAVE])
		.nominator(7, 200, vec![DAVE])
		.validator_count(validator_count)
		.genesis_storage();
	match version {
		0 => BasicExternalities::execute_with_storage(&mut storage, as_version_2_genesis),
		1 => BasicExternalities::execute_with_storage(&mut storage, || {
			// Version 3 wrote no claimed eras in ledgers, and neither has a genesis.
			frame_support::traits::StorageVersion::new(3).put::<crate::Pallet<Test>>()
		}),
		_ => {},
	}
	storage
}

/// Makes the chain one that started at storage version 2: it pays every era from records of
/// what each staker backed, which its genesis wrote for era 0.
fn as_version_2_genesis() {
	use frame_support::traits::StorageVersion;
	StorageVersion::new(2).put::<crate::Pallet<Test>>();
	crate::PagedPayoutsFrom::<Test>::put(sp_staking::EraIndex::MAX);
	let validators: Vec<AccountId> =
		crate::ErasStakersOverview::<Test>::iter_key_prefix(0).collect();
	for validator in validators {
		for page in 0..Staking::reward_pages(0, &validator).unwrap_or(0) {
			for (staker, value) in Staking::stakers_on_page(0, &validator, page) {
				let backing = crate::UnpaidBacking { validator, page, value };
				let backings = crate::UnpaidBackings::<Test>::truncate_from(vec![backing]);
				Staking::add_unpaid_backings(0, &staker, backings);
			}
		}
	}
}
