//! A staker's ledger: creating it, and writing it together with the balance it holds.
//!
//! Every write of a ledger goes through [`StakingLedger::update`], which also sets the held
//! balance to the ledger's `total`. That is what keeps the invariant "held = ledger total" true
//! by construction rather than by care at each call site.

use crate::{BalanceOf, Bonded, Config, HoldReason, Ledger, Payee, RewardDestination, StakingLedger};
use frame_support::{traits::fungible::MutateHold, BoundedVec};
use sp_runtime::DispatchResult;

impl<T: Config> StakingLedger<T> {
	/// A ledger with `value` active and nothing unlocking.
	pub fn new(stash: T::AccountId, value: BalanceOf<T>) -> Self {
		Self {
			stash,
			total: value,
			active: value,
			unlocking: BoundedVec::new(),
			legacy_claimed_rewards: BoundedVec::new(),
		}
	}

	/// The ledger of `stash`, if it is bonded.
	pub fn get(stash: &T::AccountId) -> Option<Self> {
		Ledger::<T>::get(stash)
	}

	/// Records a new staker: its ledger, its reward destination and its `Bonded` entry, and
	/// holds the ledger's total.
	///
	/// Fails without writing anything if the funds cannot be held.
	pub(crate) fn bond(self, payee: RewardDestination<T::AccountId>) -> DispatchResult {
		self.update()?;
		Bonded::<T>::insert(&self.stash, &self.stash);
		Payee::<T>::insert(&self.stash, payee);
		Ok(())
	}

	/// Writes the ledger and sets the staker's balance held under [`HoldReason::Staking`] to
	/// exactly `total`.
	///
	/// Fails without writing anything if the funds cannot be held.
	pub(crate) fn update(&self) -> DispatchResult {
		T::Currency::set_on_hold(&HoldReason::Staking.into(), &self.stash, self.total)?;
		Ledger::<T>::insert(&self.stash, self);
		Ok(())
	}
}
