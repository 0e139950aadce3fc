//! `pallet-staking-async` (crates.io, the same polkadot-sdk release), as Polkadot's Asset Hub
//! runs it, in a runtime with Palisade's parameters: the same block limits, bags-list voters,
//! paged and reduced election, bonding duration, exposure pages and inflation, and its own
//! weights. Asset Hub hears of sessions and offences from the relay chain; here the benchmark
//! reports them itself, through the same `AHStakingInterface` the relay-chain client calls.

mod steps;

pub use steps::StakingAsync;

use crate::{
	election::PagedElection,
	params::*,
	population::{AccountId, Balance, Population},
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstBool, ConstU128, ConstU32, Nothing},
	PalletId,
};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;
use std::cell::RefCell;

type Block = frame_system::mocking::MockBlock<Runtime>;

frame_support::construct_runtime!(
	pub enum Runtime {
		System: frame_system,
		Balances: pallet_balances,
		VoterList: pallet_bags_list,
		Staking: pallet_staking_async,
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

impl pallet_bags_list::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type ScoreProvider = Staking;
	type BagThresholds = VoteWeightBagThresholds;
	type MaxAutoRebagPerBlock = ConstU32<0>;
	type Score = u64;
}

/// Palisade's inflation curve, so every pallet pays the same rewards.
pub struct SameInflation;

impl sp_staking::EraPayout<Balance> for SameInflation {
	fn era_payout(staked: Balance, issuance: Balance, era_millis: u64) -> (Balance, Balance) {
		Inflation::get().era_payout(staked, issuance, era_millis)
	}
}

thread_local! {
	/// The validator set the pallet last handed to the relay chain, with its id.
	static HANDED_OVER: RefCell<Option<(u32, Vec<AccountId>)>> = const { RefCell::new(None) };
}

/// The relay chain's side: it takes the elected validator set (and activates it with the
/// next session report, which the benchmark sends).
pub struct RelayChain;

impl RelayChain {
	/// The id of the last validator set handed over, taking it.
	pub fn take_handed_over() -> Option<(u32, Vec<AccountId>)> {
		HANDED_OVER.with_borrow_mut(Option::take)
	}
}

impl pallet_staking_async_rc_client::RcClientInterface for RelayChain {
	type AccountId = AccountId;

	fn validator_set(validators: Vec<AccountId>, id: u32, _prune_up_to: Option<u32>) {
		HANDED_OVER.with_borrow_mut(|handed| *handed = Some((id, validators)));
	}
}

parameter_types! {
	pub const RewardPotId: PalletId = PalletId(*b"py/stpot");
}

impl pallet_staking_async::Config for Runtime {
	type OldCurrency = Balances;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type CurrencyBalance = Balance;
	type CurrencyToVote = sp_staking::currency_to_vote::U128CurrencyToVote;
	type ElectionProvider = PagedElection<Staking>;
	type NominationsQuota = pallet_staking_async::FixedNominationsQuota<16>;
	type HistoryDepth = HistoryDepth;
	type RewardRemainder = ();
	type Slash = ();
	type Reward = ();
	type SessionsPerEra = SessionsPerEra;
	type PlanningEraOffset = ConstU32<1>;
	type BondingDuration = BondingDuration;
	type NominatorFastUnbondDuration = BondingDuration;
	type SlashDeferDuration = SlashDeferDuration;
	type AdminOrigin = EnsureRoot<AccountId>;
	type EraPayout = SameInflation;
	/// Rewards are minted when paid, as `pallet-staking` and Palisade do.
	type DisableMinting = ConstBool<false>;
	type UnclaimedRewardHandler = ();
	type RewardPots = pallet_staking_async::Seed<RewardPotId>;
	type StakerRewardCalculator =
		pallet_staking_async::reward::DefaultStakerRewardCalculator<Runtime>;
	type MaxExposurePageSize = MaxExposurePageSize;
	type MaxValidatorSet = MaxValidatorSet;
	type VoterList = VoterList;
	type TargetList = pallet_staking_async::UseValidatorsMap<Self>;
	type MaxUnlockingChunks = MaxUnlockingChunks;
	type MaxControllersInDeprecationBatch = ConstU32<100>;
	type EventListeners = ();
	/// No cap on an era's length: the benchmark's eras last six hours.
	type MaxEraDuration = ();
	type MaxPruningItems = ConstU32<100>;
	type RcClientInterface = RelayChain;
	type Filter = Nothing;
	type WeightInfo = pallet_staking_async::weights::SubstrateWeight<Runtime>;
	type IsValidatorInactive = ();
}

/// Genesis storage of `population`, as [`crate::palisade::genesis`] builds it for Palisade.
/// `pallet-staking-async` elects nothing at genesis: [`steps::StakingAsync::genesis`] then
/// elects and starts era 1, so that an era with exposures is active.
pub fn genesis_config(population: &Population) -> sp_core::storage::Storage {
	use pallet_staking_async::StakerStatus;
	let stakers = population
		.validators
		.iter()
		.map(|(who, bond)| (who.clone(), *bond, StakerStatus::Validator))
		.chain(population.nominators.iter().map(|(who, bond, targets)| {
			(who.clone(), *bond, StakerStatus::Nominator(targets.clone()))
		}))
		.collect();
	RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig {
			balances: population.endowed(),
			..Default::default()
		},
		staking: pallet_staking_async::GenesisConfig {
			stakers,
			validator_count: population.scale.validators,
			active_era: (0, 0, 0),
			..Default::default()
		},
		..Default::default()
	}
	.build_storage()
	.unwrap_or_else(|error| panic!("pallet-staking-async genesis: {error}"))
}
