//! The benchmark steps on Palisade's pallet: calls dispatched as signed extrinsics, and the
//! multi-block work (election, exposure recording, automatic payout, slashes) run block by
//! block through the pallet's hooks, as the chain runs it.

use super::{Runtime, RuntimeOrigin, Staking, System, Timestamp};
use crate::{
	election::{self, PagedElection},
	population::{nominator, spare, AccountId, Population, UNIT},
	subject::{run_block, BlockWork, Blocks, Call, Subject},
};
use frame_support::{traits::Hooks, weights::Weight};
use pallet_palisade_staking::{
	CurrentEra, ElectionPhase, ForceEra, Forcing, NextEraElection, RewardDestination,
	SlashComputationQueue, UnappliedSlashEras, UnpaidEras, ValidatorPrefs,
};
use pallet_session::SessionManager;
use sp_runtime::{traits::Dispatchable, DispatchResult, Perbill};
use sp_staking::offence::OffenceDetails;

/// The most blocks a multi-block step may take before the benchmark gives up.
const MAX_BLOCKS: u32 = 10_000;
/// Milliseconds between blocks.
const BLOCK_TIME: u64 = 6_000;

/// Palisade's pallet.
pub struct Palisade;

/// Runs one block: the election's snapshot page (if it is taking one), `session_change` (if
/// any) as `pallet-session`'s hook would, then the staking hooks. Returns the block's work.
fn block(session_change: impl FnOnce()) -> BlockWork {
	let now = System::block_number() + 1;
	block_at(now * BLOCK_TIME, session_change)
}

/// [`block`] at time `timestamp`.
fn block_at(timestamp: u64, session_change: impl FnOnce()) -> BlockWork {
	let now = System::block_number() + 1;
	System::set_block_number(now);
	Timestamp::set_timestamp(timestamp);
	// As `frame_system::initialize` does: each block has its own events and weight.
	System::reset_events();
	frame_system::BlockWeight::<Runtime>::kill();
	PagedElection::<Staking>::mine_when_ready();
	run_block(|| {
		PagedElection::<Staking>::snapshot_step();
		let hooks = Staking::on_initialize(now);
		session_change();
		Staking::on_finalize(now);
		// The election provider registers its own work as extra weight.
		hooks.saturating_add(System::block_weight().total())
	})
}

/// Runs blocks until `done`.
fn blocks_until(blocks: &mut Vec<BlockWork>, done: impl Fn() -> bool) {
	while !done() {
		assert!(blocks.len() < MAX_BLOCKS as usize, "the step did not end in {MAX_BLOCKS} blocks");
		blocks.push(block(|| {}));
	}
}

/// The current session (the benchmark moves `pallet-session`'s index as it rotates).
fn current_session() -> u32 {
	pallet_session::CurrentIndex::<Runtime>::get()
}

/// Rotates `pallet-session` from `session` to the next, as its hook does.
fn rotate_session(session: u32) {
	<Staking as SessionManager<AccountId>>::end_session(session);
	<Staking as SessionManager<AccountId>>::start_session(session + 1);
	<Staking as SessionManager<AccountId>>::new_session(session + 2);
	pallet_session::CurrentIndex::<Runtime>::put(session + 1);
}

