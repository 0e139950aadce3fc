//! Signing the miner's transactions offline, as a wallet would: the runtime's transaction
//! extensions with their implicit data (versions, genesis, mortality checkpoint) given rather
//! than read from a state.

use super::{rpc::Node, MineError};
use codec::Encode;
use palisade_runtime::{
	AccountId, Address, Hash, Nonce, RuntimeCall, SignedPayload, TxExtension, UncheckedExtrinsic,
	VERSION,
};
use sp_core::{sr25519, Pair};
use sp_runtime::{generic::Era, MultiSignature};

/// Transactions stay valid for 256 blocks after the finalised block they are anchored to:
/// longer than finality usually lags, within the chain's `BlockHashCount`.
const MORTALITY: u64 = 256;

/// The account that signs, pays the fees and holds the deposits.
pub struct Signer {
	pair: sr25519::Pair,
	pub account: AccountId,
}

impl Signer {
	/// The sr25519 key of `suri` (a mnemonic, a hex seed, or a derivation such as `//Alice`).
	pub fn from_suri(suri: &str) -> Result<Self, MineError> {
		let pair = sr25519::Pair::from_string(suri, None)
			.map_err(|error| format!("--suri is not a valid secret URI: {error:?}"))?;
		let account = AccountId::from(pair.public());
		Ok(Self { pair, account })
	}

	/// Signs `calls` with consecutive nonces from the signer's next one and sends them to
	/// `node`'s pool, in order: the pool applies them in nonce order.
	pub async fn send_all(
		&self,
		node: &Node,
		calls: Vec<RuntimeCall>,
	) -> Result<Vec<Hash>, MineError> {
		let genesis = node.genesis_hash().await?;
		let (number, checkpoint) = node.finalized().await?;
		let era = Era::mortal(MORTALITY, number.into());
		let mut nonce = node.next_nonce(&self.account).await?;
		let mut sent = Vec::new();
		for call in calls {
			let transaction = self.sign(call, nonce, era, checkpoint, genesis);
			sent.push(node.submit(transaction.encode()).await?);
			nonce = nonce.saturating_add(1);
		}
		Ok(sent)
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
