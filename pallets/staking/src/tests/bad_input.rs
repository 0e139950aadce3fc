//! Calls with oversized or malformed arguments. A malformed call never decodes; an oversized
//! one is refused by its first check, or pays for its length, so it reads no more state than
//! the proof size its weight charges. Every test measures the storage proof the call needed.

use crate::{mock::*, weights::WeightInfo, Config, Error, ValidatorPrefs};
use codec::{Compact, Decode, Encode};
use frame_support::{
	assert_err,
	dispatch::{DispatchResultWithPostInfo, GetDispatchInfo},
	traits::{Get, UnfilteredDispatchable},
	weights::Weight,
};

/// The staking call `call` as the runtime encodes it.
fn encoded(call: crate::Call<Test>) -> Vec<u8> {
	RuntimeCall::Staking(call).encode()
}

/// Dispatches `call` from `origin` on `ext` and returns the outcome, the weight the call
/// charges before it runs and the size of the storage proof it needed. The state is committed
/// first, so every read reaches the proof. Checks that the proof is within the proof size the
/// weight charges, that a failed call changed nothing, and the pallet's invariants after it.
fn dispatch_with_proof(
	ext: &mut sp_io::TestExternalities,
	origin: RuntimeOrigin,
	call: crate::Call<Test>,
) -> (DispatchResultWithPostInfo, Weight, u64) {
	ext.commit_all().expect("the test state commits");
	let before = state_root(ext);
	let weight = call.get_dispatch_info().call_weight;
	let (outcome, proof) = ext.execute_and_prove(|| call.dispatch_bypass_filter(origin));
	if outcome.is_err() {
		assert_eq!(state_root(ext), before, "a failed call changed the state");
	}
	let proof = proof.encoded_size() as u64;
	assert!(proof <= weight.proof_size(), "proof {proof} > charged {}", weight.proof_size());
	ext.execute_with(|| Staking::do_try_state().expect("staking invariants hold"));
	(outcome, weight, proof)
}

/// The root of `ext`'s state, with the changes not yet committed.
fn state_root(ext: &mut sp_io::TestExternalities) -> Vec<u8> {
	ext.execute_with(|| sp_io::storage::root(sp_runtime::StateVersion::V1))
}

/// The proof of a call refused for its origin: the state any dispatch reads (the storage
/// layer's transaction level) and nothing of the pallet's.
fn proof_of_a_refused_origin() -> u64 {
	let (outcome, _, proof) = dispatch_with_proof(
		&mut dave_nominates_alice().build(),
		RuntimeOrigin::none(),
		crate::Call::chill {},
	);
	assert_err!(outcome, sp_runtime::DispatchError::BadOrigin);
	proof
}

/// Alice validates and Dave, bonded, nominates her.
fn dave_nominates_alice() -> ExtBuilder {
	ExtBuilder::default().validator(ALICE, 1_000).nominator(DAVE, 100, vec![ALICE])
}

#[test]
fn an_oversized_nomination_is_refused_before_it_looks_up_a_target() {
	let targets = vec![ALICE; 10_000];
	let (outcome, weight, proof) = dispatch_with_proof(
		&mut dave_nominates_alice().build(),
		RuntimeOrigin::signed(DAVE),
		crate::Call::nominate { targets },
	);

	assert_err!(outcome, Error::<Test>::TooManyTargets);
	// The call pays for every target it was sent, far above the most it accepts.
	let max = <Test as Config>::MaxNominations::get();
	assert_eq!(weight, <() as WeightInfo>::nominate(10_000));
	assert!(weight.all_gt(<() as WeightInfo>::nominate(max)));
	// Refused by its first check: it read nothing of the pallet's state.
	assert_eq!(proof, proof_of_a_refused_origin(), "an oversized nomination read state");
}

