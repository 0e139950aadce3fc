//! Era rewards: the payout of an era, its split by points, commission and stake, the payee
//! kinds, and the automatic and manual payouts, which never pay the same stake twice.

use super::held;
use crate::{
	mock::*, ClaimedRewards, ErasRewardPaid, ErasUnpaidBackings, ErasValidatorReward, Error, Event,
	InflationCurve, RewardDestination, ValidatorPrefs,
};
use alloc::collections::btree_map::BTreeMap;
use frame_election_provider_support::SortedListProvider;
use frame_support::{assert_noop, assert_ok, traits::fungible::Inspect};
use sp_runtime::{FixedU128, Perbill, Perquintill};
use sp_staking::EraIndex;

const DAY: u64 = 24 * 60 * 60 * 1_000;

/// Alice (1,000, 10 % commission) and Bob (1,000) validate; Dave (500) nominates Alice. Days
/// pass between blocks, so that eras earn whole units.
pub(super) fn two_validators_one_nominator() -> ExtBuilder {
	MillisPerBlock::set(DAY);
	ExtBuilder::default().validator(ALICE, 1_000).validator(BOB, 1_000).nominator(
		DAVE,
		500,
		vec![ALICE],
	)
}

/// [`two_validators_one_nominator`], and `nominators` (funded) nominating Alice with 100 each.
pub(super) fn with_more_nominators_of_alice(nominators: &[AccountId]) -> ExtBuilder {
	nominators.iter().fold(two_validators_one_nominator(), |builder, &who| {
		builder.funded(who, INITIAL_BALANCE).nominator(who, 100, vec![ALICE])
	})
}

/// Alice 10 % commission from era 0 on (her genesis preferences are the default, 0 %).
fn alice_takes_ten_percent() {
	let prefs = ValidatorPrefs { commission: Perbill::from_percent(10), blocked: false };
	assert_ok!(Staking::validate(RuntimeOrigin::signed(ALICE), prefs));
	crate::ErasValidatorPrefs::<Test>::insert(0, ALICE, prefs);
}

/// Ends era 0 with Alice holding 60 and Bob 40 of its 100 points; returns its reward.
pub(super) fn end_era_zero() -> Balance {
	Staking::reward_by_ids([(ALICE, 60), (BOB, 40)]);
	start_active_era(1);
	ErasValidatorReward::<Test>::get(0).expect("era 0 ended")
}

/// What each staker was paid, and how many times, from `Rewarded` events.
#[derive(Default)]
pub(super) struct Payments(BTreeMap<AccountId, (Balance, u32)>);

impl Payments {
	/// Adds the current block's payments.
	fn collect(&mut self) {
		for record in System::events() {
			if let RuntimeEvent::Staking(Event::Rewarded { stash, amount, .. }) = record.event {
				let entry = self.0.entry(stash).or_default();
				entry.0 += amount;
				entry.1 += 1;
			}
		}
	}

	/// Adds `other`'s payments to these.
	fn merge(&mut self, other: Payments) {
		for (who, (amount, times)) in other.0 {
			let entry = self.0.entry(who).or_default();
			entry.0 += amount;
			entry.1 += times;
		}
	}

	/// The current block's payments.
	fn now() -> Self {
		let mut payments = Self::default();
		payments.collect();
		payments
	}

	fn of(&self, who: AccountId) -> Balance {
		self.0.get(&who).map_or(0, |paid| paid.0)
	}

	fn times(&self, who: AccountId) -> u32 {
		self.0.get(&who).map_or(0, |paid| paid.1)
	}

	fn total(&self) -> Balance {
		self.0.values().map(|paid| paid.0).sum()
	}
}

/// Runs blocks, one at a time, until every automatic payout is done; returns the payments.
pub(super) fn run_automatic_payouts() -> Payments {
	let mut payments = Payments::default();
	for _ in 0..AutoPayoutDelay::get() + 3 {
		run_to_block(System::block_number() + 1);
		payments.collect();
	}
	assert!(crate::UnpaidEras::<Test>::get().is_empty(), "the automatic payout is done");
	payments
}

