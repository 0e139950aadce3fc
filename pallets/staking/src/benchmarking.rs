//! Benchmarks of the pallet's calls (frame-benchmarking v2).

use crate::{BalanceOf, Call, Config, Ledger, Pallet, RewardDestination};
use frame_benchmarking::v2::*;
use frame_support::traits::fungible::{Inspect, Mutate};
use frame_system::RawOrigin;
use sp_runtime::traits::Saturating;

const SEED: u32 = 0;

/// `multiple` times the existential deposit.
fn existential_deposits<T: Config>(multiple: u32) -> BalanceOf<T> {
	T::Currency::minimum_balance().saturating_mul(multiple.into())
}

/// A new account holding 100 existential deposits.
fn funded_account<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, SEED);
	T::Currency::set_balance(&who, existential_deposits::<T>(100));
	who
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn bond() {
		let stash = funded_account::<T>("stash", 0);
		let amount = existential_deposits::<T>(10);
		whitelist_account!(stash);

		#[extrinsic_call]
		_(RawOrigin::Signed(stash.clone()), amount, RewardDestination::Staked);

		assert_eq!(Ledger::<T>::get(&stash).map(|ledger| ledger.active), Some(amount));
	}

	#[benchmark]
	fn bond_extra() -> Result<(), BenchmarkError> {
		let stash = funded_account::<T>("stash", 0);
		let amount = existential_deposits::<T>(10);
		Pallet::<T>::do_bond(stash.clone(), amount, RewardDestination::Staked)?;
		whitelist_account!(stash);

		#[extrinsic_call]
		_(RawOrigin::Signed(stash.clone()), amount);

		let doubled = amount.saturating_add(amount);
		assert_eq!(Ledger::<T>::get(&stash).map(|ledger| ledger.active), Some(doubled));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::ExtBuilder::default().build(), crate::mock::Test);
}
