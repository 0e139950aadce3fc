//! `pallet-staking` (crates.io, the same polkadot-sdk release), as relay chains ran it before
//! staking moved to Asset Hub, in a runtime with the same parameters as Palisade's: the same
//! block limits, bags-list voters, reduced election (in the single page `pallet-staking`
//! takes), bonding duration, exposure pages and inflation, and its own weights.

mod steps;

pub use steps::Upstream;

use crate::{
	election::SinglePageElection,
	params::*,
	population::{key_of, AccountId, Balance, Population},
};
use frame_support::{
	derive_impl,
	traits::{ConstU128, ConstU32, ConstU64},
};
use frame_system::EnsureRoot;
use sp_runtime::{testing::UintAuthorityId, traits::ConvertInto, BuildStorage};

type Block = frame_system::mocking::MockBlock<Runtime>;

frame_support::construct_runtime!(
	pub enum Runtime {
		System: frame_system,
		Timestamp: pallet_timestamp,
		Balances: pallet_balances,
		VoterList: pallet_bags_list,
		Staking: pallet_staking,
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
	type MaxLocks = ConstU32<64>;
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
	type FullIdentificationOf = pallet_staking::UnitIdentificationOf<Self>;
}

impl pallet_bags_list::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type ScoreProvider = Staking;
	type BagThresholds = VoteWeightBagThresholds;
	type MaxAutoRebagPerBlock = ConstU32<0>;
	type Score = u64;
}

/// Palisade's inflation curve, so both pallets pay the same rewards.
pub struct SameInflation;

impl pallet_staking::EraPayout<Balance> for SameInflation {
	fn era_payout(staked: Balance, issuance: Balance, era_millis: u64) -> (Balance, Balance) {
		Inflation::get().era_payout(staked, issuance, era_millis)
	}
}

#[derive_impl(pallet_staking::config_preludes::TestDefaultConfig)]
impl pallet_staking::Config for Runtime {
	type OldCurrency = Balances;
	type Currency = Balances;
	type CurrencyBalance = Balance;
	type CurrencyToVote = sp_staking::currency_to_vote::U128CurrencyToVote;
	type UnixTime = Timestamp;
	type AdminOrigin = EnsureRoot<AccountId>;
	type SessionInterface = Self;
	type EraPayout = SameInflation;
	type NextNewSession = Session;
	type BondingDuration = BondingDuration;
	type SessionsPerEra = SessionsPerEra;
	type SlashDeferDuration = SlashDeferDuration;
	type HistoryDepth = HistoryDepth;
	type MaxUnlockingChunks = MaxUnlockingChunks;
	type MaxExposurePageSize = MaxExposurePageSize;
	type MaxValidatorSet = MaxValidatorSet;
	type ElectionProvider = SinglePageElection<Staking, MaxElectingVoters>;
	type GenesisElectionProvider = Self::ElectionProvider;
	type VoterList = VoterList;
	type TargetList = pallet_staking::UseValidatorsMap<Self>;
	type NominationsQuota = pallet_staking::FixedNominationsQuota<16>;
	type WeightInfo = pallet_staking::weights::SubstrateWeight<Runtime>;
}

/// Genesis storage of `population`, as [`crate::palisade::genesis`] builds it for Palisade.
pub fn genesis(population: &Population) -> sp_core::storage::Storage {
	use pallet_staking::StakerStatus;
	let stakers = population
		.validators
		.iter()
		.map(|(who, bond)| (who.clone(), who.clone(), *bond, StakerStatus::Validator))
		.chain(population.nominators.iter().map(|(who, bond, targets)| {
			(who.clone(), who.clone(), *bond, StakerStatus::Nominator(targets.clone()))
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
		balances: pallet_balances::GenesisConfig {
			balances: population.endowed(),
			..Default::default()
		},
		staking: pallet_staking::GenesisConfig {
			stakers,
			validator_count: population.scale.validators,
			minimum_validator_count: 1,
			..Default::default()
		},
		session: pallet_session::GenesisConfig { keys, ..Default::default() },
		..Default::default()
	}
	.build_storage()
	.unwrap_or_else(|error| panic!("pallet-staking genesis: {error}"))
}
