//! The tables `cargo bench` prints: every step of every pallet with its runs' times and its
//! blocks, then each scale's targets, met or missed, against `pallet-staking-async`.

use crate::{
	params::{BlockWeights, HistoryDepth},
	population::thousands,
	runner::{Paid, StateGrowth},
	sandbox::Cost,
	subject::Blocks,
};
use core::time::Duration;
use frame_support::weights::{constants::WEIGHT_REF_TIME_PER_SECOND, Weight};
use std::collections::BTreeMap;

/// Blocks of an era: six hours of six-second blocks.
pub const ERA_BLOCKS: u64 = 3_600;
/// A block's compute time, as its maximum weight allows.
const BLOCK_SECONDS: f64 = 2.0;

/// The measurements of one step of one pallet.
#[derive(Default)]
pub struct Entry {
	/// Every run's cost.
	pub costs: Vec<Cost>,
	/// The blocks of the last run of a multi-block step.
	pub blocks: Option<Blocks>,
	/// What a payout paid.
	pub paid: Option<Paid>,
	/// How the staking state grew in an era rotation.
	pub growth: Option<StateGrowth>,
}

impl Entry {
	/// The run times, sorted.
	fn times(&self) -> Vec<Duration> {
		let mut times: Vec<Duration> = self.costs.iter().map(|cost| cost.time).collect();
		times.sort();
		times
	}

	/// The median run's time.
	pub fn median(&self) -> Duration {
		let times = self.times();
		times.get(times.len() / 2).copied().unwrap_or_default()
	}

	/// "min / median / max".
	fn spread(&self) -> String {
		let times = self.times();
		match (times.first(), times.last()) {
			(Some(min), Some(max)) if times.len() > 1 => {
				format!("{} / **{}** / {}", duration(*min), duration(self.median()), duration(*max))
			},
			_ => duration(self.median()),
		}
	}

	/// The weight the step registered, all blocks together.
	pub fn weight(&self) -> Weight {
		self.blocks.as_ref().map(Blocks::weight).unwrap_or_default()
	}
}

/// What the benchmark measured: by scale, step and pallet.
#[derive(Default)]
pub struct Report {
	entries: BTreeMap<(String, usize, String), BTreeMap<&'static str, Entry>>,
}

/// The step names the targets look up.
pub const ROTATION: &str = "era rotation";
pub const PAYOUT: &str = "payout of an era";
pub const SLASH: &str = "slash of the most nominated validator";

impl Report {
	/// The entry of `pallet` for `step` at `scale`, created empty. Steps print in the order
	/// they were first recorded.
	pub fn entry(&mut self, scale: &str, step: &str, pallet: &'static str) -> &mut Entry {
		let order = self
			.entries
			.keys()
			.find(|(s, _, label)| s == scale && label == step)
			.map_or(self.entries.len(), |(_, order, _)| *order);
		self.entries
			.entry((scale.to_owned(), order, step.to_owned()))
			.or_default()
			.entry(pallet)
			.or_default()
	}

	fn get(&self, scale: &str, step: &str, pallet: &str) -> Option<&Entry> {
		self.entries
			.iter()
			.find(|((s, _, label), _)| s == scale && label == step)
			.and_then(|(_, pallets)| pallets.get(pallet))
	}

	/// Every step of every pallet: times of the runs, reads and writes (every one), proof,
	/// blocks, the slowest block (time, with its storage root) and the heaviest (registered
	/// weight), each against the block.
	pub fn steps_table(&self) -> String {
		let mut out = String::from(
			"| scale | step | pallet | time: min / **median** / max | reads | writes | proof | blocks | slowest block (of 2 s) | heaviest block (of the max weight) | weight, all blocks |\n\
			 |---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
		);
		for ((scale, _, step), pallets) in &self.entries {
			for (pallet, entry) in pallets {
				let Some(cost) = entry.costs.first() else { continue };
				let (blocks, slowest, heaviest, weight) = match &entry.blocks {
					Some(blocks) => {
						let (number, slowest) = blocks.slowest();
						let (heaviest_number, heaviest) = blocks.heaviest();
						(
							blocks.blocks.len().to_string(),
							format!(
								"{} ({}; root {}; block {number}: weight {}, {} reads, {} writes)",
								duration(slowest.time()),
								percent(slowest.time().as_secs_f64() / BLOCK_SECONDS),
								duration(slowest.root),
								percent(share_of_block(slowest.weight)),
								thousands(slowest.reads),
								thousands(slowest.writes)
							),
							format!(
								"{} (block {heaviest_number}: {}, root {})",
								percent(share_of_block(heaviest.weight)),
								duration(heaviest.time()),
								duration(heaviest.root)
							),
							seconds(blocks.weight()),
						)
					},
					None => ("1".into(), String::new(), String::new(), String::new()),
				};
				out += &format!(
					"| {scale} | {step} | {pallet} | {} | {} | {} | {} | {blocks} | {slowest} | {heaviest} | {weight} |\n",
					entry.spread(),
					thousands(cost.reads),
					thousands(cost.writes),
					bytes(cost.proof_size.into()),
				);
			}
		}
		out
	}

