//! What a run of sequences did, to print and to check that it reached what it should.

use std::collections::{BTreeMap, BTreeSet};

/// What a run of sequences did: how many sequences, steps and blocks, how each call fared,
/// and how often rewards, slashes and eras happened.
#[derive(Default, Debug)]
pub struct Stats {
	pub sequences: u64,
	pub steps: u64,
	pub blocks: u64,
	/// For each call (`pallet::call`), how many times it succeeded and failed.
	pub calls: BTreeMap<String, (u64, u64)>,
	/// How many times each of the pallet's events was emitted, by name.
	pub events: BTreeMap<String, u64>,
	pub offences: u64,
	/// Runtime upgrades that migrated a chain started at storage version 2 or 3.
	pub upgrades: u64,
	/// The pallet's storage items that held a value after some step.
	pub populated: BTreeSet<String>,
}

impl Stats {
	/// How many times `call` succeeded.
	pub fn succeeded(&self, call: &str) -> u64 {
		self.calls.get(call).map_or(0, |(ok, _)| *ok)
	}
}

impl core::fmt::Display for Stats {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		writeln!(
			f,
			"{} sequences, {} steps, {} blocks, {} offences, {} upgrades",
			self.sequences, self.steps, self.blocks, self.offences, self.upgrades
		)?;
		writeln!(f, "storage items that held values: {}", self.populated.len())?;
		writeln!(f, "{:<40} {:>10} {:>10}", "call", "succeeded", "failed")?;
		for (call, (ok, failed)) in &self.calls {
			writeln!(f, "{call:<40} {ok:>10} {failed:>10}")?;
		}
		writeln!(f, "{:<40} {:>10}", "event", "emitted")?;
		for (event, count) in &self.events {
			writeln!(f, "{event:<40} {count:>10}")?;
		}
		Ok(())
	}
}
