//! Version 2: every validator elected in an era is owed its commission through a page-0
//! backing of its own in [`ErasUnpaidBackings`], also when it was elected without stake of its
//! own. Version 1 gave it none, so such a validator's commission was neither paid nor owed.
//!
//! The migration adds the missing backing (of no stake) for each validator of the eras that
//! are still to be paid that was elected without stake of its own, unless its page 0 was paid
//! already. A validator elected *with* stake of its own had its page-0 backing in version 1:
//! if it is gone, the validator was paid (the automatic payout removes each staker's backings
//! as it pays them, and marks pages claimed only once the whole era is paid), so an upgrade in
//! the middle of an era's payout pays nobody twice.

use crate::{
	payout::UnpaidBackings, ActiveEra, AutoPayout, ClaimedRewards, Config, CurrentEra,
	ErasStakersOverview, ErasUnpaidBackings, Pallet, PayoutPhase, UnpaidBacking, UnpaidEras,
};
use alloc::vec::Vec;
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};
use sp_runtime::traits::Zero;
use sp_staking::EraIndex;

/// Migrates a chain at storage version 1 to version 2, then stores version 2.
pub type MigrateV1ToV2<T> = VersionedMigration<
	1,
	2,
	VersionUncheckedMigrateV1ToV2<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// The migration itself, without the version check: use [`MigrateV1ToV2`].
pub struct VersionUncheckedMigrateV1ToV2<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for VersionUncheckedMigrateV1ToV2<T> {
	fn on_runtime_upgrade() -> Weight {
		let (missing, read) = missing_commission_backings::<T>();
		for (era, validator) in &missing {
			let own = UnpaidBacking { validator: validator.clone(), page: 0, value: Zero::zero() };
			let backings = UnpaidBackings::<T>::truncate_from(Vec::from([own]));
			Pallet::<T>::add_unpaid_backings(*era, validator, backings);
		}
		log::info!(target: crate::LOG_TARGET, "v2: {} commission backings added", missing.len());
		T::DbWeight::get().reads_writes(read, missing.len() as u64)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
		use codec::Encode;
		Ok((missing_commission_backings::<T>().0.len() as u32).encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		use codec::Decode;
		let missing_before = u32::decode(&mut &state[..])
			.map_err(|_| sp_runtime::TryRuntimeError::Other("v2: pre-upgrade state"))?;
		log::info!(target: crate::LOG_TARGET, "v2: {missing_before} validators lacked a backing");
		frame_support::ensure!(
			missing_commission_backings::<T>().0.is_empty(),
			"v2: a validator still has no commission backing"
		);
		Pallet::<T>::do_try_state()
	}
}

/// The eras still to be paid (automatically or by hand) whose validators may lack their
/// commission backing: those awaiting their automatic payout, unless it is already marking
/// pages claimed, the active era, and the next era if it is already (being) elected.
fn eras_to_pay<T: Config>() -> Vec<EraIndex> {
	let marking = matches!(AutoPayout::<T>::get(), PayoutPhase::Marking { .. });
	let mut eras: Vec<EraIndex> = UnpaidEras::<T>::get()
		.iter()
		.enumerate()
		.filter(|(place, _)| !(marking && *place == 0))
		.map(|(_, (era, _))| *era)
		.collect();
	let active = ActiveEra::<T>::get().map(|active| active.index);
	eras.extend(active);
	eras.extend(CurrentEra::<T>::get().filter(|current| Some(*current) > active));
	eras
}

/// Every `(era, validator)` of [`eras_to_pay`] whose validator was elected without stake of its
/// own, has no page-0 backing and was not paid its page 0; and how many storage reads finding
/// them took.
fn missing_commission_backings<T: Config>() -> (Vec<(EraIndex, T::AccountId)>, u64) {
	let mut missing = Vec::new();
	let mut read = 2u64;
	for era in eras_to_pay::<T>() {
		for (validator, overview) in ErasStakersOverview::<T>::iter_prefix(era) {
			read = read.saturating_add(1);
			// Version 1 gave a validator with stake of its own its backing: it is owed or paid.
			if !overview.own.is_zero() {
				continue;
			}
			read = read.saturating_add(2);
			let owed = ErasUnpaidBackings::<T>::get(era, &validator).is_some_and(|backings| {
				backings.iter().any(|b| b.validator == validator && b.page == 0)
			});
			let paid = ClaimedRewards::<T>::get(era, &validator).contains(&0);
			if !owed && !paid {
				missing.push((era, validator));
			}
		}
	}
	(missing, read)
}
