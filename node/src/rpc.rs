//! RPC methods beyond `sc-rpc`'s standard set: account nonces (`system_accountNextIndex`,
//! `system_dryRun`), fee queries (`payment_queryInfo`, `payment_queryFeeDetails`) and the slots
//! a validator's keys may claim this epoch (`babe_epochAuthorship`, unsafe).

use jsonrpsee::RpcModule;
use palisade_runtime::{opaque::Block, AccountId, Balance, Nonce};
use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
use sc_consensus_babe::BabeWorkerHandle;
use sc_consensus_babe_rpc::{Babe, BabeApiServer};
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};
use sp_consensus::SelectChain;
use sp_keystore::KeystorePtr;
use std::sync::Arc;
use substrate_frame_rpc_system::{AccountNonceApi, System, SystemApiServer};

/// What the RPC methods need from the node.
pub struct FullDeps<C, P, SC> {
	/// The client, to call into the runtime.
	pub client: Arc<C>,
	/// The transaction pool, for nonces of pending transactions.
	pub pool: Arc<P>,
	/// The BABE worker, which knows the epochs.
	pub babe_worker_handle: BabeWorkerHandle<Block>,
	/// The node's keystore, whose BABE keys `babe_epochAuthorship` reports on.
	pub keystore: KeystorePtr,
	/// The best-chain rule.
	pub select_chain: SC,
}

/// Builds the node-specific RPC module.
pub fn create_full<C, P, SC>(
	deps: FullDeps<C, P, SC>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: AccountNonceApi<Block, AccountId, Nonce>
		+ sp_block_builder::BlockBuilder<Block>
		+ sp_consensus_babe::BabeApi<Block>
		+ pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>,
	P: TransactionPool + 'static,
	SC: SelectChain<Block> + Clone + 'static,
{
	type Hash = <Block as sp_runtime::traits::Block>::Hash;

	let FullDeps { client, pool, babe_worker_handle, keystore, select_chain } = deps;
	let mut module = RpcModule::new(());
	module.merge(SystemApiServer::<Hash, AccountId, Nonce>::into_rpc(
		System::<P, C, Block>::new(client.clone(), pool),
	))?;
	module.merge(TransactionPaymentApiServer::<Hash, _>::into_rpc(
		TransactionPayment::<C, Block>::new(client.clone()),
	))?;
	module.merge(Babe::new(client, babe_worker_handle, keystore, select_chain).into_rpc())?;
	Ok(module)
}