	/// The targets at `scale` for `ours`, against `baseline` (and `legacy`, shown).
	pub fn targets_table(&self, scale: &str, ours: &str, baseline: &str, legacy: &str) -> String {
		let mut out = format!(
			"| target | {ours} | {baseline} | {legacy} | verdict |\n|---|---:|---:|---:|---|\n"
		);
		let cell =
			|pallet: &str,
			 f: &dyn Fn(&Report, &str) -> Option<f64>,
			 show: &dyn Fn(f64) -> String| { f(self, pallet).map_or("–".to_owned(), show) };
		let verdict = |met: Option<bool>| match met {
			Some(true) => "met",
			Some(false) => "**missed**",
			None => "–",
		};

		// No block over 25 %, by registered weight and by measured time.
		let worst_weight = |report: &Report, pallet: &str| {
			[ROTATION, PAYOUT, SLASH]
				.iter()
				.filter_map(|step| report.get(scale, step, pallet)?.blocks.as_ref())
				.map(|blocks| share_of_block(blocks.heaviest().1.weight))
				.reduce(f64::max)
		};
		let worst_time = |report: &Report, pallet: &str| {
			[ROTATION, PAYOUT, SLASH]
				.iter()
				.filter_map(|step| report.get(scale, step, pallet)?.blocks.as_ref())
				.map(|blocks| blocks.slowest().1.time().as_secs_f64() / BLOCK_SECONDS)
				.reduce(f64::max)
		};
		for (label, f) in [
			(
				"heaviest block, registered weight ≤ 25 %",
				&worst_weight as &dyn Fn(&Report, &str) -> Option<f64>,
			),
			("slowest block, measured time ≤ 25 %", &worst_time),
		] {
			out += &format!(
				"| {label} | {} | {} | {} | {} |\n",
				cell(ours, f, &percent),
				cell(baseline, f, &percent),
				cell(legacy, f, &percent),
				verdict(f(self, ours).map(|share| share <= 0.25)),
			);
		}

		// The era's staking work: its rotation, payout and a slash, against the era's blocks.
		let era_capacity = ERA_BLOCKS as f64 * BLOCK_SECONDS;
		let era_weight = |report: &Report, pallet: &str| {
			let weights: Vec<Weight> = [ROTATION, PAYOUT, SLASH]
				.iter()
				.filter_map(|step| Some(report.get(scale, step, pallet)?.weight()))
				.collect();
			(weights.len() == 3).then(|| {
				weights.into_iter().map(|w| w.ref_time() as f64).sum::<f64>()
					/ WEIGHT_REF_TIME_PER_SECOND as f64
					/ era_capacity
			})
		};
		let era_time = |report: &Report, pallet: &str| {
			let times: Vec<f64> = [ROTATION, PAYOUT, SLASH]
				.iter()
				.filter_map(|step| Some(report.get(scale, step, pallet)?.median().as_secs_f64()))
				.collect();
			(times.len() == 3).then(|| times.iter().sum::<f64>() / era_capacity)
		};
		for (label, f) in [
			(
				"an era's staking work, registered weight ≤ 1.5 % of the era",
				&era_weight as &dyn Fn(&Report, &str) -> Option<f64>,
			),
			("an era's staking work, measured time ≤ 1.5 % of the era", &era_time),
		] {
			out += &format!(
				"| {label} | {} | {} | {} | {} |\n",
				cell(ours, f, &percent_fine),
				cell(baseline, f, &percent_fine),
				cell(legacy, f, &percent_fine),
				verdict(f(self, ours).map(|share| share <= 0.015)),
			);
		}

		// The payout, per nominator paid.
		let per_nominator_weight = |report: &Report, pallet: &str| {
			let entry = report.get(scale, PAYOUT, pallet)?;
			let paid = entry.paid?.nominators;
			Some(entry.weight().ref_time() as f64 / 1e9 / f64::from(paid.max(1)))
		};
		let per_nominator_time = |report: &Report, pallet: &str| {
			let entry = report.get(scale, PAYOUT, pallet)?;
			let paid = entry.paid?.nominators;
			Some(entry.median().as_secs_f64() * 1e3 / f64::from(paid.max(1)))
		};
		out += &format!(
			"| payout: registered weight per nominator paid ≤ 0.30 ms | {} | {} | {} | {} |\n",
			cell(ours, &per_nominator_weight, &millis),
			cell(baseline, &per_nominator_weight, &millis),
			cell(legacy, &per_nominator_weight, &millis),
			verdict(per_nominator_weight(self, ours).map(|ms| ms <= 0.30)),
		);
		let ratio = per_nominator_time(self, ours)
			.zip(per_nominator_time(self, baseline))
			.map(|(a, b)| a / b.max(f64::MIN_POSITIVE));
		out += &format!(
			"| payout: measured time per nominator paid ≤ 0.85× {baseline} | {} | {} | {} | {} |\n",
			cell(ours, &per_nominator_time, &millis),
			cell(baseline, &per_nominator_time, &millis),
			cell(legacy, &per_nominator_time, &millis),
			ratio.map_or("–".to_owned(), |ratio| format!(
				"{ratio:.2}×: {}",
				verdict(Some(ratio <= 0.85))
			)),
		);

		// The state an era adds, at its largest and once paid, and the whole staking state
		// after `HistoryDepth` eras.
		let growth =
			|pallet: &str| self.get(scale, ROTATION, pallet).and_then(|entry| entry.growth);
		let added = |_: &Report, pallet: &str| Some(growth(pallet)?.added() as f64);
		let kept = |_: &Report, pallet: &str| Some(growth(pallet)?.kept() as f64);
		let whole = |_: &Report, pallet: &str| {
			let growth = growth(pallet)?;
			Some(
				growth.before.1 as f64
					+ growth.kept() as f64 * f64::from(HistoryDepth::get())
					+ (growth.added() as f64 - growth.kept() as f64).max(0.0),
			)
		};
		out += &format!(
			"| staking state an era adds ≤ 6 MB (at its largest: elected, not yet paid) | {} | {} | {} | {} |\n",
			cell(ours, &added, &megabytes),
			cell(baseline, &added, &megabytes),
			cell(legacy, &added, &megabytes),
			verdict(added(self, ours).map(|b| b <= 6e6)),
		);
		out += &format!(
			"| staking state an era keeps once paid | {} | {} | {} | |\n",
			cell(ours, &kept, &megabytes),
			cell(baseline, &kept, &megabytes),
			cell(legacy, &kept, &megabytes),
		);
		out += &format!(
			"| whole staking state with {} eras of history (extrapolated: the state before an election, {} paid eras kept, one era unpaid) | {} | {} | {} | |\n",
			HistoryDepth::get(),
			HistoryDepth::get(),
			cell(ours, &whole, &megabytes),
			cell(baseline, &whole, &megabytes),
			cell(legacy, &whole, &megabytes),
		);
		out
	}
}

