//! The tables `cargo bench` prints after criterion's own output: Palisade over
//! `pallet-staking` step by step, and how each step grows with the number of stakers.

use crate::{
	params::BlockWeights,
	sandbox::{median, Cost},
	subject::Blocks,
};
use core::time::Duration;
use std::collections::BTreeMap;

/// The measurements of one step of one pallet.
#[derive(Default)]
pub struct Entry {
	/// Every run's cost (warm-up runs included).
	pub costs: Vec<Cost>,
	/// The blocks of the last run of a multi-block step.
	pub blocks: Option<Blocks>,
	/// The stakers the step handled (nominators paid, slashed), to give a cost per staker.
	pub stakers: u32,
}

/// What the benchmark measured, by step label and pallet name.
#[derive(Default)]
pub struct Report {
	entries: BTreeMap<(usize, String), BTreeMap<&'static str, Entry>>,
}

/// A ratio target: Palisade's figure over pallet-staking's must be at most this.
#[derive(Clone, Copy)]
pub enum Target {
	AtMost(f64),
	None,
}

impl Report {
	/// The entry of `pallet` for the step labelled `step`, created empty. Steps print in the
	/// order they were first recorded.
	pub fn entry(&mut self, step: &str, pallet: &'static str) -> &mut Entry {
		let order = self
			.entries
			.keys()
			.find(|(_, label)| label == step)
			.map_or(self.entries.len(), |(order, _)| *order);
		self.entries
			.entry((order, step.to_owned()))
			.or_default()
			.entry(pallet)
			.or_default()
	}

	/// The ratio table: every step's median time for both pallets and their ratio.
	pub fn ratio_table(&self, ours: &str, theirs: &str, target: impl Fn(&str) -> Target) -> String {
		let mut out =
			format!("| step | {ours} | {theirs} | ratio | target |\n|---|---:|---:|---:|---|\n");
		for ((_, step), pallets) in &self.entries {
			let (Some(a), Some(b)) = (pallets.get(ours), pallets.get(theirs)) else { continue };
			let step = match a.stakers {
				0 => step.clone(),
				paid => format!("{step}: per nominator paid ({paid})"),
			};
			let (a, b) = (per_staker(a), per_staker(b));
			let ratio = a.as_secs_f64() / b.as_secs_f64().max(f64::MIN_POSITIVE);
			let verdict = match target(&step) {
				Target::AtMost(most) if ratio <= most => format!("≤ {most:.1}× met"),
				Target::AtMost(most) => format!("≤ {most:.1}× **missed**"),
				Target::None => String::new(),
			};
			out += &format!(
				"| {step} | {} | {} | {ratio:.2}× | {verdict} |\n",
				duration(a),
				duration(b)
			);
		}
		out
	}

	/// The scale table: time, reads, writes, proof size, blocks and the heaviest block of
	/// every step of both pallets.
	pub fn scale_table(&self) -> String {
		let max_block = BlockWeights::get().max_block.ref_time() as f64;
		let mut out = String::from(
			"| step | pallet | time | reads | writes | proof | blocks | heaviest block: time (of 2 s) | its weight (of the max block) |\n\
			 |---|---|---:|---:|---:|---:|---:|---:|---:|\n",
		);
		for ((_, step), pallets) in &self.entries {
			for (pallet, entry) in pallets {
				let cost = median(&entry.costs);
				let (blocks, heaviest) = match &entry.blocks {
					Some(blocks) => {
						let heaviest = blocks.slowest();
						let heaviest_weight = blocks
							.blocks
							.iter()
							.map(|block| block.weight.ref_time())
							.max()
							.unwrap_or_default();
						(
							blocks.blocks.len().to_string(),
							format!(
								"{} ({:.0} %) | {:.0} %",
								duration(heaviest.time()),
								100.0 * heaviest.time().as_secs_f64() / 2.0,
								100.0 * heaviest_weight as f64 / max_block
							),
						)
					},
					None => ("1".into(), "| ".into()),
				};
				out += &format!(
					"| {step} | {pallet} | {} | {} | {} | {} | {blocks} | {heaviest} |\n",
					duration(cost.time),
					cost.reads,
					cost.writes,
					bytes(cost.proof_size),
				);
			}
		}
		out
	}
}

/// The median time of `entry`, per staker handled if it counts them.
fn per_staker(entry: &Entry) -> Duration {
	let time = median(&entry.costs).time;
	if entry.stakers > 0 {
		time / entry.stakers
	} else {
		time
	}
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
fn bytes(size: u32) -> String {
	if size < 1024 {
		format!("{size} B")
	} else if size < 1024 * 1024 {
		format!("{:.1} KiB", f64::from(size) / 1024.0)
	} else {
		format!("{:.2} MiB", f64::from(size) / (1024.0 * 1024.0))
	}
}
