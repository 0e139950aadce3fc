//! What the pallet needs of the session pallet beyond being its session manager: pruning the
//! historical session roots that offence proofs check, and disabling an offender.

use core::marker::PhantomData;
use sp_runtime::Perbill;
use sp_staking::{offence::OffenceSeverity, SessionIndex};

/// The runtime's session pallet, as the staking pallet uses it.
pub trait SessionInterface<AccountId> {
	/// Forgets the historical roots of sessions before `first_kept`: offences are only
	/// reported for the eras still bonded.
	fn prune_historical_up_to(first_kept: SessionIndex);

	/// Asks the session's disabling strategy to disable `validator` for the rest of the era,
	/// for an offence of `severity`. Returns whether the validator is disabled now.
	fn disable(validator: &AccountId, severity: Perbill) -> bool;
}

/// A runtime without a session pallet keeps no roots and disables nobody.
impl<AccountId> SessionInterface<AccountId> for () {
	fn prune_historical_up_to(_first_kept: SessionIndex) {}

	fn disable(_validator: &AccountId, _severity: Perbill) -> bool {
		false
	}
}

/// `pallet_session` of runtime `T`, with its historical part.
pub struct Session<T>(PhantomData<T>);

impl<T> SessionInterface<<T as frame_system::Config>::AccountId> for Session<T>
where
	T: pallet_session::historical::Config
		+ pallet_session::Config<ValidatorId = <T as frame_system::Config>::AccountId>,
{
	fn prune_historical_up_to(first_kept: SessionIndex) {
		pallet_session::historical::Pallet::<T>::prune_up_to(first_kept);
	}

	fn disable(validator: &T::ValidatorId, severity: Perbill) -> bool {
		pallet_session::Pallet::<T>::report_offence(validator.clone(), OffenceSeverity(severity));
		let Some(index) =
			pallet_session::Validators::<T>::get().iter().position(|v| v == validator)
		else {
			return false;
		};
		u32::try_from(index)
			.is_ok_and(|index| pallet_session::Pallet::<T>::disabled_validators().contains(&index))
	}
}
