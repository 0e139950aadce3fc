//! `cargo bench -p palisade-benches`: Palisade's staking pallet, `pallet-staking-async` (as
//! Polkadot's Asset Hub runs it) and `pallet-staking` on the same stakers and the same paged,
//! reduced election, each step run `PALISADE_BENCH_RUNS` times (3 by default), then two
//! tables: every step with its runs and blocks, and each scale's targets.
//!
//! `PALISADE_BENCH_SCALES=1000x20000` (a comma-separated list) limits the scales; the calls
//! are measured at the smallest scale chosen. `PALISADE_BENCH_LEGACY=0` leaves
//! `pallet-staking` out, and `PALISADE_BENCH_ASYNC=0` `pallet-staking-async` (to look at
//! Palisade's blocks alone). `PALISADE_BENCH_MINE_ONLY=1` only mines the scales' elections, which
//! later runs then find on disk.

use palisade_benches::{
	election,
	palisade::Palisade,
	population::{Population, Scale},
	report::{Report, PAYOUT, ROTATION, SLASH},
	runner,
	staking_async::StakingAsync,
	subject::{Call, Subject},
	upstream::Upstream,
};
use std::time::Instant;

/// jemalloc, as polkadot-sdk's nodes use: with glibc's allocator, the election block's time
/// grew from run to run (up to 1.8× the first run), as its heap fragmented.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
	let started = Instant::now();
	let runs = env_number("PALISADE_BENCH_RUNS", 3);
	let legacy = env_number("PALISADE_BENCH_LEGACY", 1) != 0;
	let with_async = env_number("PALISADE_BENCH_ASYNC", 1) != 0;
	let mut report = Report::default();
	let scales = scales();
	if env_number("PALISADE_BENCH_MINE_ONLY", 0) != 0 {
		// Mines each scale's election (the genesis election mines it), keeping it for later
		// runs, and measures nothing.
		for scale in &scales {
			Palisade::genesis(&Population::new(*scale));
		}
		return;
	}
	for (index, scale) in scales.iter().enumerate() {
		let population = Population::new(*scale);
		let with_calls = index == 0;
		measure::<Palisade>(&mut report, &population, runs, with_calls);
		if with_async {
			measure::<StakingAsync>(&mut report, &population, runs, with_calls);
		}
		if legacy {
			measure::<Upstream>(&mut report, &population, runs, with_calls);
		}
	}

	println!("\n## Every step (times of {runs} runs; blocks of the last)\n");
	println!("{}", report.steps_table());
	for scale in &scales {
		println!("## Targets at {}\n", scale.label());
		println!(
			"{}",
			report.targets_table(
				&scale.label(),
				Palisade::NAME,
				StakingAsync::NAME,
				Upstream::NAME
			)
		);
	}
	for (before, after, voters) in election::edges() {
		println!(
			"An election's voter-validator pairs: {before} mined, {after} after `reduce` ({:.2} per voter, over {voters} voters).",
			after as f64 / (voters as f64).max(1.0)
		);
	}
	println!("\nThe whole run took {:.0} s.", started.elapsed().as_secs_f64());
}

/// `name` from the environment, or `default`.
fn env_number(name: &str, default: u32) -> u32 {
	std::env::var(name).ok().and_then(|value| value.parse().ok()).unwrap_or(default)
}

/// The scales of `PALISADE_BENCH_SCALES` ("1000x20000,2000x100000"), or all three.
fn scales() -> Vec<Scale> {
	let Ok(list) = std::env::var("PALISADE_BENCH_SCALES") else { return Scale::ALL.to_vec() };
	list.split(',')
		.map(|item| {
			let (validators, nominators) = item
				.trim()
				.split_once('x')
				.and_then(|(v, n)| Some((v.parse().ok()?, n.parse().ok()?)))
				.unwrap_or_else(|| panic!("PALISADE_BENCH_SCALES: `{item}` is not `VxN`"));
			Scale { validators, nominators }
		})
		.collect()
}

/// Every step of `S` at `population`'s scale, `runs` times each, and the calls if
/// `with_calls`.
fn measure<S: Subject>(report: &mut Report, population: &Population, runs: u32, with_calls: bool) {
	let scale = population.scale.label();
	let started = Instant::now();
	eprintln!("{}: building the {scale} state…", S::NAME);
	let genesis = S::genesis(population);
	let at_genesis = runner::sandbox::<S>(genesis.clone());
	eprintln!("{}: state built in {:.0} s", S::NAME, started.elapsed().as_secs_f64());

	if with_calls {
		for call in Call::ALL {
			let entry = report.entry(&scale, call.name(), S::NAME);
			for _ in 0..runs.max(5) {
				entry.costs.push(runner::call::<S>(&at_genesis, population, call));
			}
		}
	}

	let entry = report.entry(&scale, ROTATION, S::NAME);
	for _ in 0..runs {
		let (cost, blocks, growth) = runner::rotation::<S>(&at_genesis);
		eprintln!("{}: {ROTATION}, {scale}: {:?}", S::NAME, cost.time);
		entry.costs.push(cost);
		entry.blocks = Some(blocks);
		entry.growth = Some(growth);
	}

	let after_rotation = runner::sandbox::<S>(runner::rotated::<S>(genesis));
	let entry = report.entry(&scale, PAYOUT, S::NAME);
	for _ in 0..runs {
		let (cost, blocks, paid) = runner::payout::<S>(&after_rotation, population);
		eprintln!("{}: {PAYOUT}, {scale}: {:?}", S::NAME, cost.time);
		entry.costs.push(cost);
		entry.blocks = Some(blocks);
		entry.paid = Some(paid);
	}

	let (validator, _) = population.most_nominated();
	let entry = report.entry(&scale, SLASH, S::NAME);
	for _ in 0..runs {
		let (cost, blocks) = runner::slash::<S>(&at_genesis, population, validator.clone());
		eprintln!("{}: {SLASH}, {scale}: {:?}", S::NAME, cost.time);
		entry.costs.push(cost);
		entry.blocks = Some(blocks);
	}
	eprintln!("{}: {scale} done in {:.0} s", S::NAME, started.elapsed().as_secs_f64());
}
