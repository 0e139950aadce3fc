//! Transaction fees: what block space costs, how it rises when blocks are full, and where the
//! fees go.
//!
//! A transaction pays `multiplier × weight fee + length fee` (plus any tip):
//! - **Weight fee**: linear in the transaction's compute weight, calibrated so that an ordinary
//!   call costs about a hundredth of a PAL: the base weight of any extrinsic
//!   (`ExtrinsicBaseWeight`, 108 µs) costs [`BASE_EXTRINSIC_FEE`], 2 milli-PAL, and an
//!   ordinary call weighs four to eight of those (a `transfer_keep_alive` 388 µs with its
//!   storage access on top of the base, a `bond` 702 µs). With the length fee, a transfer
//!   (146 bytes) costs 0.0106 PAL and a `bond` (115 bytes) 0.0161 PAL: `runtime/tests/fees.rs`
//!   pins both between 0.005 and 0.02 PAL and prints them. A full block
//!   (1.5 s of normal-class weight) costs about 28 PAL: filling blocks, or bloating state
//!   with transactions, is not cheap.
//! - **Length fee**: [`TRANSACTION_BYTE_FEE`] per encoded byte, 10 micro-PAL: 1.46 milli-PAL
//!   for a signed transfer.
//! - **Congestion multiplier**: `TargetedFeeAdjustment` with Polkadot's parameters. When blocks
//!   are more than a quarter full the multiplier rises each block (about 0.0056 % a block at
//!   full blocks: ×1.0056 after 100 of them, ×1.76 after 10,000), and it falls back when they
//!   are emptier, never below 1: on a quiet chain every fee is the calibrated one. (Polkadot
//!   lets it fall to 0.1, which makes a quiet chain's fees a tenth of their calibration.)
//! - **Where fees go**: 80 % to the treasury, 20 % (and all tips) to the block author. An author
//!   that fills its own blocks with its own transactions gets back a fifth of what it pays:
//!   stuffing blocks costs it four fifths.

use crate::{
	configs::TreasuryAccount, AccountId, Balance, Balances, Runtime, RuntimeEvent, CENTS,
	MILLICENTS,
};
use frame_support::{
	parameter_types,
	traits::{
		fungible::Credit,
		tokens::imbalance::{OnUnbalanced, ResolveTo},
		Imbalance,
	},
	weights::{
		constants::ExtrinsicBaseWeight, ConstantMultiplier, WeightToFeeCoefficient,
		WeightToFeeCoefficients, WeightToFeePolynomial,
	},
};
use pallet_transaction_payment::{FungibleAdapter, Multiplier, TargetedFeeAdjustment};
use sp_runtime::{traits::Bounded, FixedPointNumber, Perbill, Perquintill};

/// The fee of an extrinsic's base weight: a fifth of a cent, 2 milli-PAL.
pub const BASE_EXTRINSIC_FEE: Balance = CENTS / 5;
/// The fee per encoded byte of a transaction: 10 micro-PAL.
pub const TRANSACTION_BYTE_FEE: Balance = MILLICENTS;

/// The weight fee: [`BASE_EXTRINSIC_FEE`] per `ExtrinsicBaseWeight` of compute, linearly.
pub struct WeightToFee;

impl WeightToFeePolynomial for WeightToFee {
	type Balance = Balance;

	fn polynomial() -> WeightToFeeCoefficients<Self::Balance> {
		let per_base = Balance::from(ExtrinsicBaseWeight::get().ref_time()).max(1);
		let coefficient = WeightToFeeCoefficient {
			coeff_integer: BASE_EXTRINSIC_FEE / per_base,
			coeff_frac: Perbill::from_rational(BASE_EXTRINSIC_FEE % per_base, per_base),
			negative: false,
			degree: 1,
		};
		alloc::vec![coefficient].into()
	}
}

parameter_types! {
	pub const TransactionByteFee: Balance = TRANSACTION_BYTE_FEE;
	/// Fees rise once blocks are more than a quarter full.
	pub const TargetBlockFullness: Perquintill = Perquintill::from_percent(25);
	/// How fast the multiplier moves (Polkadot's value).
	pub AdjustmentVariable: Multiplier = Multiplier::saturating_from_rational(75, 1_000_000);
	/// Fees never fall below the calibrated ones.
	pub MinimumMultiplier: Multiplier = Multiplier::from_u32(1);
	pub MaximumMultiplier: Multiplier = Bounded::max_value();
}

/// The congestion multiplier's update, once per block.
pub type FeeMultiplierUpdate = TargetedFeeAdjustment<
	Runtime,
	TargetBlockFullness,
	AdjustmentVariable,
	MinimumMultiplier,
	MaximumMultiplier,
>;

/// Pays fees to the treasury (80 %) and the block author (20 %, and every tip).
pub struct DealWithFees;

impl OnUnbalanced<Credit<AccountId, Balances>> for DealWithFees {
	fn on_unbalanceds(mut fees_then_tips: impl Iterator<Item = Credit<AccountId, Balances>>) {
		let Some(fees) = fees_then_tips.next() else { return };
		let (to_treasury, mut to_author) = fees.ration(80, 20);
		for tip in fees_then_tips {
			to_author.subsume(tip);
		}
		ResolveTo::<TreasuryAccount, Balances>::on_unbalanced(to_treasury);
		ToAuthor::on_unbalanced(to_author);
	}
}

/// Pays the block's author; to the treasury when the author is unknown (as in a block built
/// without a BABE pre-digest).
pub struct ToAuthor;

impl OnUnbalanced<Credit<AccountId, Balances>> for ToAuthor {
	fn on_nonzero_unbalanced(amount: Credit<AccountId, Balances>) {
		match pallet_authorship::Pallet::<Runtime>::author() {
			Some(author) => {
				if let Err(unpaid) =
					<Balances as frame_support::traits::fungible::Balanced<_>>::resolve(
						&author, amount,
					) {
					ResolveTo::<TreasuryAccount, Balances>::on_unbalanced(unpaid);
				}
			},
			None => ResolveTo::<TreasuryAccount, Balances>::on_unbalanced(amount),
		}
	}
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction = FungibleAdapter<Balances, DealWithFees>;
	/// Operational transactions (e.g. equivocation reports by their authors) weigh five times
	/// more in the pool's priority, as on Polkadot.
	type OperationalFeeMultiplier = frame_support::traits::ConstU8<5>;
	type WeightToFee = WeightToFee;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = FeeMultiplierUpdate;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}
