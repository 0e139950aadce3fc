//! Stored values must always decode: `do_try_state` checks every storage item, and these
//! tests show that the list is complete and that the check catches a value a lowered bound
//! made undecodable (polkadot-sdk#451).

use crate::{mock::*, try_state::STORAGE_DECODE_CHECKED, Nominators, Pallet};
use codec::Encode;
use frame_support::storage::unhashed;
use sp_runtime::TryRuntimeError;

#[test]
fn every_storage_item_is_checked_to_decode() {
	let metadata = Pallet::<Test>::storage_metadata();
	let mut stored: Vec<_> = metadata
		.entries
		.iter()
		.map(|entry| entry.name)
		// A counted map's counter is a `u32`, read with its map.
		.filter(|name| !name.starts_with("CounterFor"))
		.collect();
	let mut checked = STORAGE_DECODE_CHECKED.to_vec();
	stored.sort();
	checked.sort();
	assert_eq!(stored, checked);
}

#[test]
fn a_value_beyond_its_bound_fails_the_invariants() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.nominator(BOB, 500, vec![ALICE])
		.build()
		.execute_with(|| {
			assert_eq!(Staking::do_try_state(), Ok(()));
			// Bob's nominations as a runtime with a higher `MaxNominations` stored them: 17
			// targets (the encoding of `Nominations` with an unbounded vector).
			let targets: Vec<AccountId> = (100..117).collect();
			let raw = (targets, 0u32, false).encode();
			unhashed::put_raw(&Nominators::<Test>::hashed_key_for(BOB), &raw);
			assert_eq!(
				Staking::do_try_state(),
				Err(TryRuntimeError::Other("a stored Nominators value does not decode"))
			);
		});
}
