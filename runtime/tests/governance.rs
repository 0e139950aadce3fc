//! Governance on the full runtime: referenda voted with bonded stake hold the staking powers,
//! the Council cancels deferred slashes, and bonded funds stay put.

mod common;

use common::{dispatch, events, genesis, Chain};
use frame_support::{
	dispatch::{GetDispatchInfo, RawOrigin},
	traits::{fungible::InspectHold, schedule::DispatchTime, StorePreimage},
};
use palisade_runtime::{
	governance::{
		origins::Origin,
		tracks::{TracksInfo, STAKING_ADMIN},
	},
	AccountId, Balances, OriginCaller, Preimage, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeHoldReason, Session, Staking, EXISTENTIAL_DEPOSIT, UNITS,
};
use pallet_conviction_voting::{AccountVote, Conviction, Vote};
use pallet_palisade_staking::{RewardDestination, UnappliedSlashes, ValidatorCount};
use pallet_referenda::{ReferendumInfo, ReferendumInfoFor, TracksInfo as _};
use serde_json::json;
use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::{
	traits::{BlakeTwo256, Hash},
	DispatchError, Perbill, TokenError,
};

type StakingCall = pallet_palisade_staking::Call<Runtime>;
type CouncilCall = pallet_collective::Call<Runtime, pallet_collective::Instance1>;

fn signed(who: &AccountId) -> RawOrigin<AccountId> {
	RawOrigin::Signed(who.clone())
}

fn staking_hold(who: &AccountId) -> u128 {
	let reason: RuntimeHoldReason = pallet_palisade_staking::HoldReason::Staking.into();
	Balances::balance_on_hold(&reason, who)
}

#[test]
fn a_staking_admin_referendum_voted_with_bonded_stake_raises_the_validator_count() {
	// Alice, Bob and Charlie are candidates; only two are elected until governance says more.
	let mut ext = genesis(
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
		json!({ "staking": { "validatorCount": 2 } }),
	);
	ext.execute_with(|| {
		let mut chain = Chain::start();
		assert_eq!(Session::validators().len(), 2);
		let [alice, bob, charlie, dave, eve] =
			[Alice, Bob, Charlie, Dave, Eve].map(|k| k.to_account_id());

		// Dave (a nominator) and Eve bond almost everything they have.
		let vote_balance = 999_000 * UNITS;
		dispatch(signed(&dave), StakingCall::bond_extra { max_additional: 989_000 * UNITS })
			.unwrap();
		dispatch(
			signed(&eve),
			StakingCall::bond { value: vote_balance, payee: RewardDestination::Staked },
		)
		.unwrap();
		dispatch(
			signed(&eve),
			StakingCall::nominate {
				targets: vec![alice.clone().into(), bob.clone().into(), charlie.clone().into()],
			},
		)
		.unwrap();

		// Alice proposes, on the StakingAdmin track, to elect three validators.
		let proposal = RuntimeCall::Staking(StakingCall::set_validator_count { new: 3 });
		dispatch(
			signed(&alice),
			pallet_referenda::Call::<Runtime>::submit {
				proposal_origin: Box::new(OriginCaller::Origins(Origin::StakingAdmin)),
				proposal: Preimage::bound(proposal).unwrap(),
				enactment_moment: DispatchTime::After(1),
			},
		)
		.unwrap();
		let index = pallet_referenda::ReferendumCount::<Runtime>::get() - 1;
		let Some(ReferendumInfo::Ongoing(status)) = ReferendumInfoFor::<Runtime>::get(index) else {
			panic!("the referendum is ongoing");
		};
		assert_eq!(status.track, STAKING_ADMIN);
		dispatch(
			signed(&alice),
			pallet_referenda::Call::<Runtime>::place_decision_deposit { index },
		)
		.unwrap();

		// Each votes with more than its free balance: the bonded funds vote.
		for voter in [&dave, &eve] {
			assert!(Balances::free_balance(voter) < vote_balance);
			assert!(staking_hold(voter) >= vote_balance);
			dispatch(
				signed(voter),
				pallet_conviction_voting::Call::<Runtime>::vote {
					poll_index: index,
					vote: AccountVote::Standard {
						vote: Vote { aye: true, conviction: Conviction::Locked1x },
						balance: vote_balance,
					},
				},
			)
			.unwrap();
		}
		// Bob votes against with his free funds: ayes still win.
		dispatch(
			signed(&bob),
			pallet_conviction_voting::Call::<Runtime>::vote {
				poll_index: index,
				vote: AccountVote::Standard {
					vote: Vote { aye: false, conviction: Conviction::None },
					balance: 100_000 * UNITS,
				},
			},
		)
		.unwrap();
		common::assert_try_state();

		// The referendum passes and its call is dispatched with the StakingAdmin origin.
		let track = TracksInfo::info(STAKING_ADMIN).unwrap();
		let limit = track.prepare_period
			+ track.decision_period
			+ track.confirm_period
			+ track.min_enactment_period
			+ 10;
		chain.run_until("the referendum's enactment", limit, || {
			ValidatorCount::<Runtime>::get() == 3
		});
		// Not before the track's preparation, confirmation and enactment periods have passed.
		let submitted_at = 1;
		assert!(
			palisade_runtime::System::block_number()
				>= submitted_at
					+ track.prepare_period
					+ track.confirm_period
					+ track.min_enactment_period
		);
		assert!(matches!(
			ReferendumInfoFor::<Runtime>::get(index),
			Some(ReferendumInfo::Approved(..))
		));
		// The votes lock the bonded funds for governance as well; the stake stays held.
		for voter in [&dave, &eve] {
			let locked: u128 = Balances::locks(voter).iter().map(|lock| lock.amount).sum();
			assert_eq!(locked, vote_balance);
			assert!(staking_hold(voter) >= vote_balance);
		}

		// A following era elects all three.
		let era_blocks = palisade_runtime::configs::SessionsPerEra::get()
			* palisade_runtime::EPOCH_DURATION_IN_SLOTS;
		chain.run_until("three validators in the session", 3 * era_blocks, || {
			Session::validators().len() == 3
		});
		let era = Staking::active_era().unwrap();
		for validator in [&alice, &bob, &charlie] {
			assert!(Staking::exposure_overview(era, validator).is_some(), "{validator} elected");
		}
		common::assert_try_state();
	});
}