/// `amount * num / den`, rounded down.
fn share(amount: Balance, num: Balance, den: Balance) -> Balance {
	amount * num / den
}

/// Asserts `actual` is `expected`, or one unit less (fixed-point rounding).
fn assert_about(actual: Balance, expected: Balance) {
	assert!(
		actual == expected || actual + 1 == expected,
		"{actual} is not {expected} (or one less)"
	);
}

#[test]
fn the_curve_pays_max_inflation_at_the_ideal_staking_rate_and_less_around_it() {
	let curve = Inflation::get();
	let year = crate::inflation::MILLISECONDS_PER_YEAR;
	let issuance: Balance = 1_000_000;
	// At the ideal rate, stakers get all of the maximum inflation.
	assert_eq!(curve.era_payout(500_000, issuance, year), (100_000, 0));
	// With nothing staked, the minimum; the rest up to the maximum is the remainder.
	assert_eq!(curve.era_payout(0, issuance, year), (25_000, 75_000));
	// Half-way to the ideal rate, half-way between minimum and maximum.
	assert_eq!(curve.era_payout(250_000, issuance, year), (62_500, 37_500));
	// Past the ideal rate, inflation halves towards the minimum every `falloff` (5 %).
	let (stakers, remainder) = curve.era_payout(550_000, issuance, year);
	assert_eq!(stakers, 62_500);
	assert_eq!(stakers + remainder, 100_000);
	// A day is its share of a year.
	let (stakers, _) = curve.era_payout(500_000, issuance, year / 365);
	assert_eq!(stakers, 273);
}

#[test]
fn an_era_pays_by_points_then_commission_then_stake() {
	two_validators_one_nominator().build_and_execute(|| {
		alice_takes_ten_percent();
		let issuance = Balances::total_issuance();
		let reward = end_era_zero();
		assert!(reward > 0);

		// The era's payout and remainder follow the curve; the remainder is the treasury's.
		let remainder = Balances::total_issuance() - issuance;
		let event = Event::EraPaid { era_index: 0, validator_payout: reward, remainder };
		assert!(System::events().iter().any(|r| r.event == event.clone().into()));
		assert_eq!(Balances::balance(&TREASURY), ED + remainder);

		let (alice_before, dave_before) = (held(ALICE), held(DAVE));
		let paid = run_automatic_payouts();

		// Alice earned 60 % of the reward, took 10 % of it, and shares the rest with Dave in
		// proportion to their stakes (1,000 and 500 of 1,500).
		let alice_part = share(reward, 60, 100);
		let commission = share(alice_part, 10, 100);
		let leftover = alice_part - commission;
		assert_about(paid.of(ALICE), commission + share(leftover, 1_000, 1_500));
		assert_about(paid.of(DAVE), share(leftover, 500, 1_500));
		assert_about(paid.of(BOB), share(reward, 40, 100));
		// Everybody's payee is `Staked`: the rewards are bonded.
		assert_eq!(held(ALICE), alice_before + paid.of(ALICE));
		assert_eq!(held(DAVE), dave_before + paid.of(DAVE));
		assert_eq!(VoterBagsList::get_score(&DAVE), Ok(held(DAVE)));
		// Issuance rose by exactly what was paid.
		let paid = paid.total();
		assert_eq!(Balances::total_issuance(), issuance + remainder + paid);
		assert_eq!(ErasRewardPaid::<Test>::get(0), paid);
		assert!(reward - paid <= 3, "only rounding is left");
		// Every page is marked claimed and nothing is owed.
		assert_eq!(ClaimedRewards::<Test>::get(0, ALICE).to_vec(), vec![0]);
		assert_eq!(ErasUnpaidBackings::<Test>::iter_prefix(0).count(), 0);
	});
}

