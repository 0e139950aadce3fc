//! Era rewards on the full runtime: the automatic payout bonds each staker's reward without
//! moving its voter-list node, and `pallet-bags-list`'s automatic rebag (in `on_idle`) brings
//! every score up to the new active bond within a couple of blocks.

mod common;

use common::{assert_try_state, events, genesis, Chain};
use frame_election_provider_support::SortedListProvider;
use palisade_runtime::{AccountId, Balance, Runtime, RuntimeEvent};
use pallet_palisade_staking::{Event, Ledger, RewardDestination};
use serde_json::json;
use std::collections::BTreeMap;

type VoterList = <Runtime as pallet_palisade_staking::Config>::VoterList;

/// What each staker was paid into its bond in the open block.
fn bonded_rewards() -> BTreeMap<AccountId, Balance> {
	let mut paid = BTreeMap::new();
	for event in events() {
		if let RuntimeEvent::Staking(Event::Rewarded {
			stash,
			dest: RewardDestination::Staked,
			amount,
		}) = event
		{
			*paid.entry(stash).or_default() += amount;
		}
	}
	paid
}

fn active_bond(who: &AccountId) -> Balance {
	Ledger::<Runtime>::get(who).expect("bonded").active
}

#[test]
fn bonded_rewards_reach_the_voter_list_through_its_automatic_rebag() {
	let mut ext = genesis(sp_genesis_builder::DEV_RUNTIME_PRESET, json!({}));
	ext.execute_with(|| {
		let mut chain = Chain::start();
		chain.run_until("era 0's automatic payout", 200, || !bonded_rewards().is_empty());

		// The payout ran in this block's `on_initialize`: rewards are bonded, the list has not
		// moved yet.
		let paid = bonded_rewards();
		for (who, amount) in &paid {
			assert!(*amount > 0);
			let score = VoterList::get_score(who).expect("a voter");
			assert_eq!(score + amount, active_bond(who), "{who}'s score is left behind");
		}

		// `on_idle` rebags 10 voters a block, with the weight a block leaves: the first block
		// that leaves some (a session's first block registers the whole block, as
		// `pallet-session` charges its rotation) brings every score up.
		let caught_up = || paid.keys().all(|who| VoterList::get_score(who) == Ok(active_bond(who)));
		assert!(!caught_up());
		chain.run_until("the scores caught up", 3, caught_up);
		assert_try_state();
	});
}
