//! Version 3: rewards are paid from the exposure pages themselves. Version 2 also recorded, for
//! every staker an era exposed, what it backed
//! ([`ErasUnpaidBackings`](crate::ErasUnpaidBackings)), a write per staker at every election
//! and a read and a write more per staker paid; its automatic payout paid the
//! stakers one at a time from those records, and marked the pages claimed only once the whole
//! era was paid.
//!
//! The migration keeps what version 2 recorded: every era up to the last one elected (or being
//! elected, [`CurrentEra`]) still pays only what its records hold (its stakers already paid,
//! by hand or automatically, have none left), and the eras after it
//! ([`PagedPayoutsFrom`]) are paid from their pages alone. Version 2's place in an automatic
//! payout ([`AutoPayout`]) does not read as a page: it is dropped, and the walk starts from the
//! era's first page, paying only what the records still hold. So an upgrade in the middle of an
//! era's payout pays nobody twice, and nobody less.

use crate::{AutoPayout, Config, CurrentEra, PagedPayoutsFrom, Pallet};
use frame_support::{
	migrations::VersionedMigration,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	weights::Weight,
};

#[cfg(feature = "try-runtime")]
use alloc::vec::Vec;

/// Migrates a chain at storage version 2 to version 3, then stores version 3.
pub type MigrateV2ToV3<T> = VersionedMigration<
	2,
	3,
	VersionUncheckedMigrateV2ToV3<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// The migration itself, without the version check: use [`MigrateV2ToV3`].
pub struct VersionUncheckedMigrateV2ToV3<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for VersionUncheckedMigrateV2ToV3<T> {
	fn on_runtime_upgrade() -> Weight {
		let paged_from = CurrentEra::<T>::get().map_or(0, |era| era.saturating_add(1));
		PagedPayoutsFrom::<T>::put(paged_from);
		// Version 2's place (`Paying`, or `Marking` pages claimed) does not read as a page;
		// one that does is kept.
		if AutoPayout::<T>::try_get().is_err() {
			AutoPayout::<T>::kill();
		}
		log::info!(target: crate::LOG_TARGET, "v3: eras from {paged_from} are paid from their pages");
		T::DbWeight::get().reads_writes(2, 2)
	}

	/// What every era still owes, by era and staker: the migration must leave it as it was.
	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
		use codec::Encode;
		Ok(owed::<T>().encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		use codec::Decode;
		let before = Owed::<T>::decode(&mut &state[..])
			.map_err(|_| sp_runtime::TryRuntimeError::Other("v3: pre-upgrade state"))?;
		frame_support::ensure!(owed::<T>() == before, "v3: what the eras owe changed");
		Pallet::<T>::do_try_state()
	}
}

/// What each era awaiting its payout owes each staker.
#[cfg(feature = "try-runtime")]
type Owed<T> =
	Vec<(sp_staking::EraIndex, Vec<(<T as frame_system::Config>::AccountId, crate::BalanceOf<T>)>)>;

#[cfg(feature = "try-runtime")]
fn owed<T: Config>() -> Owed<T> {
	use alloc::collections::btree_map::BTreeMap;
	use sp_runtime::traits::Saturating;
	crate::UnpaidEras::<T>::get()
		.iter()
		.filter_map(|(era, _)| {
			let mut payout = crate::payout::EraPayout::<T>::load(*era)?;
			let mut owed = BTreeMap::<T::AccountId, crate::BalanceOf<T>>::new();
			for (staker, backing) in Pallet::<T>::owed_backings(*era) {
				let earned = payout.earned(&staker, &backing);
				owed.entry(staker).or_default().saturating_accrue(earned);
			}
			Some((*era, owed.into_iter().collect()))
		})
		.collect()
}
