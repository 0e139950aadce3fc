//! The runtime a real network runs: built to WASM without the development features
//! (`fast-runtime`, `sudo`, benchmarks), as `cargo build --release -p palisade-node` embeds it.
//! `scripts/test.sh` builds it before the tests (`palisade_runtime_production.*`, beside the
//! development runtime); these tests run the WASM itself: its genesis presets build (but the
//! weights' `benchmark`, too large for a test), the `staging` chain starts with the values the
//! README promises, and nothing of development builds is in it.

use codec::Decode;
use frame_metadata::{RuntimeMetadata, RuntimeMetadataPrefixed};
use sc_chain_spec::GenesisConfigBuilderRuntimeCaller;
use sc_executor::WasmExecutor;
use sp_core::traits::{CallContext, CodeExecutor, RuntimeCode, WrappedRuntimeCode};
use std::path::PathBuf;

/// The production runtime's WASM, as `scripts/test.sh` builds it.
fn production_wasm() -> Vec<u8> {
	let target = std::env::var_os("CARGO_TARGET_DIR")
		.map(PathBuf::from)
		.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"));
	let path = target.join(
		"testnet/wbuild/palisade-runtime/palisade_runtime_production.compact.compressed.wasm",
	);
	std::fs::read(&path).unwrap_or_else(|error| {
		panic!(
			"{}: {error}; build it first with \
			 `cargo check --profile testnet -p palisade-runtime` (as scripts/test.sh does)",
			path.display()
		)
	})
}

/// Calls the runtime API function `method` of `code` with `data`, on empty state.
fn call(code: &[u8], method: &str, data: &[u8]) -> Vec<u8> {
	let executor = WasmExecutor::<sp_io::SubstrateHostFunctions>::builder().build();
	let wrapped = WrappedRuntimeCode(code.into());
	let hash = sp_io::hashing::blake2_256(code).to_vec();
	let runtime_code = RuntimeCode { code_fetcher: &wrapped, heap_pages: None, hash };
	let mut ext = sp_io::TestExternalities::default();
	let mut ext = ext.ext();
	executor
		.call(&mut ext, &runtime_code, method, data, CallContext::Offchain)
		.0
		.unwrap_or_else(|error| panic!("{method}: {error}"))
}

#[test]
fn the_production_runtime_builds_every_preset_and_the_staging_chain() {
	let code = production_wasm();
	let builder = GenesisConfigBuilderRuntimeCaller::<()>::new(&code);
	let mut presets: Vec<String> = builder
		.preset_names()
		.expect("the runtime lists its presets")
		.into_iter()
		.map(String::from)
		.collect();
	presets.sort();
	assert_eq!(presets, ["benchmark", "development", "local_testnet", "staging"]);
	// `benchmark` (the weights' genesis: 104,000 nominators) is built by `scripts/weights.sh`
	// from this runtime, and natively by the runtime's election tests.
	for preset in presets.iter().filter(|preset| *preset != "benchmark") {
		builder
			.get_storage_for_named_preset(Some(preset))
			.unwrap_or_else(|error| panic!("{preset}: the genesis does not build: {error}"));
	}
	let staging = builder.get_named_preset(Some(&"staging".to_string())).expect("staging");
	assert_eq!(staging["staking"]["validatorCount"], 100, "staging elects 100 validators");
	assert!(staging.get("sudo").is_none(), "staging has no sudo key");
}

#[test]
fn the_production_runtime_has_real_periods_and_no_sudo() {
	let code = production_wasm();
	let version = sc_executor::RuntimeVersion::decode(&mut &call(&code, "Core_version", &[])[..])
		.expect("the version decodes");
	assert_eq!(version.spec_name, "palisade");

	let metadata = call(&code, "Metadata_metadata", &[]);
	let metadata = Vec::<u8>::decode(&mut &metadata[..]).expect("opaque metadata");
	let RuntimeMetadataPrefixed(_, RuntimeMetadata::V14(metadata)) =
		RuntimeMetadataPrefixed::decode(&mut &metadata[..]).expect("metadata decodes")
	else {
		panic!("Metadata_metadata answers version 14");
	};
	let pallet = |name: &str| metadata.pallets.iter().find(|pallet| pallet.name == name);
	assert!(pallet("Sudo").is_none(), "no sudo in the production runtime");
	assert!(pallet("Staking").is_some());
	let constant = |pallet_name: &str, name: &str| -> Vec<u8> {
		let found = pallet(pallet_name).unwrap_or_else(|| panic!("{pallet_name} exists"));
		found
			.constants
			.iter()
			.find(|constant| constant.name == name)
			.unwrap_or_else(|| panic!("{pallet_name}.{name} exists"))
			.value
			.clone()
	};
	let u32_of = |bytes: Vec<u8>| u32::decode(&mut &bytes[..]).expect("a u32");
	let u64_of = |bytes: Vec<u8>| u64::decode(&mut &bytes[..]).expect("a u64");
	assert_eq!(u64_of(constant("Babe", "ExpectedBlockTime")), 6_000, "6 s slots");
	assert_eq!(u64_of(constant("Babe", "EpochDuration")), 600, "one-hour sessions");
	assert_eq!(u32_of(constant("Staking", "SessionsPerEra")), 6, "six-hour eras");
	assert_eq!(u32_of(constant("Staking", "BondingDuration")), 28);
	assert_eq!(u32_of(constant("Staking", "SlashDeferDuration")), 27);
	assert!(pallet("Benchmark").is_none());
}
