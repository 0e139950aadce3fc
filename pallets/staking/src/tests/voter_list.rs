//! The voter list: membership and scores follow staking, and the election snapshot takes the
//! richest voters first, page after page, over a list frozen until it is done.

use crate::{
	mock::*, DeferredVoterUpdates, RewardDestination, UseValidatorsAndNominators, VoterSnapshot,
	VoterSnapshotStatus, WeightInfo,
};
use frame_election_provider_support::{
	bounds::DataProviderBounds, ElectionDataProvider, SortedListProvider,
};
use frame_support::{assert_ok, weights::Weight};

fn score(who: AccountId) -> Option<Balance> {
	VoterBagsList::get_score(&who).ok()
}

#[test]
fn scores_follow_every_change_of_the_active_bond() {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.nominator(BOB, 300, vec![ALICE])
		.build_and_execute(|| {
			assert_eq!(score(BOB), Some(300));
			assert_ok!(Staking::bond_extra(RuntimeOrigin::signed(BOB), 2_000));
			assert_eq!(score(BOB), Some(2_300));
			set_current_era_exposed(0, BOB);
			assert_ok!(Staking::unbond(RuntimeOrigin::signed(BOB), 1_800));
			assert_eq!(score(BOB), Some(500));
			assert_ok!(Staking::rebond(RuntimeOrigin::signed(BOB), 100));
			assert_eq!(score(BOB), Some(600));
			// The richer voter now comes first.
			assert_eq!(VoterBagsList::iter().collect::<Vec<_>>(), vec![ALICE, BOB]);
			assert_ok!(Staking::bond_extra(RuntimeOrigin::signed(BOB), 1_000));
			assert_eq!(VoterBagsList::iter().collect::<Vec<_>>(), vec![BOB, ALICE]);
		});
}

#[test]
fn voters_enter_on_intent_and_leave_when_chilled_or_removed() {
	ExtBuilder::default().staker(ALICE, 1_000).build_and_execute(|| {
		assert!(!VoterBagsList::contains(&ALICE));
		assert_ok!(Staking::validate(RuntimeOrigin::signed(ALICE), Default::default()));
		assert_eq!(score(ALICE), Some(1_000));
		assert_ok!(Staking::chill(RuntimeOrigin::signed(ALICE)));
		assert!(!VoterBagsList::contains(&ALICE));

		assert_ok!(Staking::bond(RuntimeOrigin::signed(BOB), 100, RewardDestination::Staked));
		assert_ok!(Staking::validate(RuntimeOrigin::signed(ALICE), Default::default()));
		assert_ok!(Staking::nominate(RuntimeOrigin::signed(BOB), vec![ALICE]));
		assert_ok!(Staking::force_unstake(RuntimeOrigin::root(), BOB, 0));
		assert!(!VoterBagsList::contains(&BOB));
	});
}

/// Alice validates with 100; Bob (5,000), Charlie (50) and Dave (1,000) nominate her.
pub(super) fn voters_of_three_sizes() -> ExtBuilder {
	ExtBuilder::default()
		.validator(ALICE, 100)
		.nominator(BOB, 5_000, vec![ALICE])
		.nominator(CHARLIE, 50, vec![ALICE])
		.nominator(DAVE, 1_000, vec![ALICE])
}

#[test]
fn the_snapshot_takes_the_richest_voters_first_within_its_bounds() {
	voters_of_three_sizes().build_and_execute(|| {
		let bounds = DataProviderBounds { count: Some(2.into()), size: None };
		let voters = Staking::electing_voters(bounds, 0).expect("voters");
		let who: Vec<_> = voters.iter().map(|(who, _, _)| *who).collect();
		assert_eq!(who, vec![BOB, DAVE]);
		assert_eq!(voters[0].2.to_vec(), vec![ALICE]);
		// A validator votes for itself.
		let all = Staking::electing_voters(DataProviderBounds::default(), 0).expect("voters");
		assert!(all
			.iter()
			.any(|(who, _, targets)| *who == ALICE && targets.to_vec() == vec![ALICE]));
	});
}

