//! A staker's ledger: its arithmetic, and writing it together with the balance it holds.
//!
//! Every write of a ledger goes through [`StakingLedger::update`], which also sets the held
//! balance to the ledger's `total`. That keeps the invariant "held = ledger total" true by
//! construction rather than by care at each call site.

use crate::{
	BalanceOf, Bonded, Config, Error, HoldReason, Ledger, Pallet, Payee, RewardDestination,
	StakingLedger, UnlockChunk,
};
use frame_support::{traits::fungible::MutateHold, BoundedVec};
use sp_runtime::{
	traits::{Saturating, Zero},
	DispatchResult,
};
use sp_staking::EraIndex;

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

	/// Moves `value` of the active bond into the chunk that unlocks at `era`, creating it if
	/// needed. The caller ensures `value <= active`.
	pub(crate) fn add_unlocking(&mut self, value: BalanceOf<T>, era: EraIndex) -> DispatchResult {
		if let Some(chunk) = self.unlocking.iter_mut().find(|chunk| chunk.era == era) {
			chunk.value = chunk.value.saturating_add(value);
		} else {
			self.unlocking
				.try_push(UnlockChunk { value, era })
				.map_err(|_| Error::<T>::NoMoreChunks)?;
		}
		self.active = self.active.saturating_sub(value);
		Ok(())
	}

	/// Removes the chunks that have unlocked by `current_era` and returns their sum.
	pub(crate) fn remove_unlocked(&mut self, current_era: EraIndex) -> BalanceOf<T> {
		let mut unlocked = BalanceOf::<T>::zero();
		self.unlocking.retain(|chunk| {
			let mature = chunk.era <= current_era;
			if mature {
				unlocked = unlocked.saturating_add(chunk.value);
			}
			!mature
		});
		self.total = self.total.saturating_sub(unlocked);
		unlocked
	}

	/// Moves up to `value` from the unlocking chunks back to the active bond, newest chunk
	/// first, and returns the amount moved.
	pub(crate) fn rebond(&mut self, value: BalanceOf<T>) -> BalanceOf<T> {
		let mut rebonded = BalanceOf::<T>::zero();
		while let Some(newest) = self.unlocking.last_mut() {
			let wanted = value.saturating_sub(rebonded);
			if wanted.is_zero() {
				break;
			}
			let taken = wanted.min(newest.value);
			newest.value = newest.value.saturating_sub(taken);
			rebonded = rebonded.saturating_add(taken);
			if newest.value.is_zero() {
				self.unlocking.pop();
			}
		}
		self.active = self.active.saturating_add(rebonded);
		rebonded
	}

	/// Slashes up to `amount`: the active bond first, then the unlocking chunks that unlock
	/// at `from_unlock_era` or later, newest first. Returns the amount slashed, which is less
	/// than `amount` only when the ledger holds less.
	pub(crate) fn slash(
		&mut self,
		amount: BalanceOf<T>,
		from_unlock_era: EraIndex,
	) -> BalanceOf<T> {
		let mut left = amount;
		let from_active = left.min(self.active);
		self.active = self.active.saturating_sub(from_active);
		left = left.saturating_sub(from_active);
		for chunk in self.unlocking.iter_mut().rev().filter(|chunk| chunk.era >= from_unlock_era) {
			let taken = left.min(chunk.value);
			chunk.value = chunk.value.saturating_sub(taken);
			left = left.saturating_sub(taken);
		}
		self.unlocking.retain(|chunk| !chunk.value.is_zero());
		let slashed = amount.saturating_sub(left);
		self.total = self.total.saturating_sub(slashed);
		slashed
	}

	/// Records a new staker: its ledger, its reward destination and its `Bonded` entry, and
	/// holds the ledger's total.
	///
	/// Fails without writing anything if the funds cannot be held.
	pub(crate) fn bond(self, payee: RewardDestination<T::AccountId>) -> DispatchResult {
		// A new staker neither validates nor nominates yet: it has no voter-list score.
		self.update_keeping_active()?;
		Bonded::<T>::insert(&self.stash, &self.stash);
		Payee::<T>::insert(&self.stash, payee);
		Ok(())
	}

	/// Writes the ledger, sets the staker's balance held under [`HoldReason::Staking`] to
	/// exactly `total`, and its voter-list score to `active`.
	///
	/// Fails without writing anything if the funds cannot be held.
	pub(crate) fn update(&self) -> DispatchResult {
		self.update_keeping_active()?;
		Pallet::<T>::update_voter_score(&self.stash, self.active);
		Ok(())
	}

	/// [`Self::update`] for a change that leaves the voter-list score as it was (a withdrawal,
	/// which keeps the active bond) or for a staker outside the list (a new bond): the list is
	/// not touched.
	///
	/// Fails without writing anything if the funds cannot be held.
	pub(crate) fn update_keeping_active(&self) -> DispatchResult {
		T::Currency::set_on_hold(&HoldReason::Staking.into(), &self.stash, self.total)?;
		Ledger::<T>::insert(&self.stash, self);
		Ok(())
	}
}
