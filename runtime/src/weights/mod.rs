//! Weights of upstream pallets measured with this runtime's configuration (`scripts/weights.sh`).

pub mod pallet_bags_list;
pub mod pallet_election_provider_multi_block;
pub mod pallet_election_provider_multi_block_signed;
pub mod pallet_election_provider_multi_block_unsigned;
pub mod pallet_election_provider_multi_block_verifier;
