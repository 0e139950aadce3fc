//! # Pool upkeep
//!
//! Nomination pool members never have to chase their rewards or their slashes: once per era,
//! the chain itself goes through every member of `pallet-nomination-pools` and
//!
//! - **applies its pending slash**, if its pool was slashed (as anyone may with the pools'
//!   `apply_slash`; nobody is paid for it here);
//! - **pays or compounds its rewards**, as the member allows through the pools'
//!   `set_claim_permission`: `PermissionlessCompound` and `PermissionlessAll` bond them into the
//!   pool (`bond_extra_other`), `PermissionlessWithdraw` pays them to the member's free balance
//!   (`claim_payout_other`), `Permissioned` leaves them to the member. Rewards below
//!   [`Config::MinAutoClaim`] wait for a later era.
//!
//! **The default is paid, not compounded.** A member that never chose has the pools' default
//! permission, `PermissionlessWithdraw`: its rewards reach its free balance every era with no
//! call from it. Compounding would bond them, locking them for the bonding duration and putting
//! them at risk of slashes, which only the member may decide; paying keeps its risk exactly what
//! it chose when it joined.
//!
//! ## Bounded, resumable work
//!
//! A sweep starts when the staking pallet's current era (the era being planned, as the pools see
//! it) moves on; rewards paid into a pool after a member's step wait for the next sweep. It goes
//! through the members a few per block in `on_initialize`, within [`Config::BlockShare`] of the
//! block's maximum weight: a member with nothing to do is charged the benchmarked cost of
//! looking ([`WeightInfo::upkeep_member_idle`]), any other the benchmarked worst case of a step
//! ([`WeightInfo::upkeep_member`]: a slash applied, a compound the pool refuses, then a payout,
//! for a member unbonding in `MaxUnbonding` eras). Where it stopped is stored
//! ([`Sweep`]), so it resumes in the next block; it ends with [`Event::SweepCompleted`] and its
//! tally. A member that joins during a sweep is reached by it or by the next one. With more
//! members than a sweep reaches in an era (each member costs at most the worst case, so the
//! README gives the count), a sweep takes longer than an era and the next starts when it ends:
//! rewards wait in the pool, nothing is lost. Nothing of
//! this replaces the pools' calls: `claim_payout`, `claim_payout_other`, `bond_extra_other` and
//! `apply_slash` stay open to anyone, for those who want it sooner.
//!
//! A member's step runs the pools' own calls, each in its own storage layer: one that fails
//! (a destroying pool cannot compound, a slash below the existential deposit waits for the
//! member's withdrawal) changes nothing and the sweep goes on.
//!
//! This pallet knows the pools, not the staking pallet: any staking pallet that hosts
//! `pallet-nomination-pools` will do.
//!
//! ## The pools' share of staking's work
//!
//! Its benchmarks also measure what the pools (and the pallet holding their funds) do when the
//! staking pallet reports a slash or a withdrawal of a pool ([`WeightInfo::pool_slash_listeners`],
//! [`WeightInfo::pool_withdraw_listeners`]), so that a runtime can charge it in the staking
//! pallet's weights, for every staker reported (Palisade's `ListenerWeights`).
//!
//! The pools' own benchmarks need `pallet-staking-async` as their host, so a runtime with
//! another staking pallet charges upstream's pools weights. The `pools_*` benchmarks measure
//! the pools' calls that reach the staking pallet (`create`, `join`, `bond_extra_other`,
//! `unbond`, `withdraw_unbonded` of a member's last funds) with the runtime's own host, so
//! that the runtime can check upstream's weights cover them.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::arithmetic_side_effects)]
mod benchmarking;
mod sweep;
pub mod weights;

pub use pallet::*;
pub use sweep::{SweepTally, MAX_MEMBER_KEY_LEN};
pub use weights::WeightInfo;

/// The balance of the pools' currency.
pub type BalanceOf<T> = pallet_nomination_pools::BalanceOf<T>;

/// What the benchmarks need of the staking pallet the pools stake through.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Balance> {
	/// Slashes `amount` of `pool`'s active stake, telling the pools (a member's step applies
	/// the pending slash this leaves).
	fn slash_pool(pool: &AccountId, amount: Balance);
	/// Sets the staking pallet's current era.
	fn set_era(era: sp_staking::EraIndex);
	/// Tells the staking pallet's listeners (the pools and what holds their funds) of a slash
	/// of `pool`, as the staking pallet does.
	fn notify_slash(
		pool: &AccountId,
		active: Balance,
		unlocking: &alloc::collections::BTreeMap<sp_staking::EraIndex, Balance>,
		total: Balance,
	);
	/// Tells the staking pallet's listeners of a withdrawal of `pool`.
	fn notify_withdraw(pool: &AccountId, amount: Balance);
}

