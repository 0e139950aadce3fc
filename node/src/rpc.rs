//! RPC methods beyond `sc-rpc`'s standard set: account nonces (`system_accountNextIndex`,
//! `system_dryRun`) and fee queries (`payment_queryInfo`, `payment_queryFeeDetails`).

use jsonrpsee::RpcModule;
use palisade_runtime::{opaque::Block, AccountId, Balance, Nonce};
use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use std::sync::Arc;
use substrate_frame_rpc_system::{AccountNonceApi, System, SystemApiServer};

/// What the RPC methods need from the node.
pub struct FullDeps<C, P> {
	/// The client, to call into the runtime.
	pub client: Arc<C>,
	/// The transaction pool, for nonces of pending transactions.
	pub pool: Arc<P>,
}

/// Builds the node-specific RPC module.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: AccountNonceApi<Block, AccountId, Nonce>
		+ sp_block_builder::BlockBuilder<Block>
		+ pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>,
	P: TransactionPool + 'static,
{
	type Hash = <Block as sp_runtime::traits::Block>::Hash;

	let FullDeps { client, pool } = deps;
	let mut module = RpcModule::new(());
	module.merge(SystemApiServer::<Hash, AccountId, Nonce>::into_rpc(System::<P, C, Block>::new(
		client.clone(),
		pool,
	)))?;
	module.merge(TransactionPaymentApiServer::<Hash, _>::into_rpc(
		TransactionPayment::<C, Block>::new(client),
	))?;
	Ok(module)
}
