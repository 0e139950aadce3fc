//! The admin's tools: changing staking parameters one `ConfigOp` at a time.

use crate::ConfigOp;
use codec::{Codec, FullCodec};
use frame_support::storage::StorageValue;

impl<V: Default + Codec + FullCodec> ConfigOp<V> {
	/// Applies the operation to the storage value `S`: set it, remove it, or leave it.
	pub(crate) fn apply<S: StorageValue<V>>(self) {
		match self {
			ConfigOp::Noop => {},
			ConfigOp::Set(value) => S::put(value),
			ConfigOp::Remove => S::kill(),
		}
	}
}
