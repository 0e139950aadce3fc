//! The pallet's invariants, checked by `try-runtime` and after every unit test.
//!
//! Each check fails hard: an invariant that only logged would let a corrupted ledger live on.

use crate::{Bonded, Config, HoldReason, Ledger, Nominators, Pallet, Payee, Validators};
use alloc::collections::btree_set::BTreeSet;
use frame_support::{ensure, traits::fungible::InspectHold};
use sp_runtime::{
	traits::{CheckedAdd, Zero},
	TryRuntimeError,
};

impl<T: Config> Pallet<T> {
	/// Checks every invariant of the pallet's storage. See the crate docs for the list.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		Self::check_ledgers()?;
		Self::check_maps_agree()?;
		Self::check_intents()
	}

	/// Each ledger adds up, is stored under its own stash, and is exactly what is held.
	fn check_ledgers() -> Result<(), TryRuntimeError> {
		for (stash, ledger) in Ledger::<T>::iter() {
			ensure!(ledger.stash == stash, "a ledger is stored under another account");
			let unlocking = ledger
				.unlocking
				.iter()
				.try_fold(Zero::zero(), |sum: crate::BalanceOf<T>, chunk| sum.checked_add(&chunk.value))
				.ok_or("a ledger's unlocking chunks overflow")?;
			ensure!(
				ledger.active.checked_add(&unlocking) == Some(ledger.total),
				"a ledger's total is not active + unlocking"
			);
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::Staking.into(), &stash) == ledger.total,
				"a staker's held balance differs from its ledger total"
			);
			ensure!(
				ledger.legacy_claimed_rewards.is_empty(),
				"a ledger has legacy claimed rewards, which Palisade never writes"
			);
		}
		Ok(())
	}

	/// `Bonded`, `Ledger` and `Payee` have the same keys, and every account controls itself.
	fn check_maps_agree() -> Result<(), TryRuntimeError> {
		for (stash, controller) in Bonded::<T>::iter() {
			ensure!(stash == controller, "a stash is controlled by another account");
			ensure!(Ledger::<T>::contains_key(&stash), "a bonded stash has no ledger");
			ensure!(Payee::<T>::contains_key(&stash), "a bonded stash has no payee");
		}
		ensure!(
			Ledger::<T>::iter_keys().all(|stash| Bonded::<T>::contains_key(&stash)),
			"a ledger has no Bonded entry"
		);
		ensure!(
			Payee::<T>::iter_keys().all(|stash| Bonded::<T>::contains_key(&stash)),
			"a payee is set for an account that is not bonded"
		);
		Ok(())
	}

	/// Validators and nominators are bonded, distinct, and counted right; nominations are
	/// well formed.
	fn check_intents() -> Result<(), TryRuntimeError> {
		let mut validators = 0u32;
		for stash in Validators::<T>::iter_keys() {
			ensure!(Ledger::<T>::contains_key(&stash), "a validator is not bonded");
			ensure!(!Nominators::<T>::contains_key(&stash), "an account validates and nominates");
			validators = validators.saturating_add(1);
		}
		ensure!(validators == Validators::<T>::count(), "the validator counter is wrong");

		let mut nominators = 0u32;
		for (stash, nominations) in Nominators::<T>::iter() {
			ensure!(Ledger::<T>::contains_key(&stash), "a nominator is not bonded");
			ensure!(!nominations.targets.contains(&stash), "a nominator nominates itself");
			let distinct: BTreeSet<_> = nominations.targets.iter().collect();
			ensure!(distinct.len() == nominations.targets.len(), "a nomination repeats a target");
			nominators = nominators.saturating_add(1);
		}
		ensure!(nominators == Nominators::<T>::count(), "the nominator counter is wrong");
		Ok(())
	}
}
