//! Unit tests, one file per concern. Every test runs through
//! [`ExtBuilder::build_and_execute`](crate::mock::ExtBuilder::build_and_execute), so the
//! pallet's invariants are checked after each one.

mod admin;
mod bad_input;
mod bonding;
mod client_storage;
mod commission;
mod election_rounds;
mod era_admin;
mod eras;
mod exposures;
mod fuzz;
mod genesis;
mod history;
mod instant_exit;
mod intentions;
mod interface;
mod ledger_slash;
mod listeners;
mod mass_slash;
mod migrations;
mod pools;
mod reporters;
mod rewards;
mod slashing;
mod storage;
mod targets;
mod unbonding;
mod unexpected;
mod virtual_stakers;
mod voter_list;

use crate::{mock::*, HoldReason, Ledger};
use frame_support::traits::fungible::InspectHold;

/// What `who` has on hold for staking.
fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::Staking.into(), &who)
}

/// The eras at which `who`'s unlocking chunks can be withdrawn.
fn chunk_eras(who: AccountId) -> Vec<u32> {
	Ledger::<Test>::get(who)
		.map(|ledger| ledger.unlocking.iter().map(|chunk| chunk.era).collect())
		.unwrap_or_default()
}

/// Alice (1,000) and Bob (900) are elected; Charlie (10) is a candidate too few back, and Dave
/// (100) nominates only Charlie, so Dave's stake is never exposed.
fn nominator_of_an_unelected_validator() -> ExtBuilder {
	ExtBuilder::default()
		.validator(ALICE, 1_000)
		.validator(BOB, 900)
		.validator(CHARLIE, 10)
		.nominator(DAVE, 100, vec![CHARLIE])
}

/// Bob (1,000 bonded, 10 % commission) unbonds everything and stays a validator; Eve (400,
/// funded by the builder) nominates him, so era 1 elects him without stake of his own.
fn bob_elected_without_own_stake(builder: ExtBuilder, test: impl FnOnce()) {
	builder.nominator(EVE, 400, vec![BOB]).build_and_execute(|| {
		let prefs = crate::ValidatorPrefs {
			commission: sp_runtime::Perbill::from_percent(10),
			blocked: false,
		};
		frame_support::assert_ok!(Staking::validate(RuntimeOrigin::signed(BOB), prefs));
		frame_support::assert_ok!(Staking::unbond(RuntimeOrigin::signed(BOB), 1_000));
		start_active_era(1);
		test();
	});
}
