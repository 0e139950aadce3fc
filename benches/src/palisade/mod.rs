//! Palisade's staking pallet in a runtime with the production staking parameters: bags-list
//! voters, the paged and reduced election of [`crate::election`], Palisade's block limits and
//! weights.

mod steps;

pub use steps::Palisade;

use crate::{
	election::{PagedElection, SinglePageElection},
	params::*,
	population::{key_of, AccountId, Balance, Population},
};
use frame_support::{
	derive_impl,
	traits::{tokens::imbalance::ResolveTo, ConstU128, ConstU32, ConstU64},
};
use frame_system::EnsureRoot;
use sp_runtime::{
	testing::UintAuthorityId,
	traits::{ConvertInto, ConvertToValue},
	BuildStorage,
};
use sp_staking::StakerStatus;

type Block = frame_system::mocking::MockBlock<Runtime>;

frame_support::construct_runtime!(
	pub enum Runtime {
		System: frame_system,
		Timestamp: pallet_timestamp,
		Balances: pallet_balances,
		VoterList: pallet_bags_list,
		Staking: pallet_palisade_staking,
		Session: pallet_session,
		Historical: pallet_session::historical,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type BlockWeights = BlockWeights;
	type DbWeight = frame_support::weights::constants::ParityDbWeight;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Runtime {
	type Balance = Balance;
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = ();
	type MinimumPeriod = ConstU64<1>;
	type WeightInfo = ();
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = pallet_session::PeriodicSessions<ConstU64<600>, ConstU64<0>>;
	type NextSessionRotation = pallet_session::PeriodicSessions<ConstU64<600>, ConstU64<0>>;
	type SessionManager = pallet_session::historical::NoteHistoricalRoot<Runtime, Staking>;
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

impl pallet_bags_list::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type ScoreProvider = Staking;
	type BagThresholds = BalanceBagThresholds;
	type MaxAutoRebagPerBlock = ConstU32<0>;
	type Score = Balance;
}

frame_support::parameter_types! {
	pub const Treasury: AccountId = TREASURY;
	pub const MaxCommission: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(50);
	pub const MaxCommissionIncrease: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(5);
}

impl pallet_palisade_staking::Config for Runtime {
	type Currency = Balances;
	type CurrencyToVote = sp_staking::currency_to_vote::U128CurrencyToVote;
	type AdminOrigin = EnsureRoot<AccountId>;
	type SlashCancelOrigin = EnsureRoot<AccountId>;
	type BondingDuration = BondingDuration;
	type MaxNominations = ConstU32<16>;
	type MaxUnlockingChunks = MaxUnlockingChunks;
	type HistoryDepth = HistoryDepth;
	type SessionsPerEra = SessionsPerEra;
	type MaxValidatorSet = MaxValidatorSet;
	type MaxValidatorCandidates = ConstU32<4_000>;
	type MaxExposurePageSize = MaxExposurePageSize;
	type ElectionProvider = PagedElection<Staking>;
	type GenesisElectionProvider = SinglePageElection<Staking>;
	type ElectionLead = ConstU32<1>;
	/// The benchmark's election provider registers no weight of its own, so the pallet
	/// charges the snapshot pages it gives (the runtime's multi-block election charges them
	/// within its own snapshot weight).
	type ChargeElectionData = frame_support::traits::ConstBool<true>;
	type VoterList = VoterList;
	type UnixTime = Timestamp;
	type NextNewSession = Session;
	type SessionKeys = Session;
	type SessionInterface = pallet_palisade_staking::Session<Runtime>;
	type SlashDeferDuration = SlashDeferDuration;
	type Slash = ResolveTo<Treasury, Balances>;
	type SlashRewardFraction = SlashRewardFraction;
	type MaxUnappliedSlashes = ConstU32<128>;
	type Inflation = Inflation;
	type RewardRemainder = ResolveTo<Treasury, Balances>;
	type AutoPayoutDelay = ConstU64<1>;
	type MaxCommission = MaxCommission;
	type MaxCommissionIncrease = MaxCommissionIncrease;
	type CommissionIncreaseDelay = ConstU32<1>;
	/// No pools in these benches: every staker holds its own funds.
	type EventListeners = ();
	type ListenerWeights = ();
	type VirtualStakeOwner = ();
	type WeightInfo = pallet_palisade_staking::weights::SubstrateWeight<Runtime>;
}

/// Genesis storage of `population`: every validator validates and every nominator nominates
/// its targets; era 0 is elected and active. Every validator and spare account has session
/// keys, so any of them may `validate`.
pub fn genesis(population: &Population) -> sp_core::storage::Storage {
	let endowed = population.endowed();
	let stakers = population
		.validators
		.iter()
		.map(|(who, bond)| (who.clone(), *bond, StakerStatus::Validator))
		.chain(population.nominators.iter().map(|(who, bond, targets)| {
			(who.clone(), *bond, StakerStatus::Nominator(targets.clone()))
		}))
		.collect();
	let keys = population
		.validators
		.iter()
		.map(|(who, _)| who.clone())
		.chain(crate::population::spares())
		.map(|who| (who.clone(), who.clone(), UintAuthorityId(key_of(&who))))
		.collect();
	RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig { balances: endowed, ..Default::default() },
		staking: pallet_palisade_staking::GenesisConfig {
			stakers,
			validator_count: population.scale.validators,
			minimum_validator_count: 1,
			..Default::default()
		},
		session: pallet_session::GenesisConfig { keys, ..Default::default() },
		..Default::default()
	}
	.build_storage()
	.unwrap_or_else(|error| panic!("Palisade genesis: {error}"))
}
