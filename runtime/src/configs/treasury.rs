//! The treasury: it receives each era's reward remainder, slashed funds and the deposits of
//! killed referenda, and pays spends approved by Root or Treasurer referenda.

use crate::{
	governance::origins::Treasurer, AccountId, Balance, Balances, BlockNumber, Runtime,
	RuntimeEvent, Treasury, DAYS, UNITS,
};
use frame_support::{
	parameter_types,
	traits::{
		tokens::{pay::PayFromAccount, UnityAssetBalanceConversion},
		EitherOf,
	},
	PalletId,
};
use frame_system::{EnsureRoot, EnsureRootWithSuccess, EnsureWithSuccess};
use sp_runtime::traits::IdentityLookup;

parameter_types! {
	pub const TreasuryPalletId: PalletId = PalletId(*b"py/trsry");
	/// The treasury's account, which holds its funds.
	pub TreasuryAccount: AccountId = Treasury::account_id();
	/// Approved spends are paid out once per spend period.
	pub const SpendPeriod: BlockNumber =
		if cfg!(feature = "fast-runtime") { 20 } else { 6 * DAYS };
	/// A spend can be claimed for this long after it becomes valid.
	pub const PayoutPeriod: BlockNumber =
		if cfg!(feature = "fast-runtime") { 100 } else { 30 * DAYS };
	/// The most one Treasurer referendum may spend.
	pub const TreasurerSpendLimit: Balance = 1_000_000 * UNITS;
	/// Root may spend anything.
	pub const RootSpendLimit: Balance = Balance::MAX;
}

impl pallet_treasury::Config for Runtime {
	type Currency = Balances;
	type RejectOrigin = EnsureRoot<AccountId>;
	type RuntimeEvent = RuntimeEvent;
	type SpendPeriod = SpendPeriod;
	/// Unspent funds stay in the treasury.
	type Burn = ();
	type PalletId = TreasuryPalletId;
	type BurnDestination = ();
	type WeightInfo = pallet_treasury::weights::SubstrateWeight<Runtime>;
	type SpendFunds = ();
	type MaxApprovals = frame_support::traits::ConstU32<100>;
	type SpendOrigin = EitherOf<
		EnsureRootWithSuccess<AccountId, RootSpendLimit>,
		EnsureWithSuccess<Treasurer, AccountId, TreasurerSpendLimit>,
	>;
	/// The treasury pays in PAL only.
	type AssetKind = ();
	type Beneficiary = AccountId;
	type BeneficiaryLookup = IdentityLookup<AccountId>;
	type Paymaster = PayFromAccount<Balances, TreasuryAccount>;
	type BalanceConverter = UnityAssetBalanceConversion;
	type PayoutPeriod = PayoutPeriod;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
	type BlockNumberProvider = frame_system::Pallet<Runtime>;
}
