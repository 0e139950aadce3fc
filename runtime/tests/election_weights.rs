//! Every step of an election fits a quarter of a block, by the weights generated for the
//! production runtime (`scripts/weights.sh election`): 52 voter pages of 2,000 nominators of 16
//! votes, 4,000 candidates of which the richest 2,000 are electable, and 1,000 winners in a
//! page (the tests build the `fast-runtime` runtime, of 2 pages: the production page count is
//! [`PRODUCTION_PAGES`]). Those are
//! the largest pages the runtime's bounds allow, so the figures hold for any chain within them:
//! 1,000 validators elected from 20,000 nominators as from 100,000 nominators and 2,000
//! candidates.
//!
//! `cargo test -p palisade-runtime --test election_weights -- --nocapture` prints each step's
//! share of the block, the table of the README's Performance section.

use frame_support::weights::Weight;
use palisade_runtime::{
	configs::election::{MaxWinnersPerPage, VoterSnapshotPerBlock, PRODUCTION_PAGES},
	weights::{
		pallet_election_provider_multi_block::WeightInfo as ElectionWeights,
		pallet_election_provider_multi_block_signed::WeightInfo as SignedWeights,
		pallet_election_provider_multi_block_unsigned::WeightInfo as UnsignedWeights,
		pallet_election_provider_multi_block_verifier::WeightInfo as VerifierWeights,
	},
	Runtime,
};
use pallet_election_provider_multi_block::weights::traits::{
	pallet_election_provider_multi_block::WeightInfo as Election,
	pallet_election_provider_multi_block_signed::WeightInfo as Signed,
	pallet_election_provider_multi_block_unsigned::WeightInfo as Unsigned,
	pallet_election_provider_multi_block_verifier::WeightInfo as Verifier,
};
use pallet_palisade_staking::WeightInfo as Staking;
use sp_runtime::Perbill;

type ElectionStep = ElectionWeights<Runtime>;
type VerifierStep = VerifierWeights<Runtime>;
type UnsignedStep = UnsignedWeights<Runtime>;
type SignedStep = SignedWeights<Runtime>;
type StakingStep = <Runtime as pallet_palisade_staking::Config>::WeightInfo;

/// The most any step of the election may take of a block.
const LIMIT: Perbill = Perbill::from_percent(25);

/// Each step of a round, in the order it runs, with the weight it is charged: a block hook's
/// step or a transaction's.
fn election_steps() -> Vec<(&'static str, Weight)> {
	// The staking pallet stores each fetched page: up to every winner, backed by every voter
	// of the page with all its votes.
	let store_page = StakingStep::store_election_page(
		MaxWinnersPerPage::get(),
		VoterSnapshotPerBlock::get().saturating_mul(16),
	);
	vec![
		("snapshot: the candidates", ElectionStep::per_block_snapshot_msp()),
		("snapshot: each voter page", ElectionStep::per_block_snapshot_rest()),
		("signed: register a submission (queue full)", SignedStep::register_eject()),
		("signed: register a submission", SignedStep::register_not_full()),
		("signed: submit a solution page", SignedStep::submit_page()),
		("signed: withdraw a page", SignedStep::unset_page()),
		("signed: bail", SignedStep::bail()),
		("signed: start validation", ElectionStep::per_block_start_signed_validation()),
		("verify a page", VerifierStep::verification_valid_non_terminal()),
		("verify the last page", VerifierStep::verification_valid_terminal()),
		("verify a page: invalid solution", VerifierStep::verification_invalid_terminal()),
		(
			"verify a page: invalid, all pages dropped",
			VerifierStep::verification_invalid_non_terminal(PRODUCTION_PAGES),
		),
		("unsigned: validate the miner's transaction", UnsignedStep::validate_unsigned()),
		("unsigned: submit the miner's pages", UnsignedStep::submit_unsigned()),
		(
			"export a page and store it",
			ElectionStep::export_non_terminal().saturating_add(store_page),
		),
		(
			"export the last page and store it",
			ElectionStep::export_terminal().saturating_add(store_page),
		),
		("signed: clear a submission's pages", SignedStep::clear_old_round_data(PRODUCTION_PAGES)),
		("signed: claim a reward", SignedStep::claim_unpaid_reward()),
		("governance: emergency on-chain election", ElectionStep::manage_fallback()),
		("governance: set an emergency solution", ElectionStep::admin_set()),
	]
}

#[test]
fn every_election_step_fits_a_quarter_of_a_block() {
	let block = <Runtime as frame_system::Config>::BlockWeights::get().max_block.ref_time();
	let mut over = Vec::new();
	println!("| step | ms | share of a block |\n|---|---:|---:|");
	for (step, weight) in election_steps() {
		println!(
			"| {step} | {:.1} | {:.1} % |",
			weight.ref_time() as f64 / 1e9,
			weight.ref_time() as f64 * 100.0 / block as f64
		);
		if weight.ref_time() > LIMIT.mul_floor(block) {
			over.push(step);
		}
	}
	assert!(over.is_empty(), "over a quarter of a block: {over:?}");
}