/// Paying an era does not move the voter list: a bonded reward leaves the staker's score
/// behind its active bond until the list's automatic rebagging (a few voters a block, in
/// `on_idle`) brings it up.
#[test]
fn bonded_rewards_leave_voter_scores_behind_until_the_list_rebags_them() {
	two_validators_one_nominator().build_and_execute(|| {
		end_era_zero();
		let voters = [ALICE, BOB, DAVE];
		let scores = voters.map(|who| VoterBagsList::get_score(&who));
		assert_eq!(scores, voters.map(|who| Ok(held(who))));

		AutoRebagPerBlock::set(0);
		let dave_bonded = held(DAVE);
		let paid = run_automatic_payouts();
		for who in voters {
			assert!(paid.of(who) > 0, "{who} was paid");
		}
		assert_eq!(voters.map(|who| VoterBagsList::get_score(&who)), scores);
		assert_eq!(held(DAVE), dave_bonded + paid.of(DAVE), "the reward is bonded");

		// Two voters a block: two blocks bring every score up to its active bond.
		AutoRebagPerBlock::set(2);
		run_to_block(System::block_number() + 2);
		assert_eq!(
			voters.map(|who| VoterBagsList::get_score(&who)),
			voters.map(|who| Ok(held(who)))
		);
	});
}

#[test]
fn the_automatic_payout_waits_for_its_delay() {
	two_validators_one_nominator().build_and_execute(|| {
		end_era_zero();
		let ended_at = System::block_number();
		run_to_block(ended_at + AutoPayoutDelay::get() - 1);
		assert_eq!(Payments::now().of(DAVE), 0);
		run_to_block(ended_at + AutoPayoutDelay::get());
		assert!(Payments::now().of(DAVE) > 0);
		System::assert_has_event(Event::EraRewardsPaid { era: 0 }.into());
	});
}

#[test]
fn payees_receive_as_they_chose() {
	two_validators_one_nominator()
		.nominator(EVE, 500, vec![BOB])
		.build_and_execute(|| {
			assert_ok!(Staking::set_payee(RuntimeOrigin::signed(ALICE), RewardDestination::Stash));
			assert_ok!(Staking::set_payee(
				RuntimeOrigin::signed(DAVE),
				RewardDestination::Account(CHARLIE)
			));
			assert_ok!(Staking::set_payee(RuntimeOrigin::signed(EVE), RewardDestination::None));
			let (alice_free, charlie_free) =
				(Balances::balance(&ALICE), Balances::balance(&CHARLIE));
			let (alice_held, dave_held, eve_held) = (held(ALICE), held(DAVE), held(EVE));
			let issuance = Balances::total_issuance();
			let reward = end_era_zero();
			let remainder = Balances::total_issuance() - issuance;
			let paid = run_automatic_payouts();

			// Stash: free balance, bond unchanged.
			assert!(paid.of(ALICE) > 0);
			assert_eq!(Balances::balance(&ALICE), alice_free + paid.of(ALICE));
			assert_eq!(held(ALICE), alice_held);
			// Account: another account's free balance.
			assert!(paid.of(DAVE) > 0);
			assert_eq!(Balances::balance(&CHARLIE), charlie_free + paid.of(DAVE));
			assert_eq!(held(DAVE), dave_held);
			// None: forfeited, nothing minted, but counted as paid.
			assert_eq!(paid.of(EVE), 0);
			assert_eq!(held(EVE), eve_held);
			let minted = paid.total();
			assert_eq!(Balances::total_issuance(), issuance + remainder + minted);
			assert!(ErasRewardPaid::<Test>::get(0) > minted);
			assert!(ErasRewardPaid::<Test>::get(0) <= reward);
		});
}

#[test]
fn a_manual_payout_pays_a_page_once_and_the_automatic_one_skips_it() {
	two_validators_one_nominator().build_and_execute(|| {
		end_era_zero();
		assert_ok!(Staking::payout_stakers(RuntimeOrigin::signed(EVE), ALICE, 0));
		System::assert_has_event(
			Event::PayoutStarted { era_index: 0, validator_stash: ALICE, page: 0, next: None }
				.into(),
		);
		let by_hand = Payments::now();
		assert!(by_hand.of(ALICE) > 0 && by_hand.of(DAVE) > 0);
		assert_noop!(
			Staking::payout_stakers(RuntimeOrigin::signed(EVE), ALICE, 0),
			Error::<Test>::AlreadyClaimed
		);
		assert_noop!(
			Staking::payout_stakers_by_page(RuntimeOrigin::signed(EVE), ALICE, 0, 0),
			Error::<Test>::AlreadyClaimed
		);

		let automatic = run_automatic_payouts();
		// Bob was paid automatically; Alice and Dave were not paid again.
		assert!(automatic.of(BOB) > 0);
		assert_eq!((automatic.of(ALICE), automatic.of(DAVE)), (0, 0));
	});
}

