//! One frame-benchmarking benchmark of the runtime, run natively or in the runtime's WASM on
//! the same state: `sc-client-db`'s `BenchmarkingState`, with proof recording, as the node's
//! `benchmark pallet` command times its repetitions.

use codec::{Decode, Encode};
use frame_benchmarking::{
	benchmarking, runtime_decl_for_benchmark::Benchmark, BenchmarkBatch, BenchmarkConfig,
	BenchmarkList,
};
use palisade_runtime::{Block, Runtime, RuntimeGenesisConfig};
use sc_client_db::BenchmarkingState;
use sc_executor::{
	HeapAllocStrategy, WasmExecutionMethod, WasmExecutor, WasmtimeInstantiationStrategy,
};
use sp_core::traits::{CallContext, RuntimeCode, WrappedRuntimeCode};
use sp_runtime::{traits::BlakeTwo256, BuildStorage};
use sp_state_machine::{Ext, OverlayedChanges, StateMachine};

/// The host functions a node's `benchmark pallet` command gives the runtime.
type HostFunctions = (sp_io::SubstrateHostFunctions, benchmarking::HostFunctions);

/// Heap pages, as the weights are generated (`--heap-pages 4096`).
const HEAP_PAGES: u64 = 4096;

/// The dev chain's genesis state, and the runtime's WASM compiled as a node compiles it.
pub struct Runner {
	state: BenchmarkingState<BlakeTwo256>,
	executor: WasmExecutor<HostFunctions>,
	code: &'static [u8],
	code_hash: Vec<u8>,
}

impl Runner {
	/// A runner on the genesis of the runtime's `development` preset (`--chain dev`).
	pub fn new() -> Self {
		let code = palisade_runtime::WASM_BINARY
			.expect("the runtime's WASM: build without SKIP_WASM_BUILD");
		let preset = palisade_runtime::genesis_config_presets::get_preset(
			&sp_genesis_builder::DEV_RUNTIME_PRESET.into(),
		)
		.expect("the development preset");
		let mut config =
			serde_json::to_value(RuntimeGenesisConfig::default()).expect("a config serialises");
		let patch: serde_json::Value = serde_json::from_slice(&preset).expect("a preset is JSON");
		sc_chain_spec::json_merge(&mut config, patch);
		let config: RuntimeGenesisConfig =
			serde_json::from_value(config).expect("the preset is a genesis config");
		let mut storage = config.build_storage().expect("the genesis builds");
		storage
			.top
			.insert(sp_core::storage::well_known_keys::CODE.to_vec(), code.to_vec());
		let state = BenchmarkingState::new(storage, None, true, false)
			.unwrap_or_else(|error| panic!("benchmarking state: {error}"));
		let strategy = HeapAllocStrategy::Static { extra_pages: HEAP_PAGES as u32 };
		let executor = WasmExecutor::<HostFunctions>::builder()
			.with_execution_method(WasmExecutionMethod::Compiled {
				instantiation_strategy: WasmtimeInstantiationStrategy::PoolingCopyOnWrite,
			})
			.with_onchain_heap_alloc_strategy(strategy)
			.with_offchain_heap_alloc_strategy(strategy)
			.with_max_runtime_instances(2)
			.with_runtime_cache_size(2)
			.build();
		let code_hash = sp_io::hashing::blake2_256(code).to_vec();
		Self { state, executor, code, code_hash }
	}

	/// The runtime's benchmarks, with their components' ranges.
	pub fn benchmarks(&self) -> Vec<BenchmarkList> {
		self.natively(|| <Runtime as Benchmark<Block>>::benchmark_metadata(false).0)
	}

	/// Runs `config` in native code.
	pub fn native(&self, config: &BenchmarkConfig) -> Result<Vec<BenchmarkBatch>, String> {
		self.natively(|| <Runtime as Benchmark<Block>>::dispatch_benchmark(config.clone()))
	}

	/// Runs `config` in the runtime's WASM.
	pub fn wasm(&self, config: &BenchmarkConfig) -> Result<Vec<BenchmarkBatch>, String> {
		let fetcher = WrappedRuntimeCode(self.code.into());
		let code = RuntimeCode {
			code_fetcher: &fetcher,
			heap_pages: Some(HEAP_PAGES),
			hash: self.code_hash.clone(),
		};
		let output = StateMachine::new(
			&self.state,
			&mut OverlayedChanges::default(),
			&self.executor,
			"Benchmark_dispatch_benchmark",
			&config.encode(),
			&mut Default::default(),
			&code,
			CallContext::Offchain,
		)
		.execute()
		.map_err(|error| format!("the WASM call failed: {error}"))?;
		<Result<Vec<BenchmarkBatch>, String>>::decode(&mut &output[..])
			.map_err(|error| format!("the WASM result does not decode: {error}"))?
	}

	/// Runs `f` with the runner's state as the externalities `sp_io` works on.
	fn natively<R>(&self, f: impl FnOnce() -> R) -> R {
		let mut overlay = OverlayedChanges::default();
		let mut ext = Ext::new(&mut overlay, &self.state, None);
		sp_externalities::set_and_run_with_externalities(&mut ext, f)
	}
}
