//! Reading a round's snapshot from the chain, page by page, each checked against the hash the
//! chain stored beside it.

use super::{config::SignedMiner, rpc::Node, MineError};
use codec::Decode;
use palisade_runtime::{configs::election::Pages, Hash, Runtime};
use pallet_election_provider_multi_block::{
	unsigned::miner::MineInput, AllVoterPagesOf, DesiredTargets, PagedTargetSnapshot,
	PagedTargetSnapshotHash, PagedVoterSnapshot, PagedVoterSnapshotHash, VoterPageOf,
};
use sp_runtime::traits::{BlakeTwo256, Hash as _};

/// The input of the runtime's miner for `round`, read at block `at`: the desired number of
/// validators, the candidates and every voter page (page 0 holds the poorest voters), to be
/// mined in full and reduced.
pub async fn mine_input(
	node: &Node,
	at: Hash,
	round: u32,
) -> Result<MineInput<SignedMiner>, MineError> {
	let pages = Pages::get();
	let desired_targets: u32 = node
		.read(at, &DesiredTargets::<Runtime>::hashed_key_for(round))
		.await?
		.ok_or("the round has no desired number of validators yet")?;
	// The candidates are stored with the most significant page (as the pallet reads them).
	let msp = pages.saturating_sub(1);
	let all_targets = checked_page(
		node,
		at,
		&PagedTargetSnapshot::<Runtime>::hashed_key_for(round, msp),
		&PagedTargetSnapshotHash::<Runtime>::hashed_key_for(round, msp),
	)
	.await?
	.ok_or("the round has no candidates: is the miner built with the chain's `fast-runtime`?")?;

	let mut voter_pages = Vec::new();
	for page in 0..pages {
		let voters: VoterPageOf<SignedMiner> = checked_page(
			node,
			at,
			&PagedVoterSnapshot::<Runtime>::hashed_key_for(round, page),
			&PagedVoterSnapshotHash::<Runtime>::hashed_key_for(round, page),
		)
		.await?
		.ok_or_else(|| format!("voter page {page} of round {round} is not taken yet"))?;
		voter_pages.push(voters);
	}
	let voter_pages: AllVoterPagesOf<SignedMiner> =
		voter_pages.try_into().map_err(|_| "more voter pages than the runtime has")?;
	Ok(MineInput { desired_targets, all_targets, voter_pages, pages, do_reduce: true, round })
}

/// The page stored at `key`, if its bytes hash to the hash stored at `hash_key`.
async fn checked_page<T: Decode>(
	node: &Node,
	at: Hash,
	key: &[u8],
	hash_key: &[u8],
) -> Result<Option<T>, MineError> {
	let Some(bytes) = node.raw(at, key).await? else { return Ok(None) };
	let stored: Option<Hash> = node.read(at, hash_key).await?;
	if stored != Some(BlakeTwo256::hash(&bytes)) {
		return Err("a snapshot page does not match the hash the chain stored for it".into());
	}
	Ok(Some(T::decode(&mut bytes.as_slice())?))
}
