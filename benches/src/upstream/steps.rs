//! The same benchmark steps on `pallet-staking`: calls dispatched as signed extrinsics; its
//! era rotation in the session change, where it elects and stores every exposure; and its
//! payouts, one `payout_stakers_by_page` per exposure page, as somebody has to submit them.

use super::{Runtime, RuntimeCall, RuntimeOrigin, Staking, System, Timestamp};
use crate::{
	election::SinglePageElection,
	params::MaxElectingVoters,
	population::{nominator, spare, AccountId, Population, UNIT},
	subject::{run_block, BlockWork, Blocks, Call, Subject},
};
use frame_support::{
	dispatch::{extract_actual_weight, GetDispatchInfo},
	traits::Hooks,
	weights::Weight,
};
use pallet_session::SessionManager;
use pallet_staking::{
	CurrentEra, ErasStakersOverview, ForceEra, Forcing, RewardDestination, ValidatorPrefs,
};
use sp_runtime::{traits::Dispatchable, DispatchResult, Perbill};
use sp_staking::offence::OffenceDetails;

/// Milliseconds between blocks.
const BLOCK_TIME: u64 = 6_000;

/// `pallet-staking`.
pub struct Upstream;

/// Runs one block with `work` in it (a session change or an extrinsic) and the staking hooks.
fn block(work: impl FnOnce() -> Weight) -> BlockWork {
	let now = System::block_number() + 1;
	block_at(now * BLOCK_TIME, work)
}

/// [`block`] at time `timestamp`.
fn block_at(timestamp: u64, work: impl FnOnce() -> Weight) -> BlockWork {
	let now = System::block_number() + 1;
	System::set_block_number(now);
	Timestamp::set_timestamp(timestamp);
	// As `frame_system::initialize` does: each block has its own events and weight.
	System::reset_events();
	frame_system::BlockWeight::<Runtime>::kill();
	run_block(|| {
		let hooks = Staking::on_initialize(now);
		let work = work();
		Staking::on_finalize(now);
		hooks.saturating_add(work).saturating_add(System::block_weight().total())
	})
}

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

fn dispatch_as(who: AccountId, call: pallet_staking::Call<Runtime>) -> DispatchResult {
	RuntimeCall::Staking(call)
		.dispatch(RuntimeOrigin::signed(who))
		.map(|_| ())
		.map_err(|error| error.error)
}

impl Subject for Upstream {
	const NAME: &'static str = "pallet-staking";

	fn genesis(population: &Population) -> sp_core::storage::Storage {
		super::genesis(population)
	}

	fn whitelist() -> Vec<sp_core::storage::TrackedStorageKey> {
		crate::whitelist()
	}

	fn prepare(call: Call) {
		use pallet_staking::Call as C;
		let result = match call {
			Call::Bond | Call::BondExtra | Call::Unbond | Call::Chill => Ok(()),
			Call::WithdrawUnbonded => {
				let unbonded = dispatch_as(nominator(0), C::unbond { value: 100 * UNIT });
				CurrentEra::<Runtime>::put(1_000);
				unbonded
			},
			Call::Rebond => dispatch_as(nominator(0), C::unbond { value: 100 * UNIT }),
			Call::Validate => dispatch_as(
				spare(1),
				C::bond { value: 20_000 * UNIT, payee: RewardDestination::Staked },
			),
			Call::Nominate => dispatch_as(
				spare(2),
				C::bond { value: 5_000 * UNIT, payee: RewardDestination::Staked },
			),
		};
		assert_eq!(result, Ok(()), "pallet-staking: preparing {}", call.name());
	}

	fn dispatch(call: Call, population: &Population) -> DispatchResult {
		use pallet_staking::Call as C;
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
		dispatch_as(who, call)
	}

	fn prepare_rotation() {
		block(Weight::zero);
		let validators = pallet_session::Validators::<Runtime>::get();
		<Staking as frame_support::traits::RewardsReporter<AccountId>>::reward_by_ids(
			validators.into_iter().map(|validator| (validator, 20)),
		);
		System::set_block_number(System::block_number() + 3_600);
		Timestamp::set_timestamp(System::block_number() * BLOCK_TIME);
		ForceEra::<Runtime>::put(Forcing::ForceNew);
		SinglePageElection::<Staking, MaxElectingVoters>::mine_ahead();
	}

	fn rotate_era() -> Blocks {
		let session = current_session();
		// The era ends at the time `prepare_rotation` set, six hours after it started.
		let end = Timestamp::get();
		// The session change elects and stores every exposure; the era starts a session later.
		let blocks = vec![
			block_at(end, || {
				rotate_session(session);
				Weight::zero()
			}),
			block_at(end, || {
				rotate_session(session + 1);
				Weight::zero()
			}),
		];
		Blocks { blocks }
	}

	fn pay_out_era() -> Blocks {
		let era = Self::active_era().saturating_sub(1);
		let pages: Vec<(AccountId, u32)> = ErasStakersOverview::<Runtime>::iter_prefix(era)
			.flat_map(|(validator, overview)| {
				(0..overview.page_count).map(move |page| (validator.clone(), page))
			})
			.collect();
		let blocks = pages
			.into_iter()
			.map(|(validator_stash, page)| {
				block(|| {
					let call = RuntimeCall::Staking(pallet_staking::Call::payout_stakers_by_page {
						validator_stash: validator_stash.clone(),
						era,
						page,
					});
					let info = call.get_dispatch_info();
					let result = call.dispatch(RuntimeOrigin::signed(spare(3)));
					assert!(result.is_ok(), "payout of {validator_stash} page {page}: {result:?}");
					// The extrinsic's weight, as the block registers it.
					extract_actual_weight(&result, &info)
				})
			})
			.collect();
		Blocks { blocks }
	}

	fn slash(validator: AccountId, fraction: Perbill) -> Blocks {
		let session = current_session();
		let offence = OffenceDetails { offender: (validator, ()), reporters: Vec::new() };
		let blocks = vec![block(|| {
			<Staking as sp_staking::offence::OnOffenceHandler<_, _, Weight>>::on_offence(
				&[offence],
				&[fraction],
				session,
			)
		})];
		Blocks { blocks }
	}

	crate::staking_reads!(Runtime, pallet_staking, |page| page.others);
}
