//! Storage migrations: each runs once, on a chain at the version before it.

use crate::{migrations::v2::MigrateV1ToV2, mock::*, ErasUnpaidBackings, Pallet, UnpaidBacking};
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

/// Bob's page-0 backing of himself in `era`, if he is owed one.
fn bobs_commission_backing(era: u32) -> Option<UnpaidBacking<AccountId, Balance>> {
	ErasUnpaidBackings::<Test>::get(era, BOB)?
		.into_iter()
		.find(|backing| backing.validator == BOB && backing.page == 0)
}

#[test]
fn v2_gives_a_validator_elected_without_own_stake_its_commission_backing_once() {
	let builder = ExtBuilder::default().validator(ALICE, 1_000).validator(BOB, 1_000);
	super::bob_elected_without_own_stake(builder, || {
		assert!(bobs_commission_backing(1).is_some());

		// A chain at version 1 recorded no backing for Bob, who had no stake of his own.
		ErasUnpaidBackings::<Test>::remove(1, BOB);
		StorageVersion::new(1).put::<Pallet<Test>>();

		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 2);
		let backing = bobs_commission_backing(1).expect("the migration adds it");
		assert_eq!(backing.value, 0);

		// At version 2 it does nothing.
		let migrated = ErasUnpaidBackings::<Test>::take(1, BOB).expect("migrated");
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(bobs_commission_backing(1), None);
		// (Put back, so that the invariants checked after the test hold.)
		ErasUnpaidBackings::<Test>::insert(1, BOB, migrated);
	});
}
