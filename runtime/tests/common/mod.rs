//! A chain of the full runtime in memory: genesis from a preset, blocks built by `Executive`
//! with a BABE pre-digest and a timestamp, as a node would build them.

#![allow(dead_code)] // Each test file uses its own part of this module.

use codec::Encode;
use frame_support::dispatch::RawOrigin;
#[cfg(feature = "try-runtime")]
use frame_support::traits::{TryState, TryStateSelect};
#[cfg(feature = "try-runtime")]
use palisade_runtime::AllPalletsWithSystem;
use palisade_runtime::{
	Executive, Header, RuntimeCall, RuntimeEvent, RuntimeGenesisConfig, Staking, System,
	UncheckedExtrinsic, SLOT_DURATION,
};
use serde_json::Value;
use sp_consensus_babe::{
	digests::{PreDigest, SecondaryPlainPreDigest},
	BABE_ENGINE_ID,
};
use sp_genesis_builder::PresetId;
use sp_runtime::{
	traits::{Dispatchable, Header as _},
	Digest, DigestItem,
};

/// Applies the JSON `patch` onto `base`, as the node does with a preset.
pub fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// The genesis state of `preset`, with `changes` applied on top of it.
pub fn genesis(preset: &str, changes: Value) -> sp_io::TestExternalities {
	let patch = palisade_runtime::genesis_config_presets::get_preset(&PresetId::from(preset))
		.expect("preset exists");
	let patch: Value = serde_json::from_slice(&patch).expect("preset is JSON");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serialises");
	merge(&mut config, patch);
	merge(&mut config, changes);
	let json = serde_json::to_vec(&config).expect("serialises");

	let mut ext = sp_io::TestExternalities::default();
	ext.execute_with(|| {
		frame_support::genesis_builder_helper::build_state::<RuntimeGenesisConfig>(json)
			.expect("genesis builds");
	});
	ext
}

/// Dispatches `call` from `origin`, as a transaction's body would be.
pub fn dispatch(
	origin: RawOrigin<palisade_runtime::AccountId>,
	call: impl Into<RuntimeCall>,
) -> sp_runtime::DispatchResultWithInfo<frame_support::dispatch::PostDispatchInfo> {
	call.into().dispatch(origin.into())
}

/// Builds blocks on top of genesis. Block `n` is authored in slot `n` by the first BABE
/// authority, so a session ends every `EPOCH_DURATION_IN_SLOTS` blocks. Unless started
/// [`Chain::without_miner`], it mines each election as validators' off-chain workers do: in
/// the unsigned phase, while nothing is queued, each block carries the unsigned solution of
/// the top `MinerPages` pages, reduced.
pub struct Chain {
	parent: palisade_runtime::Hash,
	open: bool,
	mines: bool,
}

impl Chain {
	/// A chain at genesis, with block 1 open.
	pub fn start() -> Self {
		Self::starting(true)
	}

	/// A chain at genesis whose elections nobody mines, with block 1 open.
	pub fn without_miner() -> Self {
		Self::starting(false)
	}

	fn starting(mines: bool) -> Self {
		let mut chain = Self { parent: System::parent_hash(), open: false, mines };
		chain.open_block();
		chain
	}

	/// Opens the next block: its hooks run and its timestamp is set; calls dispatched now are
	/// in it.
	fn open_block(&mut self) {
		let number = System::block_number() + 1;
		let slot = u64::from(number);
		let pre_digest = PreDigest::SecondaryPlain(SecondaryPlainPreDigest {
			authority_index: 0,
			slot: slot.into(),
		});
		let digest =
			Digest { logs: vec![DigestItem::PreRuntime(BABE_ENGINE_ID, pre_digest.encode())] };
		let header =
			Header::new(number, Default::default(), Default::default(), self.parent, digest);
		Executive::initialize_block(&header);
		let timestamp =
			UncheckedExtrinsic::new_bare(RuntimeCall::Timestamp(pallet_timestamp::Call::set {
				now: slot * SLOT_DURATION,
			}));
		Executive::apply_extrinsic(timestamp)
			.expect("the timestamp inherent is valid")
			.expect("the timestamp is set");
		Executive::inherents_applied();
		if self.mines {
			submit_unsigned_solution();
		}
		self.open = true;
	}

	/// Closes the open block and opens the next.
	pub fn next_block(&mut self) {
		assert!(self.open);
		let header = Executive::finalize_block();
		self.parent = header.hash();
		self.open_block();
	}

	/// Builds blocks until `done` holds in an open block, at most `limit` of them.
	pub fn run_until(&mut self, what: &str, limit: u32, done: impl Fn() -> bool) {
		for _ in 0..limit {
			if done() {
				return;
			}
			self.next_block();
		}
		assert!(done(), "{what}: not reached within {limit} blocks");
	}
}

/// The staking pallet's invariants hold and, with the `try-runtime` feature (as the README's
/// test command builds), every pallet's `try_state` passes: balances, referenda, votes, the
/// Council, …
pub fn assert_try_state() {
	Staking::do_try_state().expect("the staking invariants hold");
	#[cfg(feature = "try-runtime")]
	AllPalletsWithSystem::try_state(System::block_number(), TryStateSelect::All)
		.expect("every pallet's invariants hold");
}

/// In the unsigned phase, with no solution queued, mines the top `MinerPages` pages (reduced)
/// and applies the unsigned submission, as an off-chain worker's would be. Returns whether one
/// was applied.
pub fn submit_unsigned_solution() -> bool {
	use palisade_runtime::{configs::election::MinerPages, MultiBlockElectionVerifier, Runtime};
	use pallet_election_provider_multi_block::{
		unsigned::miner::OffchainWorkerMiner, verifier::Verifier, CurrentPhase,
	};
	if !CurrentPhase::<Runtime>::get().is_unsigned()
		|| MultiBlockElectionVerifier::queued_score().is_some()
	{
		return false;
	}
	let Ok(solution) = OffchainWorkerMiner::<Runtime>::mine_solution(MinerPages::get(), true)
	else {
		return false;
	};
	let call = pallet_election_provider_multi_block::unsigned::Call::<Runtime>::submit_unsigned {
		paged_solution: Box::new(solution),
	};
	matches!(Executive::apply_extrinsic(UncheckedExtrinsic::new_bare(call.into())), Ok(Ok(())))
}

/// The events of the open block.
pub fn events() -> Vec<RuntimeEvent> {
	System::events().into_iter().map(|record| record.event).collect()
}
