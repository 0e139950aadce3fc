//! The miner's account: signing its transactions offline, as a wallet would (the runtime's
//! transaction extensions with their implicit data, versions, genesis and mortality
//! checkpoint, given rather than read from a state), and reading its nonce and balance.

use super::{rpc::Node, MineError};
use codec::Encode;
use palisade_runtime::{
	AccountId, Address, Balance, Hash, Nonce, Runtime, RuntimeCall, SignedPayload, TxExtension,
	UncheckedExtrinsic, VERSION,
};
use sp_core::{sr25519, Pair};
use sp_runtime::{generic::Era, MultiSignature};

/// How far below the best block the miner's transactions are anchored.
const CHECKPOINT_DEPTH: u32 = 2;

/// The account that signs, pays the fees and holds the deposits.
pub struct Signer {
	pair: sr25519::Pair,
	pub account: AccountId,
}

type Account = frame_system::AccountInfo<Nonce, pallet_balances::AccountData<Balance>>;

impl Signer {
	/// The sr25519 key of `secret_uri` (a mnemonic, a hex seed, or a derivation such as
	/// `//Alice`).
	pub fn from_secret_uri(secret_uri: &str) -> Result<Self, MineError> {
		let pair = sr25519::Pair::from_string(secret_uri, None)
			.map_err(|error| format!("the secret URI is not valid: {error:?}"))?;
		let account = AccountId::from(pair.public());
		Ok(Self { pair, account })
	}

	/// Signs `calls` with consecutive nonces from the signer's next one and sends them to
	/// `node`'s pool, in order: the pool applies them in nonce order. They are valid from a
	/// block just below the best (so that a fork switch at the tip does not void them) for a
	/// little longer than the next `lifetime` blocks.
	pub async fn send_all(
		&self,
		node: &Node,
		calls: Vec<RuntimeCall>,
		lifetime: u32,
	) -> Result<(), MineError> {
		let genesis = node.genesis_hash().await?;
		let (best, _) = node.best().await?;
		let birth = best.saturating_sub(CHECKPOINT_DEPTH);
		let checkpoint = node.block_hash(birth).await?;
		// Rounded up to a power of two (4 at least) by `Era::mortal`.
		let period = u64::from(lifetime.saturating_add(CHECKPOINT_DEPTH).saturating_add(2));
		let era = Era::mortal(period, birth.into());
		let mut nonce = node.next_nonce(&self.account).await?;
		for call in calls {
			let transaction = self.sign(call, nonce, era, checkpoint, genesis);
			node.submit(transaction.encode()).await?;
			nonce = nonce.saturating_add(1);
		}
		Ok(())
	}

	/// The fee of each of `calls`, sent in a transaction of the signer, at `at`.
	pub async fn fees(
		&self,
		node: &Node,
		at: Hash,
		calls: &[RuntimeCall],
	) -> Result<Vec<Balance>, MineError> {
		let genesis = node.genesis_hash().await?;
		// The longest a transaction's era and nonce may encode.
		let era = Era::mortal(1 << 16, 1);
		let mut fees = Vec::new();
		for call in calls {
			let length = self.sign(call.clone(), Nonce::MAX, era, genesis, genesis).encoded_size();
			let length = u32::try_from(length).unwrap_or(u32::MAX);
			fees.push(node.fee(at, call, length).await?);
		}
		Ok(fees)
	}

	/// Whether transactions of the signer wait in the node's pool: its next nonce counting the
	/// pool is past the one the chain has at `at`.
	pub async fn has_pending(&self, node: &Node, at: Hash) -> Result<bool, MineError> {
		let on_chain = self.account_info(node, at).await?.map(|account| account.nonce);
		Ok(node.next_nonce(&self.account).await? > on_chain.unwrap_or_default())
	}

	/// The signer's free balance at `at`.
	pub async fn free_balance(&self, node: &Node, at: Hash) -> Result<Balance, MineError> {
		Ok(self
			.account_info(node, at)
			.await?
			.map(|account| account.data.free)
			.unwrap_or_default())
	}

	async fn account_info(&self, node: &Node, at: Hash) -> Result<Option<Account>, MineError> {
		node.read(at, &frame_system::Account::<Runtime>::hashed_key_for(&self.account))
			.await
	}

	/// `call` signed with `nonce`, mortal from the block `checkpoint` for `era`.
	fn sign(
		&self,
		call: RuntimeCall,
		nonce: Nonce,
		era: Era,
		checkpoint: Hash,
		genesis: Hash,
	) -> UncheckedExtrinsic {
		let extension: TxExtension = (
			frame_system::CheckNonZeroSender::new(),
			frame_system::CheckSpecVersion::new(),
			frame_system::CheckTxVersion::new(),
			frame_system::CheckGenesis::new(),
			frame_system::CheckEra::from(era),
			frame_system::CheckNonce::from(nonce),
			frame_system::CheckWeight::new(),
			pallet_transaction_payment::ChargeTransactionPayment::from(0),
		);
		// What each extension adds to the signed payload without carrying it in the
		// transaction, in the same order.
		let implicit = (
			(),
			VERSION.spec_version,
			VERSION.transaction_version,
			genesis,
			checkpoint,
			(),
			(),
			(),
		);
		let payload = SignedPayload::from_raw(call.clone(), extension.clone(), implicit);
		let signature = payload.using_encoded(|bytes| self.pair.sign(bytes));
		UncheckedExtrinsic::new_signed(
			call,
			Address::Id(self.account.clone()),
			MultiSignature::Sr25519(signature),
			extension,
		)
	}
}