#[test]
fn a_council_majority_cancels_a_deferred_slash_and_one_member_cannot() {
	let mut ext = genesis(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET, json!({}));
	ext.execute_with(|| {
		let mut chain = Chain::start();
		let [alice, bob, charlie, dave] = [Alice, Bob, Charlie, Dave].map(|k| k.to_account_id());
		let bonds_before = [&charlie, &dave].map(staking_hold);

		// Governance slashes Charlie by a tenth for era 0; the slash is worked out and waits.
		dispatch(
			RawOrigin::Root,
			StakingCall::manual_slash {
				validator_stash: charlie.clone(),
				offence_era: 0,
				slash_fraction: Perbill::from_percent(10),
			},
		)
		.unwrap();
		let due = palisade_runtime::configs::SlashDeferDuration::get();
		chain.run_until("the slash to be worked out", 20, || {
			UnappliedSlashes::<Runtime>::get(due).len() == 1
		});

		let cancel = RuntimeCall::Staking(StakingCall::cancel_deferred_slash {
			due_era: due,
			slash_indices: vec![0],
		});
		let length_bound = codec::Encode::encoded_size(&cancel) as u32;

		// One member alone is not a majority.
		dispatch(
			signed(&alice),
			CouncilCall::propose { threshold: 1, proposal: Box::new(cancel.clone()), length_bound },
		)
		.unwrap();
		assert!(events().contains(&RuntimeEvent::Council(pallet_collective::Event::Executed {
			proposal_hash: BlakeTwo256::hash_of(&cancel),
			result: Err(DispatchError::BadOrigin),
		})));
		assert_eq!(UnappliedSlashes::<Runtime>::get(due).len(), 1);

		// Two of three members vote for it; anyone closes the motion.
		dispatch(
			signed(&alice),
			CouncilCall::propose { threshold: 2, proposal: Box::new(cancel.clone()), length_bound },
		)
		.unwrap();
		let proposal_hash = BlakeTwo256::hash_of(&cancel);
		let index =
			pallet_collective::ProposalCount::<Runtime, pallet_collective::Instance1>::get() - 1;
		for member in [&alice, &bob] {
			dispatch(
				signed(member),
				CouncilCall::vote { proposal: proposal_hash, index, approve: true },
			)
			.unwrap();
		}
		dispatch(
			signed(&dave),
			CouncilCall::close {
				proposal_hash,
				index,
				proposal_weight_bound: cancel.get_dispatch_info().call_weight,
				length_bound,
			},
		)
		.unwrap();
		// The event names the offence's era.
		let cancelled = RuntimeEvent::Staking(pallet_palisade_staking::Event::SlashCancelled {
			offence_era: 0,
			validator: charlie.clone(),
		});
		assert!(events().contains(&cancelled), "{:?}", events());
		assert!(UnappliedSlashes::<Runtime>::get(due).is_empty());

		// The due era comes, and its slashes would be applied in its first blocks: Charlie and
		// Dave, his nominator, keep their bonds (a tenth of Charlie's would be 10,000 PAL; an
		// era's rewards add a few PAL at most).
		let era_blocks = palisade_runtime::configs::SessionsPerEra::get()
			* palisade_runtime::EPOCH_DURATION_IN_SLOTS;
		chain.run_until("the due era", (due + 2) * era_blocks, || {
			Staking::active_era().is_some_and(|era| era >= due)
		});
		for _ in 0..5 {
			chain.next_block();
		}
		for (staker, before) in [&charlie, &dave].into_iter().zip(bonds_before) {
			assert!(staking_hold(staker) >= before, "{staker} was not slashed");
		}
		common::assert_try_state();
	});
}

