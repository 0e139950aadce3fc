//! The benchmark steps on `pallet-staking-async`: calls dispatched as signed extrinsics; its
//! era rotation, from the session report that starts the election, through the election's
//! pages (fetched in `on_poll`), to the session report that activates the new validators; its
//! payouts, one `payout_stakers_by_page` per exposure page; and a slash, worked out a page a
//! block in `on_initialize`.

use super::{RelayChain, Runtime, RuntimeCall, RuntimeOrigin, Staking, System};
use crate::{
	election::{self, PagedElection},
	population::{nominator, spare, AccountId, Population, UNIT},
	subject::{run_block, BlockWork, Blocks, Call, Subject},
};
use frame_support::{
	dispatch::{extract_actual_weight, GetDispatchInfo},
	traits::Hooks,
	weights::{Weight, WeightMeter},
};
use pallet_staking_async::{
	session_rotation::Rotator, ActiveEra, CurrentEra, ErasStakersOverview, ForceEra, Forcing,
	RewardDestination, ValidatorPrefs,
};
use pallet_staking_async_rc_client::{AHStakingInterface, Offence, SessionReport};
use sp_runtime::{traits::Dispatchable, DispatchResult, Perbill};

/// The most blocks a multi-block step may take before the benchmark gives up.
const MAX_BLOCKS: usize = 10_000;
/// An era's length in milliseconds: six hours, as Palisade's.
const ERA_MILLIS: u64 = 6 * 3_600 * 1_000;

/// `pallet-staking-async`.
pub struct StakingAsync;

/// Runs one block: the election's snapshot page (if it is taking one), the staking hooks
/// (`on_initialize`, `on_poll`), then `work` (a session report or an extrinsic, as the relay
/// chain's messages or a signed transaction would arrive), which returns its weight.
fn block(work: impl FnOnce() -> Weight) -> BlockWork {
	let now = System::block_number() + 1;
	System::set_block_number(now);
	// As `frame_system::initialize` does: each block has its own events and weight.
	System::reset_events();
	frame_system::BlockWeight::<Runtime>::kill();
	PagedElection::<Staking>::mine_when_ready();
	run_block(|| {
		PagedElection::<Staking>::snapshot_step();
		let initialize = <Staking as Hooks<u64>>::on_initialize(now);
		let mut meter = WeightMeter::new();
		<Staking as Hooks<u64>>::on_poll(now, &mut meter);
		let work = work();
		initialize
			.saturating_add(meter.consumed())
			.saturating_add(work)
			.saturating_add(System::block_weight().total())
	})
}

/// Runs blocks until `done`.
fn blocks_until(blocks: &mut Vec<BlockWork>, done: impl Fn() -> bool) {
	while !done() {
		assert!(blocks.len() < MAX_BLOCKS, "the step did not end in {MAX_BLOCKS} blocks");
		blocks.push(block(Weight::zero));
	}
}

/// The relay chain reports the end of session `end_index`, with reward points and the
/// activation of a validator set if any; returns the weight the pallet gives for it.
fn report(end_index: u32, points: Vec<(AccountId, u32)>, activation: Option<(u64, u32)>) -> Weight {
	let report = SessionReport::new_terminal(end_index, points, activation);
	<Staking as AHStakingInterface>::on_relay_session_report(report)
}

/// The session the active era started at: each era here takes three session reports (reward
/// points, the election's start, the activation), so its sessions follow from it.
fn era_start_session() -> u32 {
	Rotator::<Runtime>::active_era_start_session_index()
}

fn dispatch_as(who: AccountId, call: pallet_staking_async::Call<Runtime>) -> DispatchResult {
	RuntimeCall::Staking(call)
		.dispatch(RuntimeOrigin::signed(who))
		.map(|_| ())
		.map_err(|error| error.error)
}

impl StakingAsync {
	/// The relay chain reports the active era's first session: every validator of the era
	/// gets 20 reward points. Then the next era is forced.
	fn reward_and_force() {
		let era = Self::active_era();
		let validators = ErasStakersOverview::<Runtime>::iter_key_prefix(era);
		let points = validators.map(|validator| (validator, 20)).collect();
		block(|| report(era_start_session(), points, None));
		ForceEra::<Runtime>::put(Forcing::ForceNew);
	}

	/// From the session report that starts the election to the one that activates the
	/// elected validators.
	fn rotate() -> Blocks {
		let session = era_start_session();
		let mut blocks = vec![block(|| report(session + 1, Vec::new(), None))];
		// The snapshot a page a block, then the result fetched a page a block in `on_poll`;
		// the last page hands the validators to the relay chain.
		let mut handed_over = None;
		while handed_over.is_none() {
			assert!(blocks.len() < MAX_BLOCKS, "the election did not end in {MAX_BLOCKS} blocks");
			blocks.push(block(Weight::zero));
			handed_over = RelayChain::take_handed_over();
		}
		let (id, _) = handed_over.unwrap_or_default();
		let start = ActiveEra::<Runtime>::get().and_then(|era| era.start).unwrap_or_default();
		blocks.push(block(|| report(session + 2, Vec::new(), Some((start + ERA_MILLIS, id)))));
		Blocks { blocks }
	}

	/// Genesis elects nothing: elects and starts era 1, as the first era with exposures.
	fn start_first_era() {
		election::reset();
		Self::reward_and_force();
		Self::rotate();
	}
}

impl Subject for StakingAsync {
	const NAME: &'static str = "pallet-staking-async";

	fn genesis(population: &Population) -> sp_core::storage::Storage {
		crate::sandbox::evolve(super::genesis_config(population), Self::start_first_era)
	}

	fn whitelist() -> Vec<sp_core::storage::TrackedStorageKey> {
		crate::whitelist()
	}

	fn prepare(call: Call) {
		use pallet_staking_async::Call as C;
		let result = match call {
			Call::Bond | Call::BondExtra | Call::Unbond | Call::Chill => Ok(()),
			Call::WithdrawUnbonded => {
				let unbonded = dispatch_as(nominator(0), C::unbond { value: 100 * UNIT });
				CurrentEra::<Runtime>::put(1_000);
				ActiveEra::<Runtime>::mutate(|era| {
					if let Some(era) = era {
						era.index = 1_000;
					}
				});
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
		assert_eq!(result, Ok(()), "pallet-staking-async: preparing {}", call.name());
	}

	fn dispatch(call: Call, population: &Population) -> DispatchResult {
		use pallet_staking_async::Call as C;
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
		election::reset();
		Self::reward_and_force();
	}

	fn rotate_era() -> Blocks {
		Self::rotate()
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
					let call =
						RuntimeCall::Staking(pallet_staking_async::Call::payout_stakers_by_page {
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
		let offence =
			Offence { offender: validator, reporters: Vec::new(), slash_fraction: fraction };
		let mut blocks = vec![block(|| {
			<Staking as AHStakingInterface>::on_new_offences(era_start_session(), vec![offence])
		})];
		// The offence is worked out and applied a page a block, from the last page.
		blocks_until(&mut blocks, || {
			pallet_staking_async::OffenceQueueEras::<Runtime>::get().is_none()
				&& pallet_staking_async::ProcessingOffence::<Runtime>::get().is_none()
		});
		Blocks { blocks }
	}

	crate::staking_reads!(Runtime, pallet_staking_async, |page| page.0.others);
}
