//! Pooled staking for holders below the nominator minimum: `pallet-nomination-pools` over
//! `pallet-delegated-staking`, with the staking pallet as their host.
//!
//! A member's funds stay in its own account, held by delegated staking (so it can still vote
//! with them); each pool is a keyless *virtual staker* of the staking pallet that bonds and
//! nominates as one, and is paid into the pool's reward account. Slashes of the pool's stake
//! reach its members pro rata: the staking pallet reports them (`EventListeners`), and each
//! member's share is taken from its held funds when applied.

use crate::{
	configs::TreasuryAccount, governance::StakingAdminOrigin, Balance, Balances, DelegatedStaking,
	Runtime, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason, Staking, System,
};
use frame_support::{
	parameter_types,
	traits::{tokens::imbalance::ResolveTo, ConstU128, ConstU32, ConstU8, Nothing},
	weights::Weight,
	PalletId,
};
use pallet_palisade_pool_upkeep::WeightInfo as _;
use sp_core::U256;
use sp_runtime::{traits::Convert, FixedU128, Perbill};

parameter_types! {
	pub const PoolsPalletId: PalletId = PalletId(*b"py/nopls");
	pub const DelegatedStakingPalletId: PalletId = PalletId(*b"py/dlstk");
	/// Whoever applies a member's pending slash (`apply_slash`) is paid nothing: an offender
	/// could otherwise collect a share of its own nominators' slashes. Reporters are paid
	/// from offenders' own stake alone, by the staking pallet.
	pub const MemberSlashRewardFraction: Perbill = Perbill::zero();
}

impl pallet_delegated_staking::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type PalletId = DelegatedStakingPalletId;
	type Currency = Balances;
	/// Members' slashed funds go to the treasury, as the staking pallet's slashes do.
	type OnSlash = ResolveTo<TreasuryAccount, Balances>;
	type SlashRewardFraction = MemberSlashRewardFraction;
	type RuntimeHoldReason = RuntimeHoldReason;
	type CoreStaking = Staking;
}

/// Pools' points arithmetic, in 256 bits.
pub struct BalanceToU256;
impl Convert<Balance, U256> for BalanceToU256 {
	fn convert(balance: Balance) -> U256 {
		U256::from(balance)
	}
}

/// Back from 256 bits: pools only convert values bounded by a balance, so it never saturates.
pub struct U256ToBalance;
impl Convert<U256, Balance> for U256ToBalance {
	fn convert(value: U256) -> Balance {
		value.try_into().unwrap_or(Balance::MAX)
	}
}

impl pallet_nomination_pools::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Upstream's weights, their time scaled to this chain's reference machine (see
	/// `pools_weights.rs` for why they bound the work with this host).
	type WeightInfo = crate::configs::pools_weights::PoolsWeight;
	type Currency = Balances;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type RewardCounter = FixedU128;
	type BalanceToU256 = BalanceToU256;
	type U256ToBalance = U256ToBalance;
	/// Members' funds stay in their accounts, held by delegated staking.
	type StakeAdapter =
		pallet_nomination_pools::adapter::DelegateStake<Runtime, Staking, DelegatedStaking>;
	type PalletId = PoolsPalletId;
	type MaxPointsToBalance = ConstU8<10>;
	/// One unbonding chunk per era a member unbonds in, as many as a staker's ledger has.
	type MaxUnbonding = ConstU32<32>;
	/// Unbonding sub-pools: one per era of the bonding duration, and a few more eras before
	/// they merge, so that every era a slash can still reach has its own sub-pool (pools'
	/// integrity test requires more than the bonding duration).
	type MaxUnbondingPools = MaxUnbondingPools;
	type MaxMetadataLen = ConstU32<256>;
	type AdminOrigin = StakingAdminOrigin;
	type BlockNumberProvider = System;
	/// Anyone may join a pool, stakers too: a member's funds are held separately from its own
	/// bond, so nothing is counted twice.
	type Filter = Nothing;
}

parameter_types! {
	pub const MaxUnbondingPools: u32 =
		crate::configs::staking::BondingDuration::get().saturating_add(4);
}

parameter_types! {
	pub const PoolUpkeepPalletId: PalletId = PalletId(*b"py/plupk");
	/// A sweep of the pool members uses at most a twentieth of each block.
	pub const PoolUpkeepBlockShare: Perbill = Perbill::from_percent(5);
}

impl pallet_palisade_pool_upkeep::Config for Runtime {
	type BlockShare = PoolUpkeepBlockShare;
	/// Any reward is worth moving: a sweep's cost is bounded by its block share whatever it
	/// moves, and reading a member's rewards is most of a step.
	type MinAutoClaim = ConstU128<1>;
	type PalletId = PoolUpkeepPalletId;
	type WeightInfo = pallet_palisade_pool_upkeep::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = SlashPoolInStaking;
}

/// What the pools and delegated staking do for one pool when the staking pallet reports its
/// slash or withdrawal, as the pool upkeep's benchmarks measure it: the staking pallet charges
/// it for every staker it reports.
pub struct PoolListenerWeights;

impl pallet_palisade_staking::ListenerWeights for PoolListenerWeights {
	fn on_slash() -> Weight {
		// Each of its unbonding sub-pools may be reported.
		<Runtime as pallet_palisade_pool_upkeep::Config>::WeightInfo::pool_slash_listeners(
			MaxUnbondingPools::get(),
		)
	}
	fn on_withdraw() -> Weight {
		<Runtime as pallet_palisade_pool_upkeep::Config>::WeightInfo::pool_withdraw_listeners()
	}
}

/// The staking pallet's listeners: the pools, and delegated staking, which holds their funds.
pub type StakingListeners = (crate::NominationPools, DelegatedStaking);

/// The staking pallet, as the pool upkeep's benchmarks need it.
#[cfg(feature = "runtime-benchmarks")]
pub struct SlashPoolInStaking;

#[cfg(feature = "runtime-benchmarks")]
impl pallet_palisade_pool_upkeep::BenchmarkHelper<crate::AccountId, Balance>
	for SlashPoolInStaking
{
	fn slash_pool(pool: &crate::AccountId, amount: Balance) {
		Staking::slash_for_benchmarks(pool, amount);
	}
	fn set_era(era: sp_staking::EraIndex) {
		<Staking as sp_staking::StakingInterface>::set_era(era);
	}
	fn notify_slash(
		pool: &crate::AccountId,
		active: Balance,
		unlocking: &alloc::collections::BTreeMap<sp_staking::EraIndex, Balance>,
		total: Balance,
	) {
		<StakingListeners as sp_staking::OnStakingUpdate<_, _>>::on_slash(
			pool, active, unlocking, total,
		);
	}
	fn notify_withdraw(pool: &crate::AccountId, amount: Balance) {
		<StakingListeners as sp_staking::OnStakingUpdate<_, _>>::on_withdraw(pool, amount);
	}
}
