//! A staker's ledger: its arithmetic, and writing it together with the balance it holds.
//!
//! Every write of a ledger goes through [`StakingLedger::update`], which also sets the held
//! balance to the ledger's `total` (except for virtual stakers, whose funds their owner holds)
//! and tells [`Config::EventListeners`] of the new stake. That keeps the invariant "held =
//! ledger total" true by construction rather than by care at each call site. The one write
//! that bypasses it, noting a validator's claimed eras (`Pallet::note_rewards_claimed`),
//! changes neither the stake nor the held balance.

use crate::{
	BalanceOf, Bonded, Config, Error, HoldReason, Ledger, Pallet, Payee, RewardDestination,
	StakingLedger, UnexpectedKind, UnlockChunk, VirtualStakers,
};
use alloc::collections::BTreeMap;
use frame_support::{
	traits::{fungible::MutateHold, DefensiveSaturating},
	BoundedVec,
};
use sp_runtime::{
	helpers_128bit::multiply_by_rational_with_rounding,
	traits::{Saturating, Zero},
	DispatchResult, Rounding, SaturatedConversion,
};
use sp_staking::{EraIndex, OnStakingUpdate, Stake};

/// What a slash took from a ledger: the total, and the new value of each unlocking chunk it
/// took from, by the chunk's era (chunks slashed to zero included), as
/// [`OnStakingUpdate::on_slash`] reports them.
pub(crate) struct LedgerSlash<Balance> {
	/// What the ledger lost.
	pub taken: Balance,
	/// The new value of each unlocking chunk slashed, by its era.
	pub unlocking: BTreeMap<EraIndex, Balance>,
}

impl<T: Config> Pallet<T> {
	/// Whether `who` is bonded. Reads [`Bonded`], the smallest record of a stash
	/// (`do_try_state` keeps it and [`Ledger`] in step).
	pub fn is_bonded(who: &T::AccountId) -> bool {
		Bonded::<T>::contains_key(who)
	}

