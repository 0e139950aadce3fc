//! Virtual stakers: stakers whose funds another pallet holds.
//!
//! `pallet-delegated-staking` bonds each nomination pool as a *virtual staker*: a keyless
//! account with a ledger here, whose funds stay held in its members' own accounts (so they can
//! still vote with them). This pallet keeps the ledger, elects, exposes and pays it as any other
//! staker, but never holds, releases or slashes its currency:
//! - bonding, unbonding and withdrawing change only the ledger, and each withdrawal is reported
//!   through [`Config::EventListeners`]' `on_withdraw`, so the owner knows what it may release;
//! - a slash lowers the ledger and is reported through `on_slash` (the active bond and each
//!   slashed unlocking chunk after the slash); the owner takes the funds from its members;
//! - its rewards go to another account (the pool's reward account): never `Staked`, never
//!   itself;
//! - it always unbonds for the full [`BondingDuration`](crate::Config::BondingDuration) from the
//!   current era, where the owner expects its unbonding funds (pools key their unbonding sub-pools
//!   by that era);
//! - nobody can reap it; `do_try_state` checks that nothing of it is held here, instead of
//!   checking the hold against its ledger.
//!
//! This is `sp_staking::StakingUnchecked`, with `pallet-staking`'s semantics.

use crate::{
	BalanceOf, Config, Error, Event, HoldReason, Pallet, RewardDestination, StakingLedger,
	VirtualStakers,
};
use core::marker::PhantomData;
use frame_support::weights::Weight;
use frame_support::{
	ensure,
	traits::{
		fungible::{Inspect, MutateHold},
		tokens::Precision,
	},
};
use sp_runtime::{traits::Zero, DispatchResult};
use sp_staking::{Agent, DelegationInterface, StakingUnchecked};

/// The most [`Config::EventListeners`] weigh for one staker, as the listening pallets'
/// benchmarks measure it: the pallet adds it to the weight of every call and hook step that
/// reports a slash or a withdrawal, for each staker it reports.
pub trait ListenerWeights {
	/// Telling the listeners of one staker's slash (`on_slash`).
	fn on_slash() -> Weight;
	/// Telling the listeners of one staker's withdrawal (`on_withdraw`).
	fn on_withdraw() -> Weight;
}

/// Listeners that do no work to speak of (none, or only tests').
impl ListenerWeights for () {
	fn on_slash() -> Weight {
		Weight::zero()
	}
	fn on_withdraw() -> Weight {
		Weight::zero()
	}
}

/// The pallet that holds virtual stakers' funds, as [`Config::VirtualStakeOwner`]: how much it
/// holds for each, so that `do_try_state` can check that the stake counted here exists.
pub trait VirtualStakeOwner<AccountId, Balance> {
	/// What the owner holds for the virtual staker `who` and may still stake: its funds less
	/// the slashes it has yet to take from them. `None` if it does not know `who`.
	fn funds_held_for(who: &AccountId) -> Option<Balance>;
}

/// No owner: a chain without virtual stakers. `do_try_state` fails if one exists.
impl<AccountId, Balance> VirtualStakeOwner<AccountId, Balance> for () {
	fn funds_held_for(_who: &AccountId) -> Option<Balance> {
		None
	}
}

/// An owner that holds delegated funds, such as `pallet-delegated-staking`: it holds an agent's
/// delegations less its pending slashes ([`DelegationInterface::agent_balance`]).
pub struct DelegatedFunds<Delegation>(PhantomData<Delegation>);

impl<Delegation: DelegationInterface> VirtualStakeOwner<Delegation::AccountId, Delegation::Balance>
	for DelegatedFunds<Delegation>
{
	fn funds_held_for(who: &Delegation::AccountId) -> Option<Delegation::Balance> {
		Delegation::agent_balance(Agent::from(who.clone()))
	}
}

impl<T: Config> Pallet<T> {
	/// Whether `who` is a virtual staker: bonded through `virtual_bond` (or migrated). Such an
	/// account is keyless (`do_try_state` checks that it never signed).
	pub fn is_virtual(who: &T::AccountId) -> bool {
		VirtualStakers::<T>::contains_key(who)
	}

	/// Whether `payee` may receive `stash`'s rewards: anything for a staker holding its own
	/// funds; for a virtual staker only another account, since minting into (or bonding on) the
	/// keyless account would create funds its owner does not know of.
	pub(crate) fn ensure_payee_allowed(
		stash: &T::AccountId,
		payee: &RewardDestination<T::AccountId>,
	) -> DispatchResult {
		if Self::is_virtual(stash) {
			ensure!(
				matches!(payee, RewardDestination::Account(account) if account != stash),
				Error::<T>::RewardDestinationRestricted
			);
		}
		Ok(())
	}
}

impl<T: Config> StakingUnchecked for Pallet<T> {
	/// Makes the bonded `who` a virtual staker: releases everything held for it, which its new
	/// owner takes over (delegated staking moves it to a delegator it holds for).
	fn migrate_to_virtual_staker(who: &T::AccountId) -> DispatchResult {
		ensure!(Self::is_bonded(who), Error::<T>::NotStash);
		T::Currency::release_all(&HoldReason::Staking.into(), who, Precision::BestEffort)?;
		VirtualStakers::<T>::insert(who, ());
		Ok(())
	}

	/// Bonds `value` for the keyless `keyless_who` without holding anything: the caller holds the
	/// funds. Rewards go to `payee`, which must be another account.
	///
	/// Errors: [`AlreadyBonded`](crate::Error::AlreadyBonded);
	/// [`RewardDestinationRestricted`](crate::Error::RewardDestinationRestricted) if `payee` is
	/// `keyless_who`; [`ZeroAmount`](crate::Error::ZeroAmount);
	/// [`BelowExistentialDeposit`](crate::Error::BelowExistentialDeposit).
	///
	/// Emits [`Bonded`](crate::Event::Bonded).
	fn virtual_bond(
		keyless_who: &T::AccountId,
		value: BalanceOf<T>,
		payee: &T::AccountId,
	) -> DispatchResult {
		ensure!(!Self::is_bonded(keyless_who), Error::<T>::AlreadyBonded);
		ensure!(keyless_who != payee, Error::<T>::RewardDestinationRestricted);
		ensure!(!value.is_zero(), Error::<T>::ZeroAmount);
		ensure!(value >= T::Currency::minimum_balance(), Error::<T>::BelowExistentialDeposit);
		// Marked first, so that writing the ledger holds nothing.
		VirtualStakers::<T>::insert(keyless_who, ());
		if let Err(error) = StakingLedger::<T>::new(keyless_who.clone(), value)
			.bond(RewardDestination::Account(payee.clone()))
		{
			VirtualStakers::<T>::remove(keyless_who);
			return Err(error);
		}
		Self::deposit_event(Event::<T>::Bonded { stash: keyless_who.clone(), amount: value });
		Ok(())
	}

	/// Makes the virtual `who` hold its own funds again (benchmarks only: the funds must be in
	/// its account).
	#[cfg(feature = "runtime-benchmarks")]
	fn migrate_to_direct_staker(who: &T::AccountId) {
		let total = StakingLedger::<T>::get(who).map(|ledger| ledger.total).unwrap_or_default();
		VirtualStakers::<T>::remove(who);
		if let Err(error) = T::Currency::set_on_hold(&HoldReason::Staking.into(), who, total) {
			frame_support::defensive!("a migrated staker's funds could not be held", error);
		}
		crate::Payee::<T>::insert(who, RewardDestination::Stash);
	}
}
