//! The custom origins that referenda dispatch with: each is a power that a track of its own
//! grants, so a referendum does not need Root to act for one part of the chain.

pub use pallet_custom_origins::*;

// The pallet macro's expansion uses `expect` on values it has just built.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet_custom_origins {
	use frame_support::pallet_prelude::*;

	#[pallet::config]
	pub trait Config: frame_system::Config {}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	/// A power granted by a passed referendum on the track of the same name.
	#[derive(
		PartialEq, Eq, Clone, MaxEncodedLen, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug,
	)]
	#[pallet::origin]
	pub enum Origin {
		/// Staking's admin powers: its parameters, the validator count, forced eras, manual
		/// slashes and cancelling deferred slashes.
		StakingAdmin,
		/// Spending from the treasury, up to `TreasurerSpendLimit` per spend.
		Treasurer,
	}

	/// An `EnsureOrigin` that accepts exactly the custom origin of the same name.
	macro_rules! ensure_custom_origin {
		($name:ident) => {
			#[doc = concat!("Accepts only the `", stringify!($name), "` origin.")]
			pub struct $name;
			impl<O: OriginTrait + From<Origin>> EnsureOrigin<O> for $name
			where
				for<'a> &'a O::PalletsOrigin: TryInto<&'a Origin>,
			{
				type Success = ();
				fn try_origin(o: O) -> Result<Self::Success, O> {
					if matches!(o.caller().try_into(), Ok(Origin::$name)) {
						Ok(())
					} else {
						Err(o)
					}
				}
				#[cfg(feature = "runtime-benchmarks")]
				fn try_successful_origin() -> Result<O, ()> {
					Ok(O::from(Origin::$name))
				}
			}
		};
	}

	ensure_custom_origin!(StakingAdmin);
	ensure_custom_origin!(Treasurer);
}
