//! The sweep: a member's step, and going through the members within a block's share.

use crate::{
	BalanceOf, Config, Event, GenesisPool, Pallet, Sweep, SweepState, SweptEra, Tally, WeightInfo,
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	defensive,
	traits::Get,
	weights::{Weight, WeightMeter},
	BoundedVec,
};
use frame_system::RawOrigin;
use pallet_nomination_pools::{
	adapter::StakeStrategy, BondExtra, ClaimPermission, ClaimPermissions, PoolMembers,
};
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{AccountIdConversion, Saturating, StaticLookup, Zero},
	DispatchError, DispatchResult,
};

/// The longest raw storage key of a pool member the sweep stores (the map's prefix, and a
/// hashed and concatenated 32-byte account: 72 bytes).
pub const MAX_MEMBER_KEY_LEN: u32 = 128;

/// What a sweep has done so far.
#[derive(
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Clone,
	PartialEq,
	Eq,
	Debug,
	Default,
)]
pub struct SweepTally<Balance> {
	/// Members whose rewards were paid to them.
	pub paid: u32,
	/// Members whose rewards were bonded into their pool.
	pub compounded: u32,
	/// Rewards paid and compounded.
	pub rewards: Balance,
	/// Pending slashes applied.
	pub slashes: u32,
}

impl<T: Config> Pallet<T> {
	/// The account the sweep signs the pools' calls with.
	pub fn account_id() -> T::AccountId {
		<T as Config>::PalletId::get().into_account_truncating()
	}

	/// What a sweep may use of each block.
	pub(crate) fn block_limit() -> Weight {
		let (share, max_block) = (T::BlockShare::get(), T::BlockWeights::get().max_block);
		Weight::from_parts(
			share.mul_floor(max_block.ref_time()),
			share.mul_floor(max_block.proof_size()),
		)
	}

	/// Starts a sweep if the era is new, then upkeeps members while `meter` allows: each one
	/// charged the benchmarked worst case of a step. Stores where it stopped.
	pub(crate) fn sweep(meter: &mut WeightMeter) {
		if meter.try_consume(<T as Config>::WeightInfo::sweep_boundary()).is_err() {
			return;
		}
		let mut after = match Sweep::<T>::get() {
			SweepState::Running { after } => after,
			SweepState::Idle => {
				let era = T::StakeAdapter::current_era();
				if SweptEra::<T>::get().is_some_and(|swept| swept >= era) {
					return;
				}
				SweptEra::<T>::put(era);
				Tally::<T>::kill();
				Self::deposit_event(Event::<T>::SweepStarted { era });
				None
			},
		};
		// Room for the heaviest step is needed before each member; what it did is charged.
		let most = <T as Config>::WeightInfo::upkeep_member();
		let mut tally = Tally::<T>::get();
		let mut members = match &after {
			Some(key) => PoolMembers::<T>::iter_from(key.to_vec()),
			None => PoolMembers::<T>::iter(),
		};
		loop {
			if !meter.can_consume(most) {
				Sweep::<T>::put(SweepState::Running { after });
				Tally::<T>::put(tally);
				return;
			}
			let Some((member, _)) = members.next() else { break };
			let Ok(key) = BoundedVec::try_from(members.last_raw_key().to_vec()) else {
				defensive!("a pool member's storage key is longer than MAX_MEMBER_KEY_LEN");
				break;
			};
			after = Some(key);
			let worked = Self::upkeep(&member, &mut tally);
			meter.consume(if worked {
				most
			} else {
				<T as Config>::WeightInfo::upkeep_member_idle()
			});
		}
		Sweep::<T>::kill();
		Tally::<T>::kill();
		let era = SweptEra::<T>::get().unwrap_or_default();
		let SweepTally { paid, compounded, rewards, slashes } = tally;
		Self::deposit_event(Event::<T>::SweepCompleted { era, paid, compounded, rewards, slashes });
	}