#[test]
fn pages_paid_by_hand_and_automatically_pay_every_nominator_exactly_once() {
	MaxExposurePageSize::set(2);
	let nominators: Vec<AccountId> = (10..15).collect();
	with_more_nominators_of_alice(&nominators).build_and_execute(|| {
		end_era_zero();
		// Dave and five more nominators: three pages of two.
		assert_eq!(Staking::reward_pages(0, &ALICE), Some(3));
		assert_ok!(Staking::payout_stakers_by_page(RuntimeOrigin::signed(EVE), ALICE, 0, 1));
		let mut payments = Payments::now();
		assert_eq!(payments.0.len(), 2, "page 1 holds two nominators");
		assert_eq!(payments.of(ALICE), 0, "Alice is paid with page 0");

		payments.merge(run_automatic_payouts());
		for who in nominators.iter().chain([&DAVE, &ALICE, &BOB]) {
			assert_eq!(payments.times(*who), 1, "{who} is paid once");
		}
		let mut claimed = ClaimedRewards::<Test>::get(0, ALICE).to_vec();
		claimed.sort();
		assert_eq!(claimed, vec![0, 1, 2]);
	});
	MaxExposurePageSize::set(64);
}

#[test]
fn staked_rewards_compound_into_the_next_eras_exposure() {
	two_validators_one_nominator().build_and_execute(|| {
		end_era_zero();
		assert!(run_automatic_payouts().of(DAVE) > 0);
		let dave = held(DAVE);
		assert!(dave > 500);
		start_active_era(2);
		let exposure = Staking::exposure_page(2, &ALICE, 0).expect("Dave backs Alice");
		assert_eq!(exposure.others[0].value, dave);
	});
}

#[test]
fn an_era_without_points_pays_everything_to_the_remainder() {
	two_validators_one_nominator().build_and_execute(|| {
		let issuance = Balances::total_issuance();
		start_active_era(1);
		assert_eq!(ErasValidatorReward::<Test>::get(0), Some(0));
		assert!(Balances::total_issuance() > issuance, "the remainder is minted");
		assert!(crate::UnpaidEras::<Test>::get().is_empty(), "nothing to pay");
	});
}

