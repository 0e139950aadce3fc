//! The weights of `pallet-nomination-pools`' calls on this chain.
//!
//! The pools' benchmarks need `pallet-staking-async` as their host and cannot run against
//! Palisade's staking pallet, so their weights come from upstream: measured on Parity's reference
//! machine, with `pallet-staking` as the host. Three things keep them safe here:
//!
//! - **The storage work is counted by Palisade's database weight.** Upstream's figures count
//!   reads and writes separately from time, and this runtime prices each with its own
//!   `DbWeight` (ParityDB: 8 µs a read, 50 µs a write). The host's part of a pool's call costs
//!   no more storage here than upstream counted for `pallet-staking`: a member's bond is
//!   8 reads and 6 writes here against 9 and 7 (`bond_extra`), an unbond 14 and 3 against 12
//!   and 6 (262 µs of database weight against 396), and a pool's own bond holds nothing here
//!   (its members' funds are held by delegated staking, whose work upstream counted too).
//! - **The weight is scaled to this chain's reference machine.** The staking calls a pool makes
//!   take up to 3.5 times longer on the machine Palisade's weights are generated on than
//!   upstream measured for `pallet-staking`'s: `bond` 198.2 µs against 57.0 µs, `bond_extra`
//!   318.2 against 119.4, `unbond` 339.9 against 97.2, `nominate` 161.0 against 64.9 (both
//!   crates' generated `weights.rs`). Each pools weight's time, its database part included
//!   (upstream's functions return them summed), is multiplied by [`TIME_FACTOR`], above every
//!   ratio measured. The database part needs no scaling, so this overcharges it.
//! - **The pools' calls that reach the staking pallet are measured with this host too**, by
//!   the pool upkeep's `pools_*` benchmarks, and the test below checks that each charged weight
//!   covers its measurement. Time and database weight together: `create` 1,832.7 µs measured
//!   here against 4,955.3 µs charged, `join` 1,031.0 against 4,078.7, `bond_extra_other`
//!   1,111.7 against 4,355.9, `unbond` 850.6 against 4,013.5, `withdraw_unbonded_kill` 1,119.2
//!   against 6,003.0. The measured time alone is 1.4 to 2.3 times upstream's. If a regeneration
//!   breaks the test, [`TIME_FACTOR`] must rise.
//!
//! The work the pools do when the staking pallet reports a slash or a withdrawal of a pool is
//! measured on this machine by the pool upkeep's benchmarks and charged by the staking pallet
//! (`ListenerWeights`).

use frame_support::weights::Weight;
use pallet_nomination_pools::weights::{SubstrateWeight, WeightInfo};

use crate::Runtime;

/// How much longer than upstream's reference machine this chain's takes, with a margin.
pub const TIME_FACTOR: u64 = 4;

type Upstream = SubstrateWeight<Runtime>;

/// `weight` with its time scaled by [`TIME_FACTOR`]; its proof size as measured.
fn scaled(weight: Weight) -> Weight {
	Weight::from_parts(weight.ref_time().saturating_mul(TIME_FACTOR), weight.proof_size())
}

/// Upstream's pools weights, with their time scaled to this chain's reference machine.
pub struct PoolsWeight;

impl WeightInfo for PoolsWeight {
	fn join() -> Weight {
		scaled(Upstream::join())
	}
	fn bond_extra_transfer() -> Weight {
		scaled(Upstream::bond_extra_transfer())
	}
	fn bond_extra_other() -> Weight {
		scaled(Upstream::bond_extra_other())
	}
	fn claim_payout() -> Weight {
		scaled(Upstream::claim_payout())
	}
	fn unbond() -> Weight {
		scaled(Upstream::unbond())
	}
	fn pool_withdraw_unbonded(s: u32) -> Weight {
		scaled(Upstream::pool_withdraw_unbonded(s))
	}
	fn withdraw_unbonded_update(s: u32) -> Weight {
		scaled(Upstream::withdraw_unbonded_update(s))
	}
	fn withdraw_unbonded_kill(s: u32) -> Weight {
		scaled(Upstream::withdraw_unbonded_kill(s))
	}
	fn create() -> Weight {
		scaled(Upstream::create())
	}
	fn nominate(n: u32) -> Weight {
		scaled(Upstream::nominate(n))
	}
	fn set_state() -> Weight {
		scaled(Upstream::set_state())
	}
	fn set_metadata(n: u32) -> Weight {
		scaled(Upstream::set_metadata(n))
	}
	fn set_configs() -> Weight {
		scaled(Upstream::set_configs())
	}
	fn update_roles() -> Weight {
		scaled(Upstream::update_roles())
	}
	fn chill() -> Weight {
		scaled(Upstream::chill())
	}
	fn set_commission() -> Weight {
		scaled(Upstream::set_commission())
	}
	fn set_commission_max() -> Weight {
		scaled(Upstream::set_commission_max())
	}
	fn set_commission_change_rate() -> Weight {
		scaled(Upstream::set_commission_change_rate())
	}
	fn set_commission_claim_permission() -> Weight {
		scaled(Upstream::set_commission_claim_permission())
	}
	fn set_claim_permission() -> Weight {
		scaled(Upstream::set_claim_permission())
	}
	fn claim_commission() -> Weight {
		scaled(Upstream::claim_commission())
	}
	fn adjust_pool_deposit() -> Weight {
		scaled(Upstream::adjust_pool_deposit())
	}
	fn apply_slash() -> Weight {
		scaled(Upstream::apply_slash())
	}
	fn apply_slash_fail() -> Weight {
		scaled(Upstream::apply_slash_fail())
	}
	fn pool_migrate() -> Weight {
		scaled(Upstream::pool_migrate())
	}
	fn migrate_delegation() -> Weight {
		scaled(Upstream::migrate_delegation())
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use pallet_palisade_pool_upkeep::WeightInfo as MeasuredWeightInfo;

	/// The pools' calls as measured with Palisade's staking pallet as their host.
	type Measured = <Runtime as pallet_palisade_pool_upkeep::Config>::WeightInfo;

	#[test]
	fn scaled_upstream_weights_cover_the_calls_measured_with_this_host() {
		let covered = [
			("create", PoolsWeight::create(), Measured::pools_create()),
			("join", PoolsWeight::join(), Measured::pools_join()),
			(
				"bond_extra_other",
				PoolsWeight::bond_extra_other(),
				Measured::pools_bond_extra_other(),
			),
			("unbond", PoolsWeight::unbond(), Measured::pools_unbond()),
			(
				"withdraw_unbonded_kill",
				PoolsWeight::withdraw_unbonded_kill(0),
				Measured::pools_withdraw_unbonded_kill(),
			),
		];
		for (call, charged, measured) in covered {
			assert!(
				charged.all_gte(measured),
				"{call}: charged {charged:?}, measured with this host {measured:?}"
			);
		}
	}
}
