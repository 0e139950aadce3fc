//! Unit tests, one file per concern. Every test runs through
//! [`ExtBuilder::build_and_execute`](crate::mock::ExtBuilder::build_and_execute), so the
//! pallet's invariants are checked after each one.

mod bonding;
