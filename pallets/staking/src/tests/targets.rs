//! The election's candidates: those with session keys and the most stake of their own, when
//! there are more than the election provider takes.

use crate::{mock::*, Error};
use frame_election_provider_support::{
	bounds::{DataProviderBounds, ElectionBoundsBuilder},
	ElectionDataProvider,
};
use frame_support::{assert_noop, assert_ok};

/// Six candidates: accounts 10 to 15 bonding 100, 600, 300, 600, 500 and 900; account 15 (the
/// richest) has no session keys.
fn six_candidates() -> ExtBuilder {
	[(10, 100), (11, 600), (12, 300), (13, 600), (14, 500), (15, 900)]
		.into_iter()
		.fold(ExtBuilder::default(), |builder, (who, bond)| {
			builder.funded(who, INITIAL_BALANCE).validator(who, bond)
		})
		.validator_count(3)
}

/// The candidates the election would see within a bound of `count` targets.
fn targets(count: u32) -> Vec<AccountId> {
	let bounds = DataProviderBounds { count: Some(count.into()), size: None };
	<Staking as ElectionDataProvider>::electable_targets(bounds, 0).unwrap()
}

#[test]
fn above_the_bound_the_candidates_with_the_most_own_stake_are_seen() {
	six_candidates().build_and_execute(|| {
		assert_ok!(Session::purge_keys(RuntimeOrigin::signed(15)));
		// 15 has no keys and takes no place; 11 and 13 tie at 600: the lower account first.
		assert_eq!(targets(3), vec![11, 13, 14]);
		assert_eq!(targets(4), vec![11, 13, 14, 12]);
		assert_eq!(targets(10), vec![11, 13, 14, 12, 10]);

		// The election, bounded to three targets, elects the three richest with keys.
		ElectionsBounds::set(ElectionBoundsBuilder::default().targets_count(3.into()).build());
		start_active_era(1);
		assert_eq!(session_validators(), vec![11, 13, 14]);

		// A candidate that bonds more takes the place of the poorest.
		assert_ok!(Staking::bond_extra(RuntimeOrigin::signed(10), 1_000));
		assert_eq!(targets(3), vec![10, 11, 13]);
		start_active_era(2);
		assert_eq!(session_validators(), vec![10, 11, 13]);
	});
	ElectionsBounds::set(ElectionBoundsBuilder::default().build());
}

#[test]
fn validate_is_refused_beyond_the_most_candidates_the_election_can_read() {
	MaxValidatorCandidates::set(6);
	six_candidates().funded(16, INITIAL_BALANCE).build_and_execute(|| {
		assert_ok!(Staking::bond(RuntimeOrigin::signed(16), 100, crate::RewardDestination::Staked));
		// No `MaxValidatorsCount` is set, or a higher one: the constant still bounds it.
		assert_noop!(
			Staking::validate(RuntimeOrigin::signed(16), Default::default()),
			Error::<Test>::TooManyValidators
		);
		crate::MaxValidatorsCount::<Test>::put(100);
		assert_noop!(
			Staking::validate(RuntimeOrigin::signed(16), Default::default()),
			Error::<Test>::TooManyValidators
		);
		// Once a candidate leaves, there is room.
		assert_ok!(Staking::chill(RuntimeOrigin::signed(10)));
		assert_ok!(Staking::validate(RuntimeOrigin::signed(16), Default::default()));
	});
	MaxValidatorCandidates::set(1_000);
}
