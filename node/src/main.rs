//! `palisade-node`: the Palisade chain's node.

mod chain_spec;
mod cli;
mod command;
mod mine;
mod rpc;
mod service;
mod staking_metrics;

fn main() -> sc_cli::Result<()> {
	command::run()
}
