//! Nominators generated at genesis: funded, bonded, and spread over the richest genesis
//! validators.

use crate::{generated_nominator, mock::*, Ledger, Nominators};
use std::collections::BTreeSet;

#[test]
fn genesis_generates_bonded_nominators_spread_over_every_validator() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 1_000)
		.validator(CHARLIE, 1_000)
		.generated_nominators(20, 100, u32::MAX)
		.build_and_execute(|| {
			let mut backed = BTreeSet::new();
			for index in 0..20 {
				let who = generated_nominator::<Test>(index);
				assert_eq!(Ledger::<Test>::get(who).map(|ledger| ledger.active), Some(100));
				assert_eq!(super::held(who), 100);
				assert_eq!(Balances::free_balance(who), 100, "funded with twice the bond");
				let targets = Nominators::<Test>::get(who).expect("nominates").targets;
				let distinct: BTreeSet<_> = targets.iter().collect();
				assert_eq!(distinct.len(), 3, "every validator, once (fewer than 16 of them)");
				backed.extend(targets.first().copied());
			}
			assert_eq!(Nominators::<Test>::count(), 20);
			assert_eq!(backed.len(), 3, "the first targets move over the validators");
		});
}

#[test]
fn generated_nominators_back_only_the_validators_with_the_most_stake_of_their_own() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 3_000)
		.validator(CHARLIE, 2_000)
		.generated_nominators(10, 100, 2)
		.build_and_execute(|| {
			for index in 0..10 {
				let who = generated_nominator::<Test>(index);
				let targets: BTreeSet<_> =
					Nominators::<Test>::get(who).expect("nominates").targets.into_iter().collect();
				assert_eq!(targets, BTreeSet::from([BOB, CHARLIE]), "Alice has the least");
			}
		});
}

#[test]
#[should_panic(expected = "generated nominators need genesis validators")]
fn generated_nominators_without_validators_refuse_the_genesis() {
	ExtBuilder::default().generated_nominators(1, 100, 1).build();
}