#[test]
fn a_paged_snapshot_continues_where_the_previous_page_stopped() {
	voters_of_three_sizes().build_and_execute(|| {
		let two = DataProviderBounds { count: Some(2.into()), size: None };
		let first = Staking::electing_voters(two, 1).expect("page 1");
		assert!(matches!(VoterSnapshot::<Test>::get(), VoterSnapshotStatus::Ongoing(DAVE)));
		let last = Staking::electing_voters(two, 0).expect("page 0");
		let who: Vec<_> = first.iter().chain(last.iter()).map(|(who, _, _)| *who).collect();
		assert_eq!(who, vec![BOB, DAVE, ALICE, CHARLIE]);
		// Page 0 is the last: the snapshot is reset for the next election.
		assert_eq!(VoterSnapshot::<Test>::get(), VoterSnapshotStatus::Waiting);
	});
}

#[test]
fn the_unsorted_list_reads_validators_then_nominators() {
	ExtBuilder::default()
		.validator(ALICE, 100)
		.validator(BOB, 100)
		.nominator(CHARLIE, 50, vec![ALICE])
		.staker(DAVE, 10)
		.build_and_execute(|| {
			type List = UseValidatorsAndNominators<Test>;
			let all: Vec<_> = List::iter().collect();
			assert_eq!(all.len(), 3);
			assert_eq!(all.last(), Some(&CHARLIE));
			assert_eq!(List::count(), 3);
			assert!(List::contains(&CHARLIE) && !List::contains(&DAVE));
			assert_eq!(List::get_score(&CHARLIE), Ok(50));
			let after_first: Vec<_> = List::iter_from(&all[0]).expect("a validator").collect();
			assert_eq!(after_first, all[1..].to_vec());
			assert!(List::iter_from(&DAVE).is_err());
		});
}

/// The voters of a paged snapshot, in the order its pages gave them: `pages` pages of
/// `count`, the last one page 0.
fn take_pages(pages: u32, count: u32, between: impl Fn(u32)) -> Vec<(AccountId, u64)> {
	let bounds = DataProviderBounds { count: Some(count.into()), size: None };
	let mut taken = Vec::new();
	for page in (0..pages).rev() {
		let voters = Staking::electing_voters(bounds, page).expect("a page");
		taken.extend(voters.into_iter().map(|(who, weight, _)| (who, weight)));
		between(page);
	}
	taken
}

#[test]
fn stakers_changing_while_the_snapshot_is_taken_leave_its_pages_consistent() {
	voters_of_three_sizes().staker(EVE, 300).build_and_execute(|| {
		let taken = take_pages(3, 2, |page| {
			if page != 2 {
				return;
			}
			// Bob and Dave were taken; the list is frozen until every voter is.
			assert!(pallet_bags_list::Lock::<Test>::get().is_some());
			// Dave, taken, grows past Bob; Charlie, not yet taken, grows past everyone;
			// Eve starts nominating; Alice stops validating.
			assert_ok!(Staking::bond_extra(RuntimeOrigin::signed(DAVE), 4_500));
			assert_ok!(Staking::bond_extra(RuntimeOrigin::signed(CHARLIE), 9_000));
			assert_ok!(Staking::nominate(RuntimeOrigin::signed(EVE), vec![ALICE]));
			assert_ok!(Staking::chill(RuntimeOrigin::signed(ALICE)));
			assert_eq!(DeferredVoterUpdates::<Test>::count(), 4);
			// Nobody moved in the list meanwhile.
			let list: Vec<_> = VoterBagsList::iter().collect();
			assert_eq!(list, vec![BOB, DAVE, ALICE, CHARLIE]);
		});
		// Each voter once, richest first as the list stood when the snapshot began; Alice
		// had stopped when her turn came; Charlie counts with what he has now.
		assert_eq!(taken, vec![(BOB, 5_000), (DAVE, 1_000), (CHARLIE, 9_050)]);
		assert!(pallet_bags_list::Lock::<Test>::get().is_none());

		// Once thawed, the next block brings the list up to date.
		run_to_block(System::block_number() + 1);
		assert_eq!(DeferredVoterUpdates::<Test>::count(), 0);
		let mut list: Vec<_> = VoterBagsList::iter().collect();
		// Charlie and Dave share the top bag, in the order their updates were applied.
		list[..2].sort();
		assert_eq!(list, vec![CHARLIE, DAVE, BOB, EVE]);
		assert_eq!(score(DAVE), Some(5_500));
		assert_eq!(score(EVE), Some(300));
		assert!(!VoterBagsList::contains(&ALICE));
	});
}

