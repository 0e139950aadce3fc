//! Unit tests, one file per concern. Every test runs through
//! [`ExtBuilder::build_and_execute`](crate::mock::ExtBuilder::build_and_execute), so the
//! pallet's invariants are checked after each one.

mod admin;
mod bonding;
mod era_admin;
mod eras;
mod exposures;
mod history;
mod instant_exit;
mod intentions;
mod interface;
mod unbonding;
mod voter_list;

use crate::{mock::*, HoldReason};
use frame_support::traits::fungible::InspectHold;

/// What `who` has on hold for staking.
fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::Staking.into(), &who)
}
