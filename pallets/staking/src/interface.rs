//! `sp_staking::StakingInterface`: how other pallets (pools, fast-unstake, delegation) use
//! this one.

use crate::bonding::Unbonding;
use crate::{
	BalanceOf, Config, CurrentEra, MinNominatorBond, MinValidatorBond, Nominators, Pallet,
	RewardDestination, StakingLedger, ValidatorCount, Validators,
};
use alloc::vec::Vec;
use frame_support::traits::Get;
use sp_runtime::{traits::Zero, DispatchError, DispatchResult, Perbill};
use sp_staking::{EraIndex, Stake, StakerStatus, StakingInterface};

impl<T: Config> StakingInterface for Pallet<T> {
	type Balance = BalanceOf<T>;
	type AccountId = T::AccountId;
	type CurrencyToVote = T::CurrencyToVote;

	fn minimum_nominator_bond() -> Self::Balance {
		MinNominatorBond::<T>::get()
	}

	fn minimum_validator_bond() -> Self::Balance {
		MinValidatorBond::<T>::get()
	}

	/// Every bonded account controls itself.
	fn stash_by_ctrl(controller: &Self::AccountId) -> Result<Self::AccountId, DispatchError> {
		Self::ensure_bonded(controller)?;
		Ok(controller.clone())
	}

	fn bonding_duration() -> EraIndex {
		T::BondingDuration::get()
	}

	fn current_era() -> EraIndex {
		Pallet::<T>::current_era()
	}

	fn stake(who: &Self::AccountId) -> Result<Stake<Self::Balance>, DispatchError> {
		let ledger = StakingLedger::<T>::of_stash(who)?;
		Ok(Stake { total: ledger.total, active: ledger.active })
	}

	/// Bonds `value` with rewards paid to `payee`.
	fn bond(
		who: &Self::AccountId,
		value: Self::Balance,
		payee: &Self::AccountId,
	) -> DispatchResult {
		Self::do_bond(who.clone(), value, RewardDestination::Account(payee.clone()))
	}

	fn nominate(who: &Self::AccountId, validators: Vec<Self::AccountId>) -> DispatchResult {
		Self::do_nominate(who.clone(), validators)
	}

	fn chill(who: &Self::AccountId) -> DispatchResult {
		Self::do_chill(who)
	}

	/// Bonds `extra` more, or what `who` can spare if that is less.
	fn bond_extra(who: &Self::AccountId, extra: Self::Balance) -> DispatchResult {
		Self::do_bond_extra(who.clone(), extra).map(|_| ())
	}

	/// Unbonds `value` (at most the active bond; nothing for zero) into the chunk that
	/// unlocks at `current_era() + bonding_duration()`, where pools expect it, whether or not
	/// the stake was exposed lately.
	fn unbond(stash: &Self::AccountId, value: Self::Balance) -> DispatchResult {
		let active = StakingLedger::<T>::of_stash(stash)?.active;
		let value = value.min(active);
		if value.is_zero() {
			return Ok(());
		}
		Self::do_unbond(stash.clone(), value, Unbonding::Full)
	}

	/// Rewards go to `reward_acc`; a virtual staker's must be another account.
	fn set_payee(stash: &Self::AccountId, reward_acc: &Self::AccountId) -> DispatchResult {
		Self::do_set_payee(stash.clone(), RewardDestination::Account(reward_acc.clone()))
	}

	/// Returns whether the staker was removed because nothing stayed bonded.
	fn withdraw_unbonded(stash: Self::AccountId, _: u32) -> Result<bool, DispatchError> {
		Self::do_withdraw_unbonded(&stash).map(|(_, removed)| removed)
	}

	fn desired_validator_count() -> u32 {
		ValidatorCount::<T>::get()
	}

	/// Whether the next era's election is running (its result is not all stored yet).
	fn election_ongoing() -> bool {
		Self::is_electing()
	}

	fn force_unstake(who: Self::AccountId) -> DispatchResult {
		Self::do_force_unstake(&who)
	}

	fn is_exposed_in_era(who: &Self::AccountId, era: &EraIndex) -> bool {
		Self::is_exposed(who, *era)
	}

	fn status(who: &Self::AccountId) -> Result<StakerStatus<Self::AccountId>, DispatchError> {
		Self::ensure_bonded(who)?;
		if Validators::<T>::contains_key(who) {
			return Ok(StakerStatus::Validator);
		}
		Ok(match Nominators::<T>::get(who) {
			Some(nominations) => StakerStatus::Nominator(nominations.targets.into_inner()),
			None => StakerStatus::Idle,
		})
	}

	/// Whether another pallet holds `who`'s funds (see `virtual_stakers.rs`).
	fn is_virtual_staker(who: &Self::AccountId) -> bool {
		Self::is_virtual(who)
	}

	/// The share of a slash paid to the offence's reporters.
	fn slash_reward_fraction() -> Perbill {
		T::SlashRewardFraction::get()
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn max_exposure_page_size() -> sp_staking::Page {
		T::MaxExposurePageSize::get()
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn add_era_stakers(
		current_era: &EraIndex,
		stash: &Self::AccountId,
		exposures: Vec<(Self::AccountId, Self::Balance)>,
	) {
		let stakers: Vec<_> =
			exposures.iter().map(|(who, _)| who.clone()).chain([stash.clone()]).collect();
		Self::add_exposure(*current_era, stash, exposures);
		Self::record_exposed(*current_era, stakers);
	}

	#[cfg(any(feature = "std", feature = "runtime-benchmarks"))]
	fn set_era(era: EraIndex) {
		CurrentEra::<T>::put(era);
	}
}
