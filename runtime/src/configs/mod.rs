//! Pallet configurations, one file per concern. Governance (referenda, Council, custom
//! origins) is in [`crate::governance`].

mod consensus;
pub mod election;
mod fees;
pub(crate) mod pools;
mod pools_weights;
mod proxy;
pub(crate) mod staking;
mod system;
mod treasury;

pub use consensus::*;
pub use fees::{FeeMultiplierUpdate, WeightToFee, BASE_EXTRINSIC_FEE, TRANSACTION_BYTE_FEE};
pub use proxy::ProxyType;
pub use staking::{SessionsPerEra, SlashDeferDuration};
pub use system::*;
pub use treasury::TreasuryAccount;
