//! The session roots `pallet_session::historical` keeps for offence proofs: only sessions of
//! the eras still bonded are needed, so older roots are pruned as eras leave `BondedEras`.

use core::marker::PhantomData;
use sp_staking::SessionIndex;

/// The historical session roots the runtime keeps.
pub trait SessionHistory {
	/// Forgets the roots of sessions before `first_kept`.
	fn prune_up_to(first_kept: SessionIndex);
}

/// A runtime without historical sessions keeps nothing to prune.
impl SessionHistory for () {
	fn prune_up_to(_first_kept: SessionIndex) {}
}

/// `pallet_session::historical` of runtime `T`.
pub struct HistoricalSessions<T>(PhantomData<T>);

impl<T: pallet_session::historical::Config> SessionHistory for HistoricalSessions<T> {
	fn prune_up_to(first_kept: SessionIndex) {
		pallet_session::historical::Pallet::<T>::prune_up_to(first_kept);
	}
}