#[test]
fn bonded_funds_cannot_be_transferred() {
	let mut ext = genesis(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET, json!({}));
	ext.execute_with(|| {
		let _chain = Chain::start();
		let [dave, ferdie] = [Dave, Ferdie].map(|k| k.to_account_id());
		let bonded = staking_hold(&dave);
		let free = Balances::free_balance(&dave);
		assert!(bonded > 0);

		// Everything Dave holds, or just one unit more than his free balance, cannot move.
		for value in [free + bonded, free + 1] {
			assert_eq!(
				dispatch(
					signed(&dave),
					pallet_balances::Call::<Runtime>::transfer_allow_death {
						dest: ferdie.clone().into(),
						value,
					}
				)
				.map_err(|e| e.error),
				Err(DispatchError::Token(TokenError::FundsUnavailable))
			);
		}
		// His free funds move (all but the existential deposit, which an account with a hold
		// keeps); the bond stays held.
		dispatch(
			signed(&dave),
			pallet_balances::Call::<Runtime>::transfer_allow_death {
				dest: ferdie.clone().into(),
				value: free - EXISTENTIAL_DEPOSIT,
			},
		)
		.unwrap();
		assert_eq!(staking_hold(&dave), bonded);
		common::assert_try_state();
	});
}

#[test]
fn a_staking_proxy_stakes_for_its_account_but_cannot_transfer() {
	let mut ext = genesis(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET, json!({}));
	ext.execute_with(|| {
		let _chain = Chain::start();
		let [alice, eve, ferdie] = [Alice, Eve, Ferdie].map(|k| k.to_account_id());
		// Ferdie's key stays cold; Eve stakes for him.
		dispatch(
			signed(&ferdie),
			pallet_proxy::Call::<Runtime>::add_proxy {
				delegate: eve.clone().into(),
				proxy_type: palisade_runtime::configs::ProxyType::Staking,
				delay: 0,
			},
		)
		.unwrap();
		let as_ferdie = |call: RuntimeCall| {
			dispatch(
				signed(&eve),
				pallet_proxy::Call::<Runtime>::proxy {
					real: ferdie.clone().into(),
					force_proxy_type: None,
					call: Box::new(call),
				},
			)
			.unwrap();
			events().into_iter().rev().find_map(|event| match event {
				RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted { result }) => Some(result),
				_ => None,
			})
		};

		let bond = RuntimeCall::Staking(StakingCall::bond {
			value: 1_000 * UNITS,
			payee: RewardDestination::Staked,
		});
		assert_eq!(as_ferdie(bond), Some(Ok(())));
		assert_eq!(staking_hold(&ferdie), 1_000 * UNITS);

		let transfer = RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death {
			dest: alice.into(),
			value: UNITS,
		});
		let free = Balances::free_balance(&ferdie);
		assert_eq!(
			as_ferdie(transfer),
			Some(Err(frame_system::Error::<Runtime>::CallFiltered.into()))
		);
		assert_eq!(Balances::free_balance(&ferdie), free);
		common::assert_try_state();
	});
}