#[test]
fn a_long_kick_pays_for_every_account_it_names() {
	// Dave nominates Alice and the 999 other accounts do not exist; the call reads each of
	// them, within the per-account weight its length charges.
	let mut who = vec![DAVE];
	who.extend(1_000..1_999);
	let mut ext = dave_nominates_alice().build();
	let (outcome, weight, _) =
		dispatch_with_proof(&mut ext, RuntimeOrigin::signed(ALICE), crate::Call::kick { who });

	assert!(outcome.is_ok(), "{outcome:?}");
	ext.execute_with(|| {
		let targets = crate::Nominators::<Test>::get(DAVE).map(|n| n.targets.into_inner());
		assert_eq!(targets, Some(vec![]));
		System::assert_has_event(crate::Event::Kicked { nominator: DAVE, stash: ALICE }.into());
	});
	assert_eq!(weight, <() as WeightInfo>::kick(1_000));
}

#[test]
fn more_slash_indices_than_one_call_may_cancel_are_refused_at_once() {
	let slash_indices = (0..=MaxUnappliedSlashes::get()).collect();
	let (outcome, weight, proof) = dispatch_with_proof(
		&mut ExtBuilder::default().validator(ALICE, 1_000).build(),
		RuntimeOrigin::root(),
		crate::Call::cancel_deferred_slash { due_era: 3, slash_indices },
	);

	assert_err!(outcome, Error::<Test>::TooManySlashIndices);
	// Charged for the most indices a call may cancel, not for all it carries.
	assert_eq!(weight, <() as WeightInfo>::cancel_deferred_slash(MaxUnappliedSlashes::get()));
	assert_eq!(proof, proof_of_a_refused_origin(), "oversized slash indices read state");
}

#[test]
fn a_payout_of_a_page_far_beyond_the_exposure_is_refused_within_its_weight() {
	let mut ext = dave_nominates_alice().build();
	ext.execute_with(|| start_active_era(2));
	let (outcome, _, _) = dispatch_with_proof(
		&mut ext,
		RuntimeOrigin::signed(EVE),
		crate::Call::payout_stakers_by_page { validator_stash: ALICE, era: 1, page: u32::MAX },
	);

	assert_err!(outcome, Error::<Test>::InvalidPage);
}

#[test]
fn validator_preferences_with_a_flag_neither_true_nor_false_do_not_decode() {
	let valid = encoded(crate::Call::validate { prefs: ValidatorPrefs::default() });
	assert!(RuntimeCall::decode(&mut &valid[..]).is_ok());

	// `blocked` is the last byte.
	let mut bad_flag = valid;
	*bad_flag.last_mut().expect("the call has arguments") = 2;
	assert!(RuntimeCall::decode(&mut &bad_flag[..]).is_err());
}

#[test]
fn a_nomination_claiming_more_targets_than_it_carries_does_not_decode() {
	// The length prefix claims u32::MAX targets, then two follow.
	let mut call = encoded(crate::Call::nominate { targets: vec![] });
	call.truncate(call.len() - 1);
	Compact(u32::MAX).encode_to(&mut call);
	ALICE.encode_to(&mut call);
	BOB.encode_to(&mut call);
	assert!(RuntimeCall::decode(&mut &call[..]).is_err());
}

#[test]
fn unknown_call_indices_and_config_operations_do_not_decode() {
	let pallet_index = encoded(crate::Call::chill {})[0];
	assert!(RuntimeCall::decode(&mut &[pallet_index, 255][..]).is_err());

	// `set_staking_configs` with its first operation out of `Noop`, `Set` and `Remove`.
	let noops = encoded(crate::Call::set_staking_configs {
		min_nominator_bond: crate::ConfigOp::Noop,
		min_validator_bond: crate::ConfigOp::Noop,
		max_nominator_count: crate::ConfigOp::Noop,
		max_validator_count: crate::ConfigOp::Noop,
		chill_threshold: crate::ConfigOp::Noop,
		min_commission: crate::ConfigOp::Noop,
	});
	assert!(RuntimeCall::decode(&mut &noops[..]).is_ok());
	let mut unknown = noops;
	unknown[2] = 3;
	assert!(RuntimeCall::decode(&mut &unknown[..]).is_err());
}
