//! Units, time and the consensus periods of the chain.
//!
//! With the `fast-runtime` feature (the dev node and the test suite), slots are 3 s, a session
//! (one BABE epoch) is 5 slots and an era 4 sessions: an era passes in one minute, so tests see
//! several eras in minutes, and an election has three sessions (15 blocks) for its phases.
//! Without it, slots are 6 s, a session is one hour and an era six.

use crate::{Balance, BlockNumber, Moment};

/// One PAL, the chain's token: 12 decimals.
pub const UNITS: Balance = 1_000_000_000_000;
/// A hundredth of a PAL.
pub const CENTS: Balance = UNITS / 100;
/// A thousandth of a cent.
pub const MILLICENTS: Balance = CENTS / 1_000;
/// The least balance an account may hold.
pub const EXISTENTIAL_DEPOSIT: Balance = CENTS;

/// Token properties advertised in chain specs, read by wallets and Polkadot.js.
pub const TOKEN_SYMBOL: &str = "PAL";
pub const TOKEN_DECIMALS: u8 = 12;
/// The generic Substrate SS58 prefix.
pub const SS58_PREFIX: u16 = 42;

/// Milliseconds per BABE slot, which is the expected block time.
#[cfg(feature = "fast-runtime")]
pub const MILLISECS_PER_BLOCK: Moment = 3_000;
#[cfg(not(feature = "fast-runtime"))]
pub const MILLISECS_PER_BLOCK: Moment = 6_000;
pub const SLOT_DURATION: Moment = MILLISECS_PER_BLOCK;

/// Slots per BABE epoch, which is one session.
#[cfg(feature = "fast-runtime")]
pub const EPOCH_DURATION_IN_SLOTS: BlockNumber = 5;
#[cfg(not(feature = "fast-runtime"))]
pub const EPOCH_DURATION_IN_SLOTS: BlockNumber = HOURS;

// Time in blocks.
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
pub const HOURS: BlockNumber = MINUTES * 60;
pub const DAYS: BlockNumber = HOURS * 24;

/// The probability of a slot having a primary BABE author: 1/4.
pub const PRIMARY_PROBABILITY: (u64, u64) = (1, 4);

/// BABE's configuration at genesis.
pub const BABE_GENESIS_EPOCH_CONFIG: sp_consensus_babe::BabeEpochConfiguration =
	sp_consensus_babe::BabeEpochConfiguration {
		c: PRIMARY_PROBABILITY,
		allowed_slots: sp_consensus_babe::AllowedSlots::PrimaryAndSecondaryVRFSlots,
	};