	/// [`Error::NotStash`] unless `who` is bonded. Reads [`Ledger`]: the calls that check it
	/// either read the ledger next or were benchmarked reading it.
	pub(crate) fn ensure_bonded(who: &T::AccountId) -> Result<(), Error<T>> {
		frame_support::ensure!(Ledger::<T>::contains_key(who), Error::<T>::NotStash);
		Ok(())
	}
}

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

	/// The ledger of `stash`, or [`Error::NotStash`] if it is not bonded.
	pub(crate) fn of_stash(stash: &T::AccountId) -> Result<Self, Error<T>> {
		Self::get(stash).ok_or(Error::<T>::NotStash)
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
		self.active.defensive_saturating_reduce(value);
		Ok(())
	}

	/// Notes, as a validator's ledger, that every page of its rewards for `era` has been
	/// claimed: `era` joins `legacy_claimed_rewards` in order, and eras before `oldest` (out
	/// of the reward history) leave it. Nothing changes for an era before `oldest`.
	pub(crate) fn note_rewards_claimed(&mut self, era: EraIndex, oldest: EraIndex) {
		if era < oldest {
			return;
		}
		let claimed = &mut self.legacy_claimed_rewards;
		claimed.retain(|claimed_era| *claimed_era >= oldest);
		if let Err(place) = claimed.binary_search(&era) {
			if claimed.try_insert(place, era).is_err() {
				Pallet::<T>::unexpected(UnexpectedKind::EraListFull);
			}
		}
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
		self.total.defensive_saturating_reduce(unlocked);
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

	/// Slashes up to `amount` of the stake that was at risk for an offence: the active bond and
	/// the unlocking chunks that unlock at `from_unlock_era` or later (those unbonded since the
	/// offence era), **pro rata**, so that unbonding after an offence does not move its slash
	/// onto the stake that stayed (a pool's unbonding members pay their share, as its bonded
	/// members do). Rounding leftovers come from the active bond, then the newest chunks. Takes
	/// less than `amount` only when that stake is less.
	pub(crate) fn slash(
		&mut self,
		amount: BalanceOf<T>,
		from_unlock_era: EraIndex,
	) -> LedgerSlash<BalanceOf<T>> {
		let mut unlocking = BTreeMap::new();
		let at_risk = self
			.unlocking
			.iter()
			.filter(|chunk| chunk.era >= from_unlock_era)
			.fold(self.active, |sum, chunk| sum.saturating_add(chunk.value));
		let amount = amount.min(at_risk);
		if amount.is_zero() {
			return LedgerSlash { taken: Zero::zero(), unlocking };
		}
		// `value`'s share of the slash, rounded up: `value * amount / at_risk`.
		let share = |value: BalanceOf<T>| {
			multiply_by_rational_with_rounding(
				value.saturated_into(),
				amount.saturated_into(),
				at_risk.saturated_into(),
				Rounding::Up,
			)
			.map_or(value, BalanceOf::<T>::saturated_from)
		};
		let mut left = amount;
		let mut take = |value: &mut BalanceOf<T>, wanted: BalanceOf<T>| {
			let taken = wanted.min(*value).min(left);
			*value = value.saturating_sub(taken);
			left = left.saturating_sub(taken);
			taken
		};
		let active_share = share(self.active);
		take(&mut self.active, active_share);
		for chunk in self.unlocking.iter_mut().rev().filter(|chunk| chunk.era >= from_unlock_era) {
			let chunk_share = share(chunk.value);
			if !take(&mut chunk.value, chunk_share).is_zero() {
				unlocking.insert(chunk.era, chunk.value);
			}
		}
		// What rounding left: from the active bond, then the newest chunks.
		take(&mut self.active, amount);
		for chunk in self.unlocking.iter_mut().rev().filter(|chunk| chunk.era >= from_unlock_era) {
			if !take(&mut chunk.value, amount).is_zero() {
				unlocking.insert(chunk.era, chunk.value);
			}
		}
		self.unlocking.retain(|chunk| !chunk.value.is_zero());
		let taken = amount.saturating_sub(left);
		self.total.defensive_saturating_reduce(taken);
		LedgerSlash { taken, unlocking }
	}

	/// Records a new staker: its ledger, its reward destination and its [`Bonded`]
	/// entry, and holds the ledger's total.
	///
	/// Fails without writing anything if the funds cannot be held.
	pub(crate) fn bond(self, payee: RewardDestination<T::AccountId>) -> DispatchResult {
		// A new staker neither validates nor nominates yet: it has no voter-list score.
		self.update_leaving_voter_list()?;
		Bonded::<T>::insert(&self.stash, &self.stash);
		Payee::<T>::insert(&self.stash, payee);
		Ok(())
	}

	/// Writes the ledger, sets the staker's balance held under [`HoldReason::Staking`] to
	/// exactly `total` (a virtual staker's owner holds its funds: nothing is held here), and its
	/// voter-list score to `active`; tells [`Config::EventListeners`] of the new stake.
	///
	/// Fails without writing anything if the funds cannot be held.
	pub(crate) fn update(&self) -> DispatchResult {
		self.update_leaving_voter_list()?;
		Pallet::<T>::update_voter_score(&self.stash, self.active);
		Ok(())
	}

	/// [`Self::update`] without touching the voter list, for:
	/// - a change that keeps the active bond (a withdrawal);
	/// - a staker outside the list (a new bond);
	/// - a reward bonded by the payout, which only raises the active bond: the list's own
	///   rebagging (`pallet-bags-list`'s automatic rebag in `on_idle`, or anyone's `rebag`)
	///   brings the score up later, so that paying an era does not move list nodes. A voter's
	///   score may lag below its active bond, never above it (but for a decrease deferred while
	///   the list is frozen): every decrease goes through [`Self::update`].
	///
	/// Fails without writing anything if the funds cannot be held.
	pub(crate) fn update_leaving_voter_list(&self) -> DispatchResult {
		if !VirtualStakers::<T>::contains_key(&self.stash) {
			T::Currency::set_on_hold(&HoldReason::Staking.into(), &self.stash, self.total)?;
		}
		let previous = Ledger::<T>::get(&self.stash)
			.map(|previous| Stake { total: previous.total, active: previous.active });
		Ledger::<T>::insert(&self.stash, self);
		T::EventListeners::on_stake_update(&self.stash, previous);
		Ok(())
	}
}
