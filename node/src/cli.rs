//! The command line.

use sc_cli::SubstrateCli;
use std::ffi::OsString;

/// `palisade-node [SUBCOMMAND] [OPTIONS]`: without a subcommand, runs the node.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	#[clap(flatten)]
	pub run: sc_cli::RunCmd,
}

impl Cli {
	/// Parses the process's command line. The node serves only the safe RPC methods unless
	/// `--rpc-methods` asks for others: unsafe ones (`author_rotateKeys`, `author_insertKey`, …)
	/// change the node's keystore or state, and the SDK's default (`auto`) would serve them on
	/// a local interface to any process of the machine.
	pub fn parse_with_safe_rpc() -> Self {
		let mut cli = Self::from_args();
		if !asks_for_rpc_methods(std::env::args_os()) {
			cli.run.rpc_params.rpc_methods = sc_cli::RpcMethods::Safe;
		}
		cli
	}
}

/// Whether `args` set `--rpc-methods` (as `--rpc-methods <m>` or `--rpc-methods=<m>`).
fn asks_for_rpc_methods(args: impl IntoIterator<Item = OsString>) -> bool {
	args.into_iter().any(|arg| {
		let arg = arg.to_string_lossy();
		arg == "--rpc-methods" || arg.starts_with("--rpc-methods=")
	})
}

#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect and insert keys.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (`--raw` for one a second machine can join with).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export the chain specification of a preset.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Benchmarks: `benchmark pallet` generates the pallets' weights.
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),

	/// Database meta columns information.
	ChainInfo(sc_cli::ChainInfoCmd),

	/// Mine the validator election from a node's snapshot and submit the solution signed (the
	/// election's signed phase, with a deposit and a reward).
	Mine(crate::mine::MineCmd),
}

#[cfg(test)]
mod tests {
	use super::asks_for_rpc_methods;

	fn args(line: &str) -> Vec<std::ffi::OsString> {
		line.split(' ').map(Into::into).collect()
	}

	#[test]
	fn rpc_methods_are_asked_for_only_by_the_flag() {
		assert!(asks_for_rpc_methods(args("palisade-node --dev --rpc-methods unsafe")));
		assert!(asks_for_rpc_methods(args("palisade-node --rpc-methods=auto")));
		assert!(!asks_for_rpc_methods(args("palisade-node --dev --rpc-port 9944")));
	}
}
