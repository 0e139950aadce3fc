//! Reporters of an offence: paid a share of the offender's own slash only, never the offender
//! itself, so that nobody profits from an offence, whoever reports it.

use crate::{mock::*, UnappliedSlashes};
use frame_support::{traits::fungible::Inspect, weights::Weight};
use sp_runtime::Perbill;
use sp_staking::offence::{OffenceDetails, OnOffenceHandler};

/// The offender.
const OFFENDER: AccountId = 20;
/// Two accounts nominating the offender: the offender's own, or friends.
const BACKERS: [AccountId; 2] = [21, 22];
/// Another validator, elected beside the offender.
const HONEST: AccountId = 23;
/// A friend of the offender, and a stranger.
const FRIEND: AccountId = 24;
const STRANGER: AccountId = 25;

/// Reports, as `pallet-offences` does, that `offender` committed an offence in session 0 for
/// which `fraction` is slashed, reported by `reporters`.
fn report(offender: AccountId, fraction: Perbill, reporters: Vec<AccountId>) {
	let details = [OffenceDetails { offender: (offender, ()), reporters }];
	let _: Weight = <Staking as OnOffenceHandler<_, _, _>>::on_offence(&details, &[fraction], 0);
}

/// What `who` owns in all: free and held.
fn owned(who: AccountId) -> Balance {
	Balances::total_balance(&who)
}

/// The offender bonds `own`; its backers `nominated` between them; the honest validator and
/// the reporters are funded.
fn offence_of(own: Balance, nominated: Balance) -> ExtBuilder {
	let builder = [OFFENDER, HONEST, FRIEND, STRANGER]
		.into_iter()
		.chain(BACKERS)
		.fold(ExtBuilder::default(), |builder, who| builder.funded(who, 100_000))
		.validator(OFFENDER, own)
		.validator(HONEST, 1_000);
	match nominated {
		0 => builder,
		_ => builder.nominator(BACKERS[0], nominated / 2, vec![OFFENDER]).nominator(
			BACKERS[1],
			nominated - nominated / 2,
			vec![OFFENDER],
		),
	}
}

/// Runs until the offence's slash (due in era 1) is applied.
fn apply_the_slash() {
	start_active_era(1);
	run_to_block(System::block_number() + 2);
	assert_eq!(Staking::unapplied_slash_count(1), 0);
}

// The property: over splits of own and nominated stake, fractions and reporter sets (the
// offender itself, its backers, a friend, a stranger, none), the offender ends strictly poorer
// whenever any of its own stake is slashed, and so does every coalition of the offender with
// its reporters and backers: no reward ever makes up for the offence.
#[test]
fn no_offender_or_reporter_colluding_with_it_ends_richer() {
	let reporter_sets: [&[AccountId]; 7] = [
		&[],
		&[OFFENDER],
		&[OFFENDER, FRIEND],
		&[FRIEND],
		&[BACKERS[0]],
		&[FRIEND, BACKERS[1], OFFENDER],
		&[FRIEND, STRANGER],
	];
	let mut cases = 0;
	for own in [ED, 100, 1_000, 5_000] {
		for nominated in [0, 100, 9_000, 60_000] {
			for percent in [1, 10, 50, 100] {
				for reporters in reporter_sets {
					offence_of(own, nominated).build_and_execute(|| {
						let fraction = Perbill::from_percent(percent);
						let coalition: Vec<AccountId> = [OFFENDER]
							.into_iter()
							.chain(BACKERS)
							.chain(reporters.iter().copied())
							.collect();
						let worth = |accounts: &[AccountId]| -> Balance {
							let mut distinct = accounts.to_vec();
							distinct.sort();
							distinct.dedup();
							distinct.into_iter().map(owned).sum()
						};
						let (offender_before, coalition_before) =
							(owned(OFFENDER), worth(&coalition));

						report(OFFENDER, fraction, reporters.to_vec());
						apply_the_slash();

						let own_slash = fraction.mul_floor(own);
						let case = format!(
							"own {own}, nominated {nominated}, {percent} %, reporters {reporters:?}"
						);
						assert_eq!(owned(OFFENDER), offender_before - own_slash, "{case}");
						if own_slash > 0 {
							assert!(worth(&coalition) < coalition_before, "{case}");
						} else {
							assert!(worth(&coalition) <= coalition_before, "{case}");
						}
					});
					cases += 1;
				}
			}
		}
	}
	assert_eq!(cases, 448);
}

// Before this rule, a tenth of the *whole* slash went to the reporters: a validator backed by
// nine times its own stake, whose friend included the report, gained. Now the friend gets a
// tenth of the offender's own slash alone.
#[test]
fn a_friend_reporting_a_heavily_backed_offender_gets_a_share_of_its_own_slash_only() {
	offence_of(1_000, 60_000).build_and_execute(|| {
		let (offender, friend) = (owned(OFFENDER), owned(FRIEND));
		report(OFFENDER, Perbill::from_percent(10), vec![FRIEND]);
		run_to_block(System::block_number() + 1);
		let slash = UnappliedSlashes::<Test>::get(1)[0].clone();
		assert_eq!(slash.own, 100);
		assert_eq!(slash.others.iter().map(|(_, amount)| amount).sum::<Balance>(), 6_000);
		assert_eq!(slash.payout, 10, "a tenth of the offender's own 100, not of 6,100");

		apply_the_slash();
		assert_eq!(owned(FRIEND), friend + 10);
		assert_eq!(owned(OFFENDER), offender - 100);
	});
}

// For BABE and GRANDPA equivocations, the reporter is the author of the block that includes
// the report: an offender whose own block includes it is paid nothing, and the whole slash
// goes to the treasury.
#[test]
fn a_report_included_by_the_offenders_own_block_pays_nobody() {
	offence_of(1_000, 9_000).build_and_execute(|| {
		let (offender, treasury) = (owned(OFFENDER), owned(TREASURY));
		report(OFFENDER, Perbill::from_percent(10), vec![OFFENDER]);
		run_to_block(System::block_number() + 1);
		let slash = UnappliedSlashes::<Test>::get(1)[0].clone();
		assert!(slash.reporters.is_empty(), "the offender is not its own reporter");
		assert_eq!(slash.payout, 0);

		apply_the_slash();
		assert_eq!(owned(OFFENDER), offender - 100);
		assert_eq!(owned(TREASURY), treasury + 100 + 900, "own and nominated slashes");
	});
}

// Reporters share the reward equally; a reporter named twice is paid once.
#[test]
fn distinct_reporters_share_the_reward_equally() {
	offence_of(1_000, 0).build_and_execute(|| {
		let (friend, stranger) = (owned(FRIEND), owned(STRANGER));
		report(OFFENDER, Perbill::from_percent(50), vec![FRIEND, STRANGER, FRIEND]);
		run_to_block(System::block_number() + 1);
		let slash = UnappliedSlashes::<Test>::get(1)[0].clone();
		assert_eq!(slash.reporters.to_vec(), vec![FRIEND, STRANGER]);
		assert_eq!(slash.payout, 50);
		apply_the_slash();
		assert_eq!((owned(FRIEND), owned(STRANGER)), (friend + 25, stranger + 25));
	});
}
