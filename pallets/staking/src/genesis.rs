//! Nominators generated at genesis, for benchmarks and load tests: a chain spec asks for a
//! number of them instead of listing each (a list of a hundred thousand nominators does not
//! fit in the memory a runtime builds its genesis in).

use crate::{BalanceOf, Config, Pallet, RewardDestination, Validators};
use alloc::vec::Vec;
use codec::{Decode, Encode};
use frame_support::traits::{fungible::Mutate, Get};
use sp_runtime::traits::{BlakeTwo256, Hash, Saturating, TrailingZeroInput};

impl<T: Config> Pallet<T> {
	/// Creates `count` nominators at genesis. Each is the account [`generated_nominator`] of
	/// its index, funded with twice `bond`, bonds `bond` and nominates
	/// [`MaxNominations`](crate::Config::MaxNominations) of the `among` genesis validators with
	/// the most stake of their own (as an election ranks its candidates; all of them if there
	/// are fewer), consecutive ones from a start that moves with the index, so that their
	/// backing spreads over every one of them.
	///
	/// Genesis only: a request that cannot be met (no validators, a bond below the minimum)
	/// stops the chain from being built.
	pub(crate) fn generate_genesis_nominators(count: u32, bond: BalanceOf<T>, among: u32) {
		let mut ranked: Vec<(BalanceOf<T>, T::AccountId)> = Validators::<T>::iter_keys()
			.map(|validator| (Self::active_bond(&validator), validator))
			.collect();
		ranked.sort_unstable_by(|(stake, who), (other_stake, other)| {
			other_stake.cmp(stake).then_with(|| who.cmp(other))
		});
		let validators: Vec<T::AccountId> = ranked
			.into_iter()
			.take(among as usize)
			.map(|(_, validator)| validator)
			.collect();
		assert!(!validators.is_empty(), "generated nominators need genesis validators");
		let votes = validators.len().min(T::MaxNominations::get() as usize);
		for index in 0..count {
			let who = generated_nominator::<T>(index);
			let start = (index as usize).wrapping_mul(7).checked_rem(validators.len());
			let targets: Vec<T::AccountId> = validators
				.iter()
				.cycle()
				.skip(start.unwrap_or_default())
				.take(votes)
				.cloned()
				.collect();
			let result = T::Currency::mint_into(&who, bond.saturating_add(bond))
				.and_then(|_| Self::do_bond(who.clone(), bond, RewardDestination::Staked))
				.and_then(|()| Self::do_nominate(who.clone(), targets));
			// Proof: genesis is built off-chain from a chain spec; refusing an invalid one is
			// the only safe outcome, and no block execution ever reaches this line; qed.
			if let Err(error) = result {
				panic!("generated genesis nominator {index} is invalid: {error:?}");
			}
		}
	}
}

/// The account of the generated genesis nominator `index`: the BLAKE2 hash of
/// `("nominator", index)`, decoded as an account id.
pub fn generated_nominator<T: Config>(index: u32) -> T::AccountId {
	let seed = BlakeTwo256::hash(&(b"nominator", index).encode());
	// Any input decodes: the trailing-zero input extends the seed with zeros as needed; qed.
	T::AccountId::decode(&mut TrailingZeroInput::new(seed.as_ref()))
		.unwrap_or_else(|_| panic!("an account id decodes from any bytes"))
}