#[test]
fn payouts_refuse_eras_not_ended_or_forgotten_and_pages_that_do_not_exist() {
	two_validators_one_nominator().build_and_execute(|| {
		end_era_zero();
		let payout = |validator, era, page| {
			Staking::payout_stakers_by_page(RuntimeOrigin::signed(EVE), validator, era, page)
		};
		assert_noop!(payout(ALICE, 1, 0), Error::<Test>::InvalidEraToReward);
		assert_noop!(payout(ALICE, 7, 0), Error::<Test>::InvalidEraToReward);
		assert_noop!(payout(CHARLIE, 0, 0), Error::<Test>::InvalidPage);
		assert_noop!(payout(ALICE, 0, 1), Error::<Test>::InvalidPage);
		assert_noop!(
			Staking::payout_stakers(RuntimeOrigin::signed(EVE), CHARLIE, 0),
			Error::<Test>::InvalidPage
		);
		assert_noop!(
			Staking::payout_stakers(RuntimeOrigin::none(), ALICE, 0),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

// Found by the random-sequence harness: a validator elected without stake of its own (it had
// unbonded it all) was owed nothing, so its commission was neither paid nor owed.
#[test]
fn a_validator_elected_without_own_stake_is_paid_its_commission() {
	super::bob_elected_without_own_stake(two_validators_one_nominator(), || {
		assert_eq!(Staking::exposure_overview(1, &BOB).map(|o| (o.own, o.total)), Some((0, 400)));

		Staking::reward_by_ids([(ALICE, 50), (BOB, 50)]);
		start_active_era(2);
		let reward = ErasValidatorReward::<Test>::get(1).expect("era 1 ended");
		let payments = run_automatic_payouts();
		let bobs_part = share(reward, 50, 100);
		let commission = Perbill::from_percent(10).mul_floor(bobs_part);
		assert!(commission > 0);
		assert_about(payments.of(BOB), commission);
		assert_about(payments.of(EVE), bobs_part - commission);
	});
}

#[test]
fn a_payout_of_an_era_paid_from_records_waits_until_its_stakers_are_recorded() {
	two_validators_one_nominator().build_and_execute(|| {
		// Storage version 2 paid every era from records of what each staker backed.
		crate::PagedPayoutsFrom::<Test>::put(EraIndex::MAX);
		start_active_era(1);
		Staking::reward_by_ids([(ALICE, 60), (BOB, 40)]);
		start_active_era(2);
		// Recording falls behind when an election exposes more stakers than a block's share
		// records: Dave's backing of era 1 is back in the queue, as if not yet recorded.
		let backing = ErasUnpaidBackings::<Test>::take(1, DAVE).expect("Dave backed Alice");
		Staking::queue_exposed(1, BTreeMap::from([(DAVE, backing)]));
		let payout = || Staking::payout_stakers(RuntimeOrigin::signed(EVE), ALICE, 1);
		assert_noop!(payout(), Error::<Test>::RewardsNotReady);

		// The next block records it (before the automatic payout's delay has passed).
		run_to_block(System::block_number() + 1);
		assert!(ErasUnpaidBackings::<Test>::contains_key(1, DAVE));
		assert_ok!(payout());
		assert!(Payments::now().of(DAVE) > 0);
	});
}

#[test]
fn a_payout_of_an_era_paid_from_its_pages_does_not_wait_for_its_stakers_records() {
	two_validators_one_nominator().build_and_execute(|| {
		end_era_zero();
		// Recording falls behind: Dave is back in the queue, as if not yet recorded.
		Staking::queue_exposed(0, BTreeMap::from([(DAVE, Default::default())]));
		assert!(Staking::has_unrecorded_exposures());
		assert_ok!(Staking::payout_stakers(RuntimeOrigin::signed(EVE), ALICE, 0));
		assert!(Payments::now().of(DAVE) > 0);
		assert!(ErasUnpaidBackings::<Test>::iter().next().is_none(), "no records are kept");
	});
}

#[test]
fn an_unpaid_era_is_kept_past_history_depth_until_it_is_paid() {
	HistoryDepth::set(BONDING_DURATION);
	two_validators_one_nominator().build_and_execute(|| {
		end_era_zero();
		// A payout backlog holds era 0 back.
		crate::UnpaidEras::<Test>::mutate(|eras| eras[0].1 = u64::MAX);
		start_active_era(BONDING_DURATION + 2);
		assert!(ErasValidatorReward::<Test>::get(0).is_some(), "era 0 is kept");
		assert!(Staking::owed_backings(0).iter().any(|(staker, _)| *staker == DAVE));

		crate::UnpaidEras::<Test>::mutate(|eras| eras[0].1 = 0);
		let paid = run_automatic_payouts();
		assert!(paid.of(DAVE) > 0);
		run_to_block(System::block_number() + 1);
		assert!(ErasValidatorReward::<Test>::get(0).is_none(), "then it is pruned");
	});
	HistoryDepth::set(84);
}

#[test]
fn inflation_parameters_are_a_constant() {
	let curve: InflationCurve = <Test as crate::Config>::Inflation::get();
	assert_eq!(curve.ideal_staking_rate, Perquintill::from_percent(50));
}

#[test]
fn wallets_see_pending_rewards_and_the_projected_yield() {
	two_validators_one_nominator().build_and_execute(|| {
		alice_takes_ten_percent();
		// Nobody is exposed in era 0 but the genesis stakers; Eve gets the average.
		let average = Staking::projected_annual_yield(&EVE);
		let dave_yield = Staking::projected_annual_yield(&DAVE);
		assert!(average > FixedU128::from_inner(0));
		// Dave backs Alice, who takes 10 %, and shares her part with Alice's own 1,000:
		// 1,500 of Alice's stake earn half the payout, 0.9 of it shared pro rata.
		let staked = 2_500u128;
		let yearly_rate = average.into_inner(); // payout / staked, per 10^18
		let expected = yearly_rate * staked / 2 * 9 / 10 / 1_500;
		let got = dave_yield.into_inner();
		// Balances of a few thousand units round each step by up to one unit.
		assert!(expected - got <= expected / 100, "{got} is about {expected}");

		let reward = end_era_zero();
		let pending = Staking::pending_rewards_of(&DAVE);
		assert_eq!(pending.len(), 1);
		assert!(pending[0].1 > 0 && pending[0].1 < reward);
		let paid = run_automatic_payouts();
		assert_eq!(paid.of(DAVE), pending[0].1);
		assert!(Staking::pending_rewards_of(&DAVE).is_empty());
	});
}

#[test]
fn wallets_see_when_unbonded_funds_are_free() {
	two_validators_one_nominator().build_and_execute(|| {
		start_active_era(1);
		run_to_block(System::block_number() + 1);
		assert_ok!(Staking::unbond(RuntimeOrigin::signed(DAVE), 100));
		let era_length = 15 * DAY;
		let start = crate::ActiveEra::<Test>::get().and_then(|active| active.start);
		let start = start.expect("era 1 started");
		let free_at = 1 + BONDING_DURATION;
		assert_eq!(
			Staking::unbonding_schedule(&DAVE, era_length),
			vec![(100, free_at, Some(start + u64::from(BONDING_DURATION) * era_length))]
		);
		assert!(Staking::unbonding_schedule(&EVE, era_length).is_empty());
	});
}

#[test]
fn a_block_that_can_read_a_page_but_pay_none_of_it_leaves_the_page_unclaimed() {
	two_validators_one_nominator().build_and_execute(|| {
		end_era_zero();
		// The era's reads and lookups, and a page's reading: not one staker's payment.
		let db: frame_support::weights::RuntimeDbWeight =
			<<Test as frame_system::Config>::DbWeight as frame_support::traits::Get<_>>::get();
		let limit = db
			.reads(4)
			.saturating_add(db.reads_writes(3, 1))
			.saturating_add(db.reads(2))
			.saturating_add(<() as crate::WeightInfo>::read_payout_page());
		let mut meter = frame_support::weights::WeightMeter::with_limit(limit);
		Staking::pay_out_eras(u64::MAX, &mut meter);
		assert!(crate::ClaimedRewards::<Test>::iter_prefix(0).next().is_none());

		let payments = run_automatic_payouts();
		for who in [ALICE, BOB, DAVE] {
			assert_eq!(payments.times(who), 1, "{who} is paid once");
		}
	});
}

#[test]
fn the_automatic_payout_spreads_over_blocks_within_its_share() {
	let nominators: Vec<AccountId> = (100..400).collect();
	with_more_nominators_of_alice(&nominators).build_and_execute(|| {
		end_era_zero();
		let mut payments = Payments::default();
		let mut blocks_paying = 0;
		while !crate::UnpaidEras::<Test>::get().is_empty() {
			run_to_block(System::block_number() + 1);
			let block = Payments::now();
			assert!(block.0.len() < nominators.len(), "one block does not pay everybody");
			blocks_paying += u32::from(!block.0.is_empty());
			payments.merge(block);
			// Mid-payout, with stakers paid and others still owed, everything holds.
			assert_eq!(Staking::do_try_state(), Ok(()));
		}
		assert!(blocks_paying > 1, "the payout took {blocks_paying} blocks");
		for who in nominators.iter().chain([&DAVE, &ALICE, &BOB]) {
			assert_eq!(payments.times(*who), 1, "{who} is paid once");
		}
	});
}
