//! The miner's configuration: the runtime's own, but for the length bound. Off-chain workers
//! submit their solution in one unsigned transaction, so the runtime bounds a whole solution by
//! a block's length; a signed solution is submitted a page per transaction, so each page has
//! that bound and the whole solution may be `Pages` times as long.

use palisade_runtime::{configs::election::Pages, Runtime};
use pallet_election_provider_multi_block::unsigned::miner::MinerConfig;
use sp_runtime::traits::Get;

/// The runtime's [`MinerConfig`] with a signed solution's length bound.
pub struct SignedMiner;

/// A signed solution's length bound: the runtime's bound for one transaction, for each page.
pub struct SignedMaxLength;

impl Get<u32> for SignedMaxLength {
	fn get() -> u32 {
		<<Runtime as MinerConfig>::MaxLength as Get<u32>>::get().saturating_mul(Pages::get())
	}
}

impl MinerConfig for SignedMiner {
	type AccountId = <Runtime as MinerConfig>::AccountId;
	type Hash = <Runtime as MinerConfig>::Hash;
	type MaxBackersPerWinner = <Runtime as MinerConfig>::MaxBackersPerWinner;
	type MaxBackersPerWinnerFinal = <Runtime as MinerConfig>::MaxBackersPerWinnerFinal;
	type MaxWinnersPerPage = <Runtime as MinerConfig>::MaxWinnersPerPage;
	type MaxVotesPerVoter = <Runtime as MinerConfig>::MaxVotesPerVoter;
	type MaxLength = SignedMaxLength;
	type Solver = <Runtime as MinerConfig>::Solver;
	type Pages = <Runtime as MinerConfig>::Pages;
	type Solution = <Runtime as MinerConfig>::Solution;
	type VoterSnapshotPerBlock = <Runtime as MinerConfig>::VoterSnapshotPerBlock;
	type TargetSnapshotPerBlock = <Runtime as MinerConfig>::TargetSnapshotPerBlock;
}