/// `weight`'s share of the maximum block weight.
fn share_of_block(weight: Weight) -> f64 {
	weight.ref_time() as f64 / BlockWeights::get().max_block.ref_time() as f64
}

/// "1.23 s" of registered weight.
fn seconds(weight: Weight) -> String {
	duration(Duration::from_nanos(weight.ref_time() / 1_000))
}

/// "12 %".
fn percent(share: f64) -> String {
	format!("{:.1} %", share * 100.0)
}

/// "0.012 %".
fn percent_fine(share: f64) -> String {
	format!("{:.3} %", share * 100.0)
}

/// "0.123 ms".
fn millis(ms: f64) -> String {
	format!("{ms:.3} ms")
}

/// "1.23 MB" (10⁶ bytes).
fn megabytes(size: f64) -> String {
	format!("{:.2} MB", size / 1e6)
}

/// "1.23 ms".
pub fn duration(time: Duration) -> String {
	let micros = time.as_secs_f64() * 1e6;
	if micros < 1_000.0 {
		format!("{micros:.1} µs")
	} else if micros < 1_000_000.0 {
		format!("{:.2} ms", micros / 1e3)
	} else {
		format!("{:.2} s", micros / 1e6)
	}
}

/// "12.3 KiB".
fn bytes(size: u64) -> String {
	if size < 1024 {
		format!("{size} B")
	} else if size < 1024 * 1024 {
		format!("{:.1} KiB", size as f64 / 1024.0)
	} else {
		format!("{:.2} MiB", size as f64 / (1024.0 * 1024.0))
	}
}