fn signed(who: AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn staking_call(call: pallet_palisade_staking::Call<Runtime>) -> super::RuntimeCall {
	super::RuntimeCall::Staking(call)
}

impl Subject for Palisade {
	const NAME: &'static str = "Palisade";

	fn genesis(population: &Population) -> sp_core::storage::Storage {
		super::genesis(population)
	}

	fn whitelist() -> Vec<sp_core::storage::TrackedStorageKey> {
		crate::whitelist()
	}

	fn prepare(call: Call) {
		use pallet_palisade_staking::Call as C;
		let dispatch = |who, call| {
			staking_call(call)
				.dispatch(signed(who))
				.map(|_| ())
				.map_err(|error| error.error)
		};
		let result = match call {
			Call::Bond | Call::BondExtra | Call::Unbond | Call::Chill => Ok(()),
			Call::WithdrawUnbonded => {
				let unbonded = dispatch(nominator(0), C::unbond { value: 100 * UNIT });
				CurrentEra::<Runtime>::put(1_000);
				unbonded
			},
			Call::Rebond => dispatch(nominator(0), C::unbond { value: 100 * UNIT }),
			Call::Validate => dispatch(
				spare(1),
				C::bond { value: 20_000 * UNIT, payee: RewardDestination::Staked },
			),
			Call::Nominate => dispatch(
				spare(2),
				C::bond { value: 5_000 * UNIT, payee: RewardDestination::Staked },
			),
		};
		assert_eq!(result, Ok(()), "Palisade: preparing {}", call.name());
	}

	fn dispatch(call: Call, population: &Population) -> DispatchResult {
		use pallet_palisade_staking::Call as C;
		let (who, call) = match call {
			Call::Bond => {
				(spare(0), C::bond { value: 5_000 * UNIT, payee: RewardDestination::Staked })
			},
			Call::BondExtra => (nominator(0), C::bond_extra { max_additional: 100 * UNIT }),
			Call::Unbond => (nominator(0), C::unbond { value: 100 * UNIT }),
			Call::WithdrawUnbonded => {
				(nominator(0), C::withdraw_unbonded { num_slashing_spans: 0 })
			},
			Call::Rebond => (nominator(0), C::rebond { value: 100 * UNIT }),
			Call::Validate => (spare(1), C::validate { prefs: ValidatorPrefs::default() }),
			Call::Nominate => (spare(2), C::nominate { targets: population.first_targets() }),
			Call::Chill => (nominator(0), C::chill {}),
		};
		staking_call(call)
			.dispatch(signed(who))
			.map(|_| ())
			.map_err(|error| error.error)
	}

	fn prepare_rotation() {
		election::reset();
		// The active era's first block: it gets its start time.
		block(|| {});
		let validators = pallet_session::Validators::<Runtime>::get();
		Staking::reward_by_ids(validators.into_iter().map(|validator| (validator, 20)));
		// Six hours later, the next era is due.
		System::set_block_number(System::block_number() + 3_600);
		Timestamp::set_timestamp(System::block_number() * BLOCK_TIME);
		ForceEra::<Runtime>::put(Forcing::ForceNew);
	}

	fn rotate_era() -> Blocks {
		let session = current_session();
		// The era ends at the time `prepare_rotation` set, six hours after it started, however
		// many blocks the election takes (as every pallet's era is measured).
		let end = Timestamp::get();
		let mut blocks = vec![block_at(end, || rotate_session(session))];
		// The snapshot is taken a page a block, the result fetched a page a block, then its
		// exposures are recorded, a chunk a block.
		while !(matches!(NextEraElection::<Runtime>::get(), ElectionPhase::Ready { .. })
			&& !Staking::has_unrecorded_exposures())
		{
			assert!(blocks.len() < MAX_BLOCKS as usize, "the election did not end");
			blocks.push(block_at(end, || {}));
		}
		// The elected validators are handed over, and the era starts a session later.
		blocks.push(block_at(end, || rotate_session(session + 1)));
		blocks.push(block_at(end, || rotate_session(session + 2)));
		Blocks { blocks }
	}

	fn pay_out_era() -> Blocks {
		let mut blocks = Vec::new();
		blocks_until(&mut blocks, || UnpaidEras::<Runtime>::get().is_empty());
		Blocks { blocks }
	}

	fn slash(validator: AccountId, fraction: Perbill) -> Blocks {
		let session = current_session();
		let offence = OffenceDetails { offender: (validator, ()), reporters: Vec::new() };
		let mut blocks = vec![block(|| {
			<Staking as sp_staking::offence::OnOffenceHandler<_, _, Weight>>::on_offence(
				&[offence],
				&[fraction],
				session,
			);
		})];
		blocks_until(&mut blocks, || {
			SlashComputationQueue::<Runtime>::get().is_empty()
				&& UnappliedSlashEras::<Runtime>::get().is_empty()
		});
		Blocks { blocks }
	}

	crate::staking_reads!(Runtime, pallet_palisade_staking, |page| page.0.others);
}
