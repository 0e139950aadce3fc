//! How a slash takes from a ledger: the stake at risk for the offence (the active bond and
//! what was unbonded since the offence era), pro rata, and what it reports of it.

use crate::{mock::*, StakingLedger, UnlockChunk};
use frame_support::BoundedVec;
use std::collections::BTreeMap;

/// Dave with `active` bonded and unlocking `chunks` of (value, era).
fn ledger(active: Balance, chunks: &[(Balance, u32)]) -> StakingLedger<Test> {
	let mut ledger = StakingLedger::<Test>::new(DAVE, active);
	let unlocking: Vec<_> = chunks
		.iter()
		.map(|(value, era)| UnlockChunk { value: *value, era: *era })
		.collect();
	ledger.total += unlocking.iter().map(|chunk| chunk.value).sum::<Balance>();
	ledger.unlocking = BoundedVec::truncate_from(unlocking);
	ledger
}

fn chunks(ledger: &StakingLedger<Test>) -> Vec<(Balance, u32)> {
	ledger.unlocking.iter().map(|chunk| (chunk.value, chunk.era)).collect()
}

#[test]
fn a_slash_takes_pro_rata_from_the_stake_at_risk() {
	// An offence in era 2 (bonding duration 3) reaches chunks unlocking from era 5 on: the
	// era-4 chunk was unbonded before the offence.
	let mut dave = ledger(600, &[(100, 4), (300, 6)]);
	let slash = dave.slash(450, 5);
	assert_eq!(slash.taken, 450);
	assert_eq!((dave.active, dave.total), (300, 550));
	assert_eq!(chunks(&dave), vec![(100, 4), (150, 6)]);
	assert_eq!(slash.unlocking, BTreeMap::from([(6, 150)]));
}

#[test]
fn chunks_slashed_to_nothing_are_reported_and_removed() {
	let mut dave = ledger(600, &[(100, 4), (300, 6), (200, 7)]);
	let slash = dave.slash(10_000, 5);
	assert_eq!(slash.taken, 1_100);
	assert_eq!((dave.active, dave.total), (0, 100));
	assert_eq!(chunks(&dave), vec![(100, 4)]);
	assert_eq!(slash.unlocking, BTreeMap::from([(6, 0), (7, 0)]));
}

#[test]
fn rounding_never_takes_more_than_asked() {
	let mut dave = ledger(1, &[(1, 5), (1, 6)]);
	let slash = dave.slash(2, 5);
	assert_eq!(slash.taken, 2);
	assert_eq!(dave.total, 1);
	assert_eq!(slash.unlocking.len(), 1);
	for (active, chunk, amount) in [(7, 13, 5), (1_000, 1, 999), (3, 3, 1), (0, 50, 49)] {
		let mut dave = ledger(active, &[(chunk, 6)]);
		let slash = dave.slash(amount, 5);
		assert_eq!(slash.taken, amount);
		assert_eq!(dave.total, active + chunk - amount);
		assert_eq!(
			dave.active + dave.unlocking.iter().map(|c| c.value).sum::<Balance>(),
			dave.total
		);
	}
}

#[test]
fn nothing_at_risk_means_nothing_taken() {
	let mut dave = ledger(0, &[(100, 4)]);
	let slash = dave.slash(50, 5);
	assert_eq!(slash.taken, 0);
	assert!(slash.unlocking.is_empty());
	assert_eq!(dave.total, 100);
}
