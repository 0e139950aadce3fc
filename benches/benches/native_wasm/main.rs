//! The native/WASM factor (`cargo bench --locked --profile testnet --features
//! fast-runtime,sudo,runtime-benchmarks --workspace --exclude palisade-runtime --bench
//! native_wasm`). `benches/staking.rs` times blocks in native code; a node executes the
//! runtime's WASM (compiled by wasmtime). This runs each of the runtime's frame-benchmarking
//! benchmarks of one pallet both ways, on the same state and with the same host functions,
//! at the highest value of every component, and prints each benchmark's median time both
//! ways and their ratio, then the ratio's min/median/max over the benchmarks.
//!
//! `PALISADE_FACTOR_PALLET` (`pallet_palisade_staking` by default) picks the pallet,
//! `PALISADE_FACTOR_BENCHMARKS` (a comma-separated list) its benchmarks, and
//! `PALISADE_FACTOR_REPEATS` (10 by default) the repetitions of each.

mod runner;

use frame_benchmarking::{BenchmarkBatch, BenchmarkConfig, BenchmarkMetadata};
use runner::Runner;
use std::time::Instant;

/// jemalloc, as `benches/staking.rs` (and polkadot-sdk's nodes) use: the native times this
/// factor scales are measured with it.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
	let started = Instant::now();
	let pallet = std::env::var("PALISADE_FACTOR_PALLET")
		.unwrap_or_else(|_| "pallet_palisade_staking".into());
	let chosen: Option<Vec<String>> = std::env::var("PALISADE_FACTOR_BENCHMARKS")
		.ok()
		.map(|list| list.split(',').map(|name| name.trim().to_owned()).collect());
	let repeats = std::env::var("PALISADE_FACTOR_REPEATS")
		.ok()
		.and_then(|value| value.parse().ok())
		.unwrap_or(10u32);

	let runner = Runner::new();
	let list = runner
		.benchmarks()
		.into_iter()
		.find(|list| list.pallet == pallet.as_bytes())
		.unwrap_or_else(|| panic!("the runtime has no benchmarks of {pallet}"));
	println!("| benchmark | components | native: min / **median** / max | WASM: min / **median** / max | WASM ÷ native |");
	println!("|---|---|---:|---:|---:|");
	let mut factors = Vec::new();
	let (mut native_total, mut wasm_total) = (0u128, 0u128);
	for benchmark in &list.benchmarks {
		let name = String::from_utf8_lossy(&benchmark.name).into_owned();
		if chosen.as_ref().is_some_and(|chosen| !chosen.contains(&name)) {
			continue;
		}
		let config = heaviest(&list.pallet, &list.instance, benchmark, repeats);
		// One untimed run each way first: the first run meets cold caches (and, in WASM, a
		// fresh instance's pages).
		let warm_up = BenchmarkConfig { internal_repeats: 1, ..config.clone() };
		let _ = (runner.native(&warm_up), runner.wasm(&warm_up));
		let (native, wasm) = match (
			times(runner.native(&config), &name, "natively"),
			times(runner.wasm(&config), &name, "in WASM"),
		) {
			(Ok(native), Ok(wasm)) => (native, wasm),
			(Err(why), _) | (_, Err(why)) => {
				println!("| {name} | {} | {why} | | |", components(&config));
				continue;
			},
		};
		let factor = median(&wasm) as f64 / median(&native).max(1) as f64;
		factors.push(factor);
		native_total += median(&native);
		wasm_total += median(&wasm);
		println!(
			"| {name} | {} | {} | {} | {factor:.2} |",
			components(&config),
			spread(&native),
			spread(&wasm)
		);
	}
	if let Some(chosen) = &chosen {
		let unknown: Vec<&String> = chosen
			.iter()
			.filter(|name| !list.benchmarks.iter().any(|b| b.name == name.as_bytes()))
			.collect();
		assert!(unknown.is_empty(), "{pallet} has no benchmarks named {unknown:?}");
	}
	assert!(!factors.is_empty(), "no benchmark of {pallet} measured anything");
	factors.sort_by(f64::total_cmp);
	println!(
		"\nWASM ÷ native over {} benchmarks of {pallet}: min {:.2}, median {:.2}, max {:.2}; \
		 their median times summed: {:.2}.",
		factors.len(),
		factors[0],
		factors[factors.len() / 2],
		factors[factors.len() - 1],
		wasm_total as f64 / native_total.max(1) as f64
	);
	println!("\nThe whole run took {:.0} s.", started.elapsed().as_secs_f64());
}

/// `benchmark` at the highest value of each of its components, repeated `repeats` times.
fn heaviest(
	pallet: &[u8],
	instance: &[u8],
	benchmark: &BenchmarkMetadata,
	repeats: u32,
) -> BenchmarkConfig {
	BenchmarkConfig {
		pallet: pallet.to_vec(),
		instance: instance.to_vec(),
		benchmark: benchmark.name.clone(),
		selected_components: benchmark
			.components
			.iter()
			.map(|(parameter, _, highest)| (*parameter, *highest))
			.collect(),
		verify: false,
		internal_repeats: repeats,
	}
}

/// The extrinsic times, in nanoseconds, of a benchmark's repetitions, sorted; why there are
/// none if the benchmark failed, was skipped, or measured nothing (a `Weightless` one).
fn times(
	batches: Result<Vec<BenchmarkBatch>, String>,
	name: &str,
	how: &str,
) -> Result<Vec<u128>, String> {
	let batches = batches.map_err(|error| format!("{name} failed {how}: {error}"))?;
	let mut times: Vec<u128> = batches
		.iter()
		.flat_map(|batch| batch.results.iter().map(|result| result.extrinsic_time))
		.collect();
	if times.iter().all(|time| *time == 0) {
		return Err(format!("{name} measured nothing {how} (skipped or weightless)"));
	}
	times.sort_unstable();
	Ok(times)
}

/// The median of sorted `times`.
fn median(times: &[u128]) -> u128 {
	times[times.len() / 2]
}

/// Sorted `times` as "min / **median** / max", in microseconds.
fn spread(times: &[u128]) -> String {
	let micros = |nanos: u128| nanos as f64 / 1_000.0;
	format!(
		"{:.1} µs / **{:.1} µs** / {:.1} µs",
		micros(times[0]),
		micros(median(times)),
		micros(times[times.len() - 1])
	)
}

/// The benchmark's components, as "n = 512, v = 16".
fn components(config: &BenchmarkConfig) -> String {
	let listed: Vec<String> = config
		.selected_components
		.iter()
		.map(|(parameter, value)| format!("{parameter} = {value}"))
		.collect();
	if listed.is_empty() {
		"–".into()
	} else {
		listed.join(", ")
	}
}