	/// A member's step: applies its pending slash, then pays or compounds its rewards as its
	/// claim permission allows, if they reach [`Config::MinAutoClaim`]. Each is one of the
	/// pools' calls, which changes nothing if it fails. Returns whether it called any (else it
	/// only looked, at the cost of [`WeightInfo::upkeep_member_idle`]).
	///
	/// `PermissionlessAll` compounds, or pays when the pool takes no more (it is being
	/// destroyed, or its points are worth too little); `PermissionlessCompound` then waits.
	pub(crate) fn upkeep(member: &T::AccountId, tally: &mut SweepTally<BalanceOf<T>>) -> bool {
		let mut worked = false;
		let pending_slash =
			pallet_nomination_pools::Pallet::<T>::api_member_pending_slash(member.clone());
		if !pending_slash.is_zero() {
			worked = true;
			if Self::apply_slash(member).is_ok() {
				tally.slashes.saturating_inc();
			}
		}
		let permission = ClaimPermissions::<T>::get(member);
		if permission == ClaimPermission::Permissioned {
			return worked;
		}
		let pending = pallet_nomination_pools::Pallet::<T>::api_pending_rewards(member.clone())
			.unwrap_or_default();
		if pending.is_zero() || pending < T::MinAutoClaim::get() {
			return worked;
		}
		let compounds = matches!(
			permission,
			ClaimPermission::PermissionlessCompound | ClaimPermission::PermissionlessAll
		);
		let pays = matches!(
			permission,
			ClaimPermission::PermissionlessWithdraw | ClaimPermission::PermissionlessAll
		);
		if compounds && Self::compound(member).is_ok() {
			tally.compounded.saturating_inc();
		} else if pays && Self::pay(member).is_ok() {
			tally.paid.saturating_inc();
		} else {
			return true;
		}
		tally.rewards.saturating_accrue(pending);
		true
	}

	fn signed() -> T::RuntimeOrigin {
		RawOrigin::Signed(Self::account_id()).into()
	}

	fn apply_slash(member: &T::AccountId) -> Result<(), DispatchError> {
		pallet_nomination_pools::Pallet::<T>::apply_slash(
			Self::signed(),
			T::Lookup::unlookup(member.clone()),
		)
		.map(|_| ())
		.map_err(|error| error.error)
	}

	fn compound(member: &T::AccountId) -> DispatchResult {
		pallet_nomination_pools::Pallet::<T>::bond_extra_other(
			Self::signed(),
			T::Lookup::unlookup(member.clone()),
			BondExtra::Rewards,
		)
	}

	fn pay(member: &T::AccountId) -> DispatchResult {
		pallet_nomination_pools::Pallet::<T>::claim_payout_other(Self::signed(), member.clone())
	}

	/// Opens `pool` at genesis: created by its depositor, nominating, joined by its members.
	pub(crate) fn open_genesis_pool(
		pool: &GenesisPool<T::AccountId, BalanceOf<T>>,
	) -> DispatchResult {
		use pallet_nomination_pools::{LastPoolId, Pallet as Pools};
		let depositor = T::Lookup::unlookup(pool.depositor.clone());
		let signed =
			|who: &T::AccountId| -> T::RuntimeOrigin { RawOrigin::Signed(who.clone()).into() };
		Pools::<T>::create(
			signed(&pool.depositor),
			pool.bond,
			depositor.clone(),
			depositor.clone(),
			depositor,
		)?;
		let pool_id = LastPoolId::<T>::get();
		Pools::<T>::nominate(signed(&pool.depositor), pool_id, pool.nominations.clone())?;
		for (member, amount) in &pool.members {
			Pools::<T>::join(signed(member), *amount, pool_id)?;
		}
		Ok(())
	}
}

impl<T: Config> Pallet<T> {
	/// The sweep's invariants: a running sweep has its era, and a sweep never looks ahead of
	/// the staking pallet's current era; nothing is tallied between sweeps.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let era = T::StakeAdapter::current_era();
		frame_support::ensure!(
			SweptEra::<T>::get().is_none_or(|swept| swept <= era),
			"a sweep is for an era that has not come"
		);
		match Sweep::<T>::get() {
			SweepState::Running { .. } => frame_support::ensure!(
				SweptEra::<T>::get().is_some(),
				"a sweep runs without its era"
			),
			SweepState::Idle => frame_support::ensure!(
				Tally::<T>::get() == SweepTally::default(),
				"a tally is kept between sweeps"
			),
		}
		Ok(())
	}
}
