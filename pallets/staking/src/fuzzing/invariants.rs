//! What must hold after every step of a sequence.

use super::chain::Chain;
use crate::mock::*;

/// The pallet's own invariants, those of the pools and delegated staking built on it,
/// `pallet-balances`' accounting, and the total issuance moved by nothing but the pallet's
/// mints and the dust of reaped accounts.
pub(super) fn check(chain: &Chain) -> Result<(), String> {
	Staking::do_try_state()
		.map_err(|error| format!("staking invariant broken: {error:?}\n{}", stakers()))?;
	check_pools().map_err(|error| format!("pool invariant broken: {error}\n{}", stakers()))?;
	balances_add_up()?;
	issuance_moved_by_mints_alone(chain)
}

/// Total issuance is the sum of every account's balance; each account's holds are exactly
/// what it has reserved; no account lives below the existential deposit.
fn balances_add_up() -> Result<(), String> {
	let mut sum: Balance = 0;
	for (who, account) in frame_system::Account::<Test>::iter() {
		let total = account.data.free.saturating_add(account.data.reserved);
		sum = sum.saturating_add(total);
		if total > 0 && total < ED {
			return Err(format!("account {who} lives with {total}, below the existential deposit"));
		}
		let held: Balance = pallet_balances::Holds::<Test>::get(who)
			.iter()
			.map(|hold| hold.amount)
			.fold(0, Balance::saturating_add);
		if held != account.data.reserved {
			return Err(format!(
				"account {who} holds {held} but has {} reserved",
				account.data.reserved
			));
		}
	}
	let issuance = Balances::total_issuance();
	if sum != issuance {
		return Err(format!("total issuance is {issuance} but the accounts hold {sum}"));
	}
	Ok(())
}

/// The step changed the total issuance by what the pallet minted (rewards, era remainders)
/// less the dust of reaped accounts. Slashes go to the treasury and reporters: they move
/// funds, they do not destroy them.
fn issuance_moved_by_mints_alone(chain: &Chain) -> Result<(), String> {
	let expected = chain.issuance_before.saturating_add(chain.minted).saturating_sub(chain.lost);
	let issuance = Balances::total_issuance();
	if issuance != expected {
		return Err(format!(
			"total issuance went from {} to {issuance}, but {} was minted and {} lost",
			chain.issuance_before, chain.minted, chain.lost
		));
	}
	Ok(())
}

/// Every staker's ledger, intent and voter-list score, to go with a broken invariant.
fn stakers() -> String {
	use frame_election_provider_support::SortedListProvider;
	let mut lines =
		vec!["stakers (stash: total / active, unlocking; intent; voter-list score):".to_owned()];
	for (stash, ledger) in crate::Ledger::<Test>::iter() {
		let intent = if crate::Validators::<Test>::contains_key(stash) {
			"validates".to_owned()
		} else if let Some(nominations) = crate::Nominators::<Test>::get(stash) {
			format!("nominates {:?}", nominations.targets.into_inner())
		} else {
			"idle".to_owned()
		};
		let unlocking: Vec<_> = ledger.unlocking.iter().map(|c| (c.value, c.era)).collect();
		lines.push(format!(
			"  {stash}: {} / {}, {unlocking:?}; {intent}; {:?}",
			ledger.total,
			ledger.active,
			VoterBagsList::get_score(&stash).ok()
		));
	}
	let listed: Vec<_> = VoterBagsList::iter().collect();
	lines.push(format!("voter list: {listed:?}"));
	lines.push("eras (era: reward, paid, backings owed, unpaid):".to_owned());
	for (era, reward) in crate::ErasValidatorReward::<Test>::iter() {
		lines.push(format!(
			"  {era}: {reward}, {}, {}, {}",
			crate::ErasRewardPaid::<Test>::get(era),
			Staking::owed_backings(era).len(),
			Staking::is_unpaid(era)
		));
	}
	lines.join("\n")
}
