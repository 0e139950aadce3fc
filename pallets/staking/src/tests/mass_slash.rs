//! A mass slash: hundreds of validators slashed for one era at once (as a client bug can
//! cause, e.g. Kusama's era 4543). Every slash waits its deferral, governance cancels some, and
//! the rest are applied in bounded steps.

use crate::{mock::*, Event, UnappliedSlash, UnappliedSlashOverflow, UnappliedSlashes};
use frame_support::{assert_ok, weights::Weight};
use sp_runtime::Perbill;
use sp_staking::offence::{OffenceDetails, OnOffenceHandler};

/// Validators 100 to 419: 320 offenders, each with 1,000 of its own.
const OFFENDERS: core::ops::Range<AccountId> = 100..420;
/// A nominator of the first 16 offenders, 100 on each.
const NOMINATOR: AccountId = 6;

/// The era's list of unapplied slashes, in order.
fn unapplied(due: u32) -> Vec<UnappliedSlash<Test>> {
	let listed = UnappliedSlashes::<Test>::get(due).into_inner();
	let beyond = (0..).map_while(|place| UnappliedSlashOverflow::<Test>::get(due, place));
	listed.into_iter().chain(beyond).collect()
}

/// The `Slashed` and `SlashCancelled` events of the current block.
fn slash_events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Staking(
				event @ (Event::Slashed { .. } | Event::SlashCancelled { .. }),
			) => Some(event),
			_ => None,
		})
		.collect()
}

#[test]
fn three_hundred_offenders_wait_governance_cancels_some_and_the_rest_are_applied() {
	MaxValidatorSet::set(400);
	MaxWinnersPerPage::set(400);
	MaxUnappliedSlashes::set(100);
	let targets: Vec<AccountId> = OFFENDERS.take(16).collect();
	OFFENDERS
		.fold(ExtBuilder::default(), |builder, who| {
			builder.funded(who, INITIAL_BALANCE).validator(who, 1_000)
		})
		.funded(NOMINATOR, INITIAL_BALANCE)
		.nominator(NOMINATOR, 1_600, targets.clone())
		.validator_count(400)
		.build_and_execute(|| {
			assert_eq!(session_validators().len(), 320);
			let details: Vec<_> = OFFENDERS
				.map(|offender| OffenceDetails { offender: (offender, ()), reporters: vec![] })
				.collect();
			let fractions = vec![Perbill::from_percent(10); details.len()];
			let _: Weight =
				<Staking as OnOffenceHandler<_, _, _>>::on_offence(&details, &fractions, 0);

			// Worked out a few pages per block, all deferred to era 1: nothing slashed yet.
			let mut blocks = 0;
			while !crate::SlashComputationQueue::<Test>::get().is_empty() {
				run_to_block(System::block_number() + 1);
				blocks += 1;
			}
			assert!(blocks > 1, "the work was spread over {blocks} blocks");
			let list = unapplied(1);
			assert_eq!(list.len(), 320);
			assert_eq!(UnappliedSlashes::<Test>::get(1).len(), 100, "Polkadot.js lists 100");
			assert_eq!(Staking::unapplied_slash_count(1), 320);

			// Governance cancels some, listed and beyond the listed ones, in one call.
			let cancelled_places = [0u32, 1, 50, 99, 100, 150, 318, 319];
			let cancelled: Vec<AccountId> =
				cancelled_places.iter().map(|place| list[*place as usize].validator).collect();
			assert_ok!(Staking::cancel_deferred_slash(
				RuntimeOrigin::root(),
				1,
				cancelled_places.to_vec()
			));
			let events = slash_events();
			for validator in &cancelled {
				assert!(events
					.contains(&Event::SlashCancelled { offence_era: 0, validator: *validator }));
			}
			assert_eq!(Staking::unapplied_slash_count(1), 312);
			let remaining: Vec<AccountId> =
				unapplied(1).into_iter().map(|slash| slash.validator).collect();
			assert!(cancelled.iter().all(|validator| !remaining.contains(validator)));

			// Era 1: the rest are applied, a bounded number per block.
			for offender in OFFENDERS {
				assert_ok!(Staking::validate(RuntimeOrigin::signed(offender), Default::default()));
			}
			start_active_era(1);
			let mut slashed = std::collections::BTreeMap::<AccountId, Balance>::new();
			let mut blocks = 0;
			while Staking::unapplied_slash_count(1) > 0 {
				run_to_block(System::block_number() + 1);
				blocks += 1;
				for event in slash_events() {
					if let Event::Slashed { staker, amount } = event {
						*slashed.entry(staker).or_default() += amount;
					}
				}
			}
			assert!(blocks > 1, "applied over {blocks} blocks");
			for offender in OFFENDERS {
				let expected = if cancelled.contains(&offender) { None } else { Some(&100) };
				assert_eq!(slashed.get(&offender), expected, "offender {offender}");
			}
			// The nominator loses a tenth of what it had behind each offender not cancelled.
			let behind = |validator: &AccountId| -> Balance {
				(0..)
					.map_while(|page| Staking::exposure_page(0, validator, page))
					.flat_map(|page| page.others)
					.filter(|exposure| exposure.who == NOMINATOR)
					.map(|exposure| Perbill::from_percent(10).mul_floor(exposure.value))
					.sum()
			};
			let expected: Balance =
				targets.iter().filter(|t| !cancelled.contains(t)).map(behind).sum();
			assert!(expected > 0);
			assert_eq!(slashed.get(&NOMINATOR), Some(&expected));
		});
	MaxValidatorSet::set(100);
	MaxWinnersPerPage::set(100);
	MaxUnappliedSlashes::set(512);
}
