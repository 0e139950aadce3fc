//! The miner's connection to a node: JSON-RPC over WebSocket, and the storage it reads, decoded
//! with the runtime's own types.

use super::MineError;
use codec::{Decode, Encode};
use frame_support::{
	storage::storage_prefix, traits::PalletInfoAccess, StorageHasher, Twox64Concat,
};
use jsonrpsee::{
	core::client::{ClientT, Subscription, SubscriptionClientT},
	rpc_params,
	ws_client::{WsClient, WsClientBuilder},
};
use palisade_runtime::{
	AccountId, Balance, Hash, Header, MultiBlockElectionSigned, MultiBlockElectionVerifier, Nonce,
	Runtime, RuntimeCall, VERSION,
};
use pallet_election_provider_multi_block::{CurrentPhase, Phase, Round};
use pallet_transaction_payment::RuntimeDispatchInfo;
use sp_core::Bytes;
use sp_npos_elections::ElectionScore;
use sp_runtime::traits::Header as _;

/// A snapshot of a large chain is tens of megabytes: the largest answer accepted.
const MAX_RESPONSE_BYTES: u32 = 256 << 20;

/// A node of the chain, reached over WebSocket.
pub struct Node {
	client: WsClient,
}

/// What the signed pallet keeps of a submission (`SubmissionMetadata`, whose fields are
/// private upstream): the deposit held, the fees paid so far, the reward promised, the claimed
/// score and which pages are stored.
#[derive(Decode)]
pub struct Submission {
	pub deposit: Balance,
	pub fee: Balance,
	pub reward: Balance,
	pub claimed_score: ElectionScore,
	pub pages: Vec<bool>,
}

impl Node {
	/// Connects to the node at `url` and checks that it runs the runtime this binary was
	/// built with.
	pub async fn connect(url: &str) -> Result<Self, MineError> {
		let client = WsClientBuilder::default()
			.max_response_size(MAX_RESPONSE_BYTES)
			.build(url)
			.await?;
		let node = Self { client };
		node.check_runtime(node.best().await?.1).await?;
		Ok(node)
	}

	/// Fails unless the runtime at `at` is the one this binary was built with: the miner
	/// encodes the chain's types (and its page counts) natively, so a runtime upgrade needs a
	/// miner built from the new source.
	pub async fn check_runtime(&self, at: Hash) -> Result<(), MineError> {
		let version: serde_json::Value =
			self.client.request("state_getRuntimeVersion", rpc_params![at]).await?;
		let (name, spec, transaction) =
			(&version["specName"], &version["specVersion"], &version["transactionVersion"]);
		if *name == *VERSION.spec_name
			&& *spec == VERSION.spec_version
			&& *transaction == VERSION.transaction_version
		{
			return Ok(());
		}
		Err(format!(
			"the node runs {name} version {spec} (transactions {transaction}), this binary was \
			 built with {} version {} (transactions {}): build the miner from the chain's source",
			VERSION.spec_name, VERSION.spec_version, VERSION.transaction_version
		)
		.into())
	}

	/// The headers of new best blocks, as the node imports them.
	pub async fn best_heads(&self) -> Result<Subscription<Header>, MineError> {
		Ok(self
			.client
			.subscribe("chain_subscribeNewHeads", rpc_params![], "chain_unsubscribeNewHeads")
			.await?)
	}

	/// The best block: its number and hash.
	pub async fn best(&self) -> Result<(u32, Hash), MineError> {
		let header: Header = self.client.request("chain_getHeader", rpc_params![]).await?;
		Ok((*header.number(), header.hash()))
	}

	/// The hash of the best chain's block `number`.
	pub async fn block_hash(&self, number: u32) -> Result<Hash, MineError> {
		let hash: Option<Hash> =
			self.client.request("chain_getBlockHash", rpc_params![number]).await?;
		hash.ok_or_else(|| format!("the node has no block {number}").into())
	}

	/// The hash of the genesis block.
	pub async fn genesis_hash(&self) -> Result<Hash, MineError> {
		Ok(self.client.request("chain_getBlockHash", rpc_params![0]).await?)
	}

	/// `who`'s next nonce, counting its transactions in the node's pool.
	pub async fn next_nonce(&self, who: &AccountId) -> Result<Nonce, MineError> {
		Ok(self.client.request("system_accountNextIndex", rpc_params![who]).await?)
	}

	/// Sends an encoded, signed transaction to the node's pool; returns its hash.
	pub async fn submit(&self, transaction: Vec<u8>) -> Result<Hash, MineError> {
		Ok(self
			.client
			.request("author_submitExtrinsic", rpc_params![Bytes(transaction)])
			.await?)
	}

