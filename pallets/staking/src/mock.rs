//! A test runtime: `frame_system`, `pallet_balances` and this pallet.

use crate::{self as pallet_palisade_staking, CurrentEra};
use frame_support::{derive_impl, traits::ConstU128};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;
use sp_staking::{EraIndex, StakerStatus};

pub type AccountId = u64;
pub type Balance = u128;

/// The existential deposit of the test chain.
pub const ED: Balance = 10;

/// Accounts funded by [`ExtBuilder::default`], each with [`INITIAL_BALANCE`].
pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
pub const EVE: AccountId = 5;
/// An account with no balance.
pub const NOBODY: AccountId = 99;
pub const INITIAL_BALANCE: Balance = 10_000;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Staking: pallet_palisade_staking,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ConstU128<ED>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

#[derive_impl(pallet_palisade_staking::config_preludes::TestDefaultConfig)]
impl pallet_palisade_staking::Config for Test {
	type Currency = Balances;
	type AdminOrigin = EnsureRoot<AccountId>;
}

/// The bonding duration of the test chain, in eras.
pub const BONDING_DURATION: EraIndex = 3;

/// Makes `era` the current era.
pub fn set_current_era(era: EraIndex) {
	CurrentEra::<Test>::put(era);
}

/// Builds the test state: funded accounts and genesis stakers.
pub struct ExtBuilder {
	balances: Vec<(AccountId, Balance)>,
	stakers: Vec<(AccountId, Balance, StakerStatus<AccountId>)>,
	min_nominator_bond: Balance,
	min_validator_bond: Balance,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self {
			balances: [ALICE, BOB, CHARLIE, DAVE, EVE]
				.into_iter()
				.map(|who| (who, INITIAL_BALANCE))
				.collect(),
			stakers: vec![],
			min_nominator_bond: 0,
			min_validator_bond: 0,
		}
	}
}

impl ExtBuilder {
	/// Bonds `value` of `stash` at genesis, idle.
	pub fn staker(mut self, stash: AccountId, value: Balance) -> Self {
		self.stakers.push((stash, value, StakerStatus::Idle));
		self
	}

	/// Bonds `value` of `stash` at genesis as a validator with default preferences.
	pub fn validator(mut self, stash: AccountId, value: Balance) -> Self {
		self.stakers.push((stash, value, StakerStatus::Validator));
		self
	}

	/// Bonds `value` of `stash` at genesis, nominating `targets`.
	pub fn nominator(mut self, stash: AccountId, value: Balance, targets: Vec<AccountId>) -> Self {
		self.stakers.push((stash, value, StakerStatus::Nominator(targets)));
		self
	}

	/// Sets the minimum nominator and validator bonds at genesis.
	pub fn min_bonds(mut self, nominator: Balance, validator: Balance) -> Self {
		self.min_nominator_bond = nominator;
		self.min_validator_bond = validator;
		self
	}

	pub fn build(self) -> sp_io::TestExternalities {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		pallet_balances::GenesisConfig::<Test> { balances: self.balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.unwrap();
		pallet_palisade_staking::GenesisConfig::<Test> {
			stakers: self.stakers,
			validator_count: 2,
			min_nominator_bond: self.min_nominator_bond,
			min_validator_bond: self.min_validator_bond,
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		let mut ext = sp_io::TestExternalities::new(storage);
		// Events are only recorded from block 1 on.
		ext.execute_with(|| System::set_block_number(1));
		ext
	}

	/// Runs `test`, then checks the pallet's invariants: a test passes only if they hold.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Staking::do_try_state().expect("staking invariants hold after the test");
		});
	}
}
