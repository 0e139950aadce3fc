//! `cargo bench -p palisade-benches`: Palisade's staking pallet and `pallet-staking` on the
//! same stakers, timed by criterion, then two tables: the ratios, and the scale table (time,
//! storage reads and writes, proof size, blocks).
//!
//! `PALISADE_BENCH_SCALES=100x1000` (a comma-separated list) limits the scales; the calls are
//! measured at the largest scale chosen.

use criterion::{BenchmarkId, Criterion, SamplingMode};
use palisade_benches::{
	palisade::Palisade,
	population::{Population, Scale},
	report::{Report, Target},
	runner,
	subject::{Call, Subject},
	upstream::Upstream,
};
use std::time::Duration;

/// jemalloc, as polkadot-sdk's nodes use: with glibc's allocator, the election block's time
/// grew from run to run (up to 1.8× the first run), as its heap fragmented.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
	let mut criterion = Criterion::default()
		.sample_size(10)
		.warm_up_time(Duration::from_millis(1))
		.measurement_time(Duration::from_secs(1))
		.configure_from_args();
	let mut report = Report::default();
	let scales = scales();
	for (index, scale) in scales.iter().enumerate() {
		let population = Population::new(*scale);
		let largest = index + 1 == scales.len();
		measure::<Palisade>(&mut criterion, &mut report, &population, largest);
		measure::<Upstream>(&mut criterion, &mut report, &population, largest);
	}
	criterion.final_summary();

	println!("\n## Palisade / pallet-staking (median time; payouts per nominator paid)\n");
	println!("{}", report.ratio_table(Palisade::NAME, Upstream::NAME, target));
	println!("## Every step at every scale (median time; blocks of the last run)\n");
	println!("{}", report.scale_table());
}

/// The targets: calls and era rotation at most 1.0×, payouts at most 0.5×.
fn target(step: &str) -> Target {
	if step.starts_with("payout") {
		Target::AtMost(0.5)
	} else if step.starts_with("slash") {
		Target::None
	} else {
		Target::AtMost(1.0)
	}
}

/// The scales of `PALISADE_BENCH_SCALES` ("100x1000,300x10000"), or all three.
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

/// Every step of `S` at `population`'s scale, and the calls if `with_calls`.
fn measure<S: Subject>(
	criterion: &mut Criterion,
	report: &mut Report,
	population: &Population,
	with_calls: bool,
) {
	let scale = population.scale.label();
	eprintln!("{}: building the {scale} state…", S::NAME);
	let genesis = S::genesis(population);
	let at_genesis = runner::sandbox::<S>(genesis.clone());

	let mut group = criterion.benchmark_group(format!("{scale}"));
	group.sampling_mode(SamplingMode::Flat);
	if with_calls {
		for call in Call::ALL {
			let entry = report.entry(call.name(), S::NAME);
			group.bench_function(BenchmarkId::new(call.name(), S::NAME), |bench| {
				bench.iter_custom(|iterations| {
					(0..iterations)
						.map(|_| {
							let cost = runner::call::<S>(&at_genesis, population, call);
							entry.costs.push(cost);
							cost.time
						})
						.sum()
				})
			});
		}
	}

	let step = format!("era rotation, {scale}");
	let entry = report.entry(&step, S::NAME);
	group.bench_function(BenchmarkId::new("era rotation", S::NAME), |bench| {
		bench.iter_custom(|iterations| {
			(0..iterations)
				.map(|_| {
					let (cost, blocks) = runner::rotation::<S>(&at_genesis);
					entry.costs.push(cost);
					entry.blocks = Some(blocks);
					cost.time
				})
				.sum()
		})
	});

	let after_rotation = runner::sandbox::<S>(runner::rotated::<S>(genesis));
	let step = format!("payout of an era, {scale}");
	let entry = report.entry(&step, S::NAME);
	group.bench_function(BenchmarkId::new("payout of an era", S::NAME), |bench| {
		bench.iter_custom(|iterations| {
			(0..iterations)
				.map(|_| {
					let (cost, blocks, nominators) = runner::payout::<S>(&after_rotation);
					entry.costs.push(cost);
					entry.blocks = Some(blocks);
					entry.stakers = nominators;
					cost.time
				})
				.sum()
		})
	});

	let (validator, nominations) = population.most_nominated();
	let step = format!("slash of a validator with {nominations} nominators, {scale}");
	let entry = report.entry(&step, S::NAME);
	group.bench_function(BenchmarkId::new("slash", S::NAME), |bench| {
		bench.iter_custom(|iterations| {
			(0..iterations)
				.map(|_| {
					let (cost, blocks) = runner::slash::<S>(&at_genesis, validator);
					entry.costs.push(cost);
					entry.blocks = Some(blocks);
					cost.time
				})
				.sum()
		})
	});
	group.finish();
}
