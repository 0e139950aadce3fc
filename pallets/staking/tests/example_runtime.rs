//! The example runtime of `docs/runtime-developer-guide.md`: the least a runtime needs around
//! `pallet-palisade-staking`, compiled and run here. The guide quotes this file; the last test
//! checks that every Rust block of the guide is still in it, word for word.

use frame_election_provider_support::{onchain, SequentialPhragmen};
use frame_support::{
	derive_impl, parameter_types,
	traits::{
		tokens::imbalance::ResolveTo, ConstU128, ConstU32, ConstU64, OnFinalize, OnInitialize,
	},
};
use frame_system::EnsureRoot;
use pallet_palisade_staking::{InflationCurve, UseValidatorsAndNominators};
use sp_runtime::{
	testing::UintAuthorityId,
	traits::{ConvertInto, ConvertToValue},
	BuildStorage, Perbill, Perquintill,
};
use sp_staking::{StakerStatus, StakingInterface};

type AccountId = u64;
type Balance = u128;
type Block = frame_system::mocking::MockBlock<Runtime>;

/// One unit of the currency: 12 decimals, as PAL.
const UNIT: Balance = 1_000_000_000_000;

// Staking comes before Session: the session pallet's genesis asks staking for era 0's
// validators, which the staking genesis elects.
frame_support::construct_runtime!(
	pub enum Runtime {
		System: frame_system,
		Timestamp: pallet_timestamp,
		Balances: pallet_balances,
		Staking: pallet_palisade_staking,
		Session: pallet_session,
		Historical: pallet_session::historical,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Runtime {
	type Balance = Balance;
	type ExistentialDeposit = ConstU128<1>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = ();
	type MinimumPeriod = ConstU64<1>;
	type WeightInfo = ();
}

parameter_types! {
	pub const SessionLength: u64 = 10;
	pub const SessionOffset: u64 = 0;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = pallet_session::PeriodicSessions<SessionLength, SessionOffset>;
	type NextSessionRotation = pallet_session::PeriodicSessions<SessionLength, SessionOffset>;
	type SessionManager = pallet_session::historical::NoteHistoricalRoot<Runtime, Staking>;
	// A real runtime has its BABE and GRANDPA keys here.
	type SessionHandler = pallet_session::TestSessionHandler;
	type Keys = UintAuthorityId;
	type DisablingStrategy = pallet_session::disabling::UpToLimitDisablingStrategy;
	type WeightInfo = ();
	type Currency = Balances;
	type KeyDeposit = ();
}

impl pallet_session::historical::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type FullIdentification = ();
	type FullIdentificationOf = ConvertToValue<()>;
}

// --- The staking pallet -----------------------------------------------------------------------

/// The on-chain sequential Phragmén election over the staking pallet's voters.
pub struct OnChainSeqPhragmen;

impl onchain::Config for OnChainSeqPhragmen {
	type System = Runtime;
	type Solver = SequentialPhragmen<AccountId, Perbill>;
	type DataProvider = Staking;
	type WeightInfo = ();
	type MaxWinnersPerPage = ConstU32<100>;
	type MaxBackersPerWinner = ConstU32<1_000>;
	type Bounds = ElectionBounds;
	type Sort = frame_support::traits::ConstBool<true>;
}

parameter_types! {
	pub ElectionBounds: frame_election_provider_support::bounds::ElectionBounds =
		frame_election_provider_support::bounds::ElectionBoundsBuilder::default().build();
	pub const Inflation: InflationCurve = InflationCurve {
		ideal_staking_rate: Perquintill::from_percent(50),
		min_inflation: Perquintill::from_percent(2),
		max_inflation: Perquintill::from_percent(10),
		falloff: Perquintill::from_percent(5),
	};
	pub const Treasury: AccountId = 1_000;
	pub const MaxCommission: Perbill = Perbill::from_percent(50);
	pub const MaxCommissionIncrease: Perbill = Perbill::from_percent(5);
}

#[derive_impl(pallet_palisade_staking::config_preludes::TestDefaultConfig)]
impl pallet_palisade_staking::Config for Runtime {
	type Currency = Balances;
	type AdminOrigin = EnsureRoot<AccountId>;
	type SlashCancelOrigin = EnsureRoot<AccountId>;
	type ElectionProvider = onchain::OnChainExecution<OnChainSeqPhragmen>;
	type GenesisElectionProvider = onchain::OnChainExecution<OnChainSeqPhragmen>;
	type VoterList = UseValidatorsAndNominators<Runtime>;
	type SessionKeys = Session;
	type UnixTime = Timestamp;
	type NextNewSession = Session;
	type SessionInterface = pallet_palisade_staking::Session<Runtime>;
	type Slash = ResolveTo<Treasury, Balances>;
	type Inflation = Inflation;
	type RewardRemainder = ResolveTo<Treasury, Balances>;
	type MaxCommission = MaxCommission;
	type MaxCommissionIncrease = MaxCommissionIncrease;
}

/// Validators 1 and 2 bond 1,000 units each; 3 nominates both with 500.
fn genesis() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Runtime>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Runtime> {
		balances: vec![
			(1, 10_000 * UNIT),
			(2, 10_000 * UNIT),
			(3, 10_000 * UNIT),
			(Treasury::get(), 1),
		],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_palisade_staking::GenesisConfig::<Runtime> {
		stakers: vec![
			(1, 1_000 * UNIT, StakerStatus::Validator),
			(2, 1_000 * UNIT, StakerStatus::Validator),
			(3, 500 * UNIT, StakerStatus::Nominator(vec![1, 2])),
		],
		validator_count: 2,
		minimum_validator_count: 1,
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_session::GenesisConfig::<Runtime> {
		keys: [1, 2].map(|v| (v, v, UintAuthorityId(v))).to_vec(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	storage.into()
}

// --- Running it -------------------------------------------------------------------------------

/// Runs blocks up to `n`, 6 s apart. Validators 1 and 2 author in turn: in a real runtime
/// `pallet-authorship` reports each block's author to staking (`EventHandler = Staking`), which
/// gives era points; here the test reports them.
fn run_to_block(n: u64) {
	while System::block_number() < n {
		let now = System::block_number();
		if now > 0 {
			AllPalletsWithSystem::on_finalize(now);
		}
		System::set_block_number(now + 1);
		AllPalletsWithSystem::on_initialize(now + 1);
		Timestamp::set_timestamp((now + 1) * 6_000);
		<Staking as pallet_authorship::EventHandler<_, _>>::note_author(now % 2 + 1);
	}
}

#[test]
fn the_example_runtime_elects_pays_and_answers_staking_interface() {
	genesis().execute_with(|| {
		// Era 0's validators come from the genesis election.
		assert_eq!(Session::validators(), vec![1, 2]);
		assert_eq!(<Staking as StakingInterface>::current_era(), 0);
		assert_eq!(<Staking as StakingInterface>::stake(&3).unwrap().active, 500 * UNIT);

		// Eras rotate every `SessionsPerEra` (3) sessions of 10 blocks; era 0 is paid.
		run_to_block(40);
		assert_eq!(Staking::active_era(), Some(1));
		run_to_block(45);
		let paid = pallet_palisade_staking::ErasValidatorReward::<Runtime>::get(0);
		assert!(paid.is_some_and(|reward| reward > 0));
		// Paid automatically; the nominator's reward is bonded (`Staked`).
		assert!(<Staking as StakingInterface>::stake(&3).unwrap().active > 500 * UNIT);
		Staking::do_try_state().unwrap();
	});
}

#[test]
fn the_guide_quotes_this_example_word_for_word() {
	let guide = include_str!("../../../docs/runtime-developer-guide.md");
	let example = include_str!("example_runtime.rs");
	let blocks: Vec<&str> =
		guide.split("```rust\n").skip(1).filter_map(|b| b.split("```").next()).collect();
	assert!(!blocks.is_empty(), "the guide shows the example");
	for block in blocks {
		assert!(example.contains(block), "the guide's block is not in the example:\n{block}");
	}
}