	/// The fee of `call` at `at`, sent in a transaction of `length` bytes.
	pub async fn fee(
		&self,
		at: Hash,
		call: &RuntimeCall,
		length: u32,
	) -> Result<Balance, MineError> {
		let input = Bytes((call, length).encode());
		let output: Bytes = self
			.client
			.request(
				"state_call",
				rpc_params!["TransactionPaymentCallApi_query_call_info", input, at],
			)
			.await?;
		let info = RuntimeDispatchInfo::<Balance>::decode(&mut output.as_ref())?;
		Ok(info.partial_fee)
	}

	/// The raw value at `key` in the state of block `at`.
	pub async fn raw(&self, at: Hash, key: &[u8]) -> Result<Option<Vec<u8>>, MineError> {
		let value: Option<Bytes> = self
			.client
			.request("state_getStorage", rpc_params![Bytes(key.to_vec()), at])
			.await?;
		Ok(value.map(|bytes| bytes.0))
	}

	/// The value at `key` in the state of block `at`, decoded.
	pub async fn read<T: Decode>(&self, at: Hash, key: &[u8]) -> Result<Option<T>, MineError> {
		match self.raw(at, key).await? {
			Some(bytes) => Ok(Some(T::decode(&mut bytes.as_slice())?)),
			None => Ok(None),
		}
	}

	/// The election's phase at `at`.
	pub async fn phase(&self, at: Hash) -> Result<Phase<Runtime>, MineError> {
		Ok(self.read(at, &CurrentPhase::<Runtime>::hashed_key()).await?.unwrap_or_default())
	}

	/// The election's round at `at`.
	pub async fn round(&self, at: Hash) -> Result<u32, MineError> {
		Ok(self.read(at, &Round::<Runtime>::hashed_key()).await?.unwrap_or_default())
	}

	/// The score a solution must beat, set by governance, if any.
	pub async fn minimum_score(&self, at: Hash) -> Result<Option<ElectionScore>, MineError> {
		self.read(at, &private_key::<MultiBlockElectionVerifier>(b"MinimumScore", &[]))
			.await
	}

	/// The score of the solution queued in `round`, if any.
	pub async fn queued_score(
		&self,
		at: Hash,
		round: u32,
	) -> Result<Option<ElectionScore>, MineError> {
		let key =
			private_key::<MultiBlockElectionVerifier>(b"QueuedSolutionScore", &[&round.encode()]);
		self.read(at, &key).await
	}

	/// `who`'s submission in `round`, if it has one.
	pub async fn submission(
		&self,
		at: Hash,
		round: u32,
		who: &AccountId,
	) -> Result<Option<Submission>, MineError> {
		let keys: [&[u8]; 2] = [&round.encode(), &who.encode()];
		let key = private_key::<MultiBlockElectionSigned>(b"SubmissionMetadataStorage", &keys);
		self.read(at, &key).await
	}
}

/// The key of a storage item that pallet `P` keeps private: its prefix, then each key hashed
/// with `Twox64Concat` (as the signed and verifier pallets declare them).
fn private_key<P: PalletInfoAccess>(item: &[u8], keys: &[&[u8]]) -> Vec<u8> {
	let mut key = storage_prefix(P::name().as_bytes(), item).to_vec();
	for part in keys {
		key.extend(Twox64Concat::hash(part));
	}
	key
}

#[cfg(test)]
mod tests {
	use super::*;
	use pallet_election_provider_multi_block::verifier::Verifier;

	/// The keys built by hand for the items the election pallets keep private are the
	/// pallets' own: what a pallet stores is read there, and what is stored there the pallet
	/// reads (the signed pallet's item is read by the live test `node/tests/miner.rs`).
	#[test]
	fn private_keys_are_the_pallets_keys() {
		sp_io::TestExternalities::default().execute_with(|| {
			let score = ElectionScore { minimal_stake: 7, sum_stake: 8, sum_stake_squared: 9 };
			MultiBlockElectionVerifier::set_minimum_score(score);
			let minimum = private_key::<MultiBlockElectionVerifier>(b"MinimumScore", &[]);
			let stored = sp_io::storage::get(&minimum)
				.map(|bytes| ElectionScore::decode(&mut &bytes[..]).expect("a score"));
			assert_eq!(stored, Some(score));

			let round = 0u32;
			let queued = private_key::<MultiBlockElectionVerifier>(
				b"QueuedSolutionScore",
				&[&round.encode()],
			);
			sp_io::storage::set(&queued, &score.encode());
			assert_eq!(MultiBlockElectionVerifier::queued_score(), Some(score));
		});
	}
}