#[test]
fn a_page_looks_at_no_more_than_twice_its_count() {
	voters_of_three_sizes().build_and_execute(|| {
		let taken = take_pages(3, 1, |page| {
			if page == 2 {
				// Dave and Alice stop while the list is frozen: they stay in it until the
				// snapshot is done, and a page of one looks at both before giving up.
				assert_ok!(Staking::chill(RuntimeOrigin::signed(DAVE)));
				assert_ok!(Staking::chill(RuntimeOrigin::signed(ALICE)));
			}
			if page == 1 {
				assert!(matches!(
					VoterSnapshot::<Test>::get(),
					VoterSnapshotStatus::Ongoing(ALICE)
				));
			}
		});
		assert_eq!(taken, vec![(BOB, 5_000), (CHARLIE, 50)]);
	});
}

#[test]
fn a_single_page_read_leaves_a_paged_snapshot_where_it_was() {
	voters_of_three_sizes().build_and_execute(|| {
		let two = DataProviderBounds { count: Some(2.into()), size: None };
		Staking::electing_voters(two, 1).expect("page 1");
		let everyone =
			Staking::electing_voters_stateless(DataProviderBounds::default()).expect("voters");
		assert_eq!(everyone.len(), 4);
		assert!(matches!(VoterSnapshot::<Test>::get(), VoterSnapshotStatus::Ongoing(DAVE)));
		let rest = Staking::electing_voters(two, 0).expect("page 0");
		let who: Vec<_> = rest.iter().map(|(who, _, _)| *who).collect();
		assert_eq!(who, vec![ALICE, CHARLIE]);
	});
}

/// What the provider calls of an election have charged to the block so far.
fn charged() -> Weight {
	frame_system::Pallet::<Test>::block_weight().total()
}

fn voters_weight(looked: u32) -> Weight {
	<() as WeightInfo>::electing_voters(looked)
}

#[test]
fn handing_voters_and_candidates_charges_the_block_when_configured_to() {
	voters_of_three_sizes().build_and_execute(|| {
		let before = charged();
		Staking::electing_voters(DataProviderBounds::default(), 0).expect("voters");
		Staking::electable_targets(DataProviderBounds::default(), 0).expect("targets");
		Staking::desired_targets().expect("a count");
		// Four voters looked at; one candidate read twice (targets and their count).
		let expected = voters_weight(4)
			.saturating_add(<() as WeightInfo>::electable_targets(1).saturating_mul(2));
		assert_eq!(charged().saturating_sub(before), expected);
	});
}

#[test]
fn a_provider_that_counts_the_snapshot_is_charged_only_what_its_benchmarks_cannot_count() {
	voters_of_three_sizes().build_and_execute(|| {
		ChargeElectionData::set(false);
		// Full pages and the candidates: the provider's snapshot benchmarks ran them.
		let before = charged();
		Staking::electing_voters(DataProviderBounds::default(), 0).expect("voters");
		Staking::electable_targets(DataProviderBounds::default(), 0).expect("targets");
		Staking::desired_targets().expect("a count");
		assert_eq!(charged(), before);

		// A single-page read outside a snapshot: no provider benchmark runs it.
		let before = charged();
		Staking::electing_voters_stateless(DataProviderBounds::default()).expect("voters");
		assert_eq!(charged().saturating_sub(before), voters_weight(4));

		// Looking past stakers that stopped while the list was frozen: a page of one looks at
		// Dave and Alice (who stopped) and is charged for the one more than it gives.
		let one = DataProviderBounds { count: Some(1.into()), size: None };
		Staking::electing_voters(one, 2).expect("Bob");
		assert_ok!(Staking::chill(RuntimeOrigin::signed(DAVE)));
		assert_ok!(Staking::chill(RuntimeOrigin::signed(ALICE)));
		let before = charged();
		let voters = Staking::electing_voters(one, 1).expect("a page");
		assert!(voters.is_empty());
		assert_eq!(
			charged().saturating_sub(before),
			voters_weight(2).saturating_sub(voters_weight(1))
		);
	});
}