// The code the pallet macros generate calls `expect` (on the runtime's pallet names and on
// error encodings, with their proofs); the pallet's own code has none.
#[frame_support::pallet]
#[allow(clippy::expect_used)]
pub mod pallet {
	use super::*;
	use frame_support::{pallet_prelude::*, weights::WeightMeter, PalletId};
	use frame_system::pallet_prelude::*;
	use sp_runtime::Perbill;
	use sp_staking::EraIndex;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config + pallet_nomination_pools::Config {
		/// The share of each block's maximum weight a sweep may use.
		#[pallet::constant]
		type BlockShare: Get<Perbill>;

		/// The least pending reward a sweep pays or compounds: less waits for a later era, so
		/// that no block is spent moving dust.
		#[pallet::constant]
		type MinAutoClaim: Get<BalanceOf<Self>>;

		/// The account the sweep acts as (it signs the pools' calls it makes for members).
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// Weights of a member's step, generated by this pallet's benchmarks.
		type WeightInfo: WeightInfo;

		/// Slashes a pool for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, BalanceOf<Self>>;
	}

	/// Where the sweep of members is: not running, or running after the member whose raw
	/// storage key is given (from the first member if none).
	#[derive(
		Encode,
		Decode,
		DecodeWithMemTracking,
		MaxEncodedLen,
		TypeInfo,
		Clone,
		PartialEq,
		Eq,
		Debug,
		Default,
	)]
	pub enum SweepState {
		/// Waiting for the next era.
		#[default]
		Idle,
		/// Going through the members.
		Running {
			/// The raw storage key of the last member reached.
			after: Option<BoundedVec<u8, ConstU32<MAX_MEMBER_KEY_LEN>>>,
		},
	}

	/// Where the sweep of members is.
	#[pallet::storage]
	pub type Sweep<T: Config> = StorageValue<_, SweepState, ValueQuery>;

	/// The era of the latest sweep started: the next starts once the current era is later.
	#[pallet::storage]
	pub type SweptEra<T: Config> = StorageValue<_, EraIndex, OptionQuery>;

	/// What the running sweep has done so far.
	#[pallet::storage]
	pub type Tally<T: Config> = StorageValue<_, SweepTally<BalanceOf<T>>, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A sweep of every pool member started, for `era`.
		SweepStarted { era: EraIndex },
		/// The sweep for `era` reached every member: it paid `paid` members and compounded for
		/// `compounded`, `rewards` in all, and applied `slashes` pending slashes.
		SweepCompleted {
			era: EraIndex,
			paid: u32,
			compounded: u32,
			rewards: BalanceOf<T>,
			slashes: u32,
		},
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Starts a sweep in a new era, and takes it as far as [`Config::BlockShare`] allows.
		fn on_initialize(_now: BlockNumberFor<T>) -> Weight {
			let mut meter = WeightMeter::with_limit(Self::block_limit());
			Self::sweep(&mut meter);
			meter.consumed()
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_now: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}

		fn integrity_test() {
			assert!(
				<T as Config>::WeightInfo::upkeep_member()
					.saturating_add(<T as Config>::WeightInfo::sweep_boundary())
					.all_lte(Self::block_limit()),
				"one member's step must fit in the block share, or a sweep never moves"
			);
		}
	}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Pools open at genesis: each created by its depositor with its bond, nominating
		/// the validators given, joined by the members with theirs.
		pub pools: alloc::vec::Vec<GenesisPool<T::AccountId, BalanceOf<T>>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for pool in &self.pools {
				// Proof: genesis is built off-chain, from a chain spec, before any block exists;
				// a spec whose pool cannot be opened must not start a chain, and no block
				// execution ever reaches this line; qed.
				if let Err(error) = Pallet::<T>::open_genesis_pool(pool) {
					panic!("genesis pool of {:?} is invalid: {error:?}", pool.depositor);
				}
			}
		}
	}
}

/// A pool open at genesis.
#[derive(
	Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize, scale_info::TypeInfo,
)]
#[serde(rename_all = "camelCase")]
pub struct GenesisPool<AccountId, Balance> {
	/// Creates the pool, and holds its roles.
	pub depositor: AccountId,
	/// What the depositor bonds.
	pub bond: Balance,
	/// The validators it nominates.
	pub nominations: alloc::vec::Vec<AccountId>,
	/// Members joining it, each with its amount.
	pub members: alloc::vec::Vec<(AccountId, Balance)>,
}
