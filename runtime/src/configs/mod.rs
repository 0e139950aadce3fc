//! Pallet configurations, one file per concern.

mod consensus;
pub(crate) mod staking;
mod system;

pub use consensus::*;
pub use staking::SessionsPerEra;
pub use system::*;
