//! Fees on the full runtime: what a transfer and a `bond` cost, how the congestion multiplier
//! rises under full blocks and falls back (never below 1), and where the fees go.

mod common;

use codec::Encode;
use common::{genesis, Chain};
use frame_support::{dispatch::DispatchClass, traits::fungible::Inspect};
use palisade_runtime::{
	configs::TreasuryAccount, AccountId, Balances, Runtime, RuntimeCall, RuntimeEvent,
	SignedPayload, System, TransactionPayment, TxExtension, UncheckedExtrinsic, CENTS, UNITS,
};
use pallet_palisade_staking::RewardDestination;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie};
use sp_runtime::{generic::Era, FixedU128, MultiAddress};

/// One PAL, in planck.
const PAL: u128 = UNITS;

/// `who`'s extensions for a transaction with nonce `nonce` and no tip, as wallets send them.
fn extensions(nonce: u32) -> TxExtension {
	(
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(Era::mortal(256, 0)),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_transaction_payment::ChargeTransactionPayment::from(0),
	)
}

/// `call` signed by `signer`, as a wallet would build it.
fn signed(signer: Sr25519Keyring, call: impl Into<RuntimeCall>) -> UncheckedExtrinsic {
	let call = call.into();
	let who = signer.to_account_id();
	let extensions = extensions(System::account_nonce(&who));
	let payload = SignedPayload::new(call.clone(), extensions.clone()).expect("payload builds");
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	UncheckedExtrinsic::new_signed(call, MultiAddress::Id(who), signature.into(), extensions)
}

/// What `xt` is charged, as `payment_queryInfo` answers.
fn fee(xt: &UncheckedExtrinsic) -> u128 {
	TransactionPayment::query_info(xt.clone(), xt.encoded_size() as u32).partial_fee
}

/// `xt`'s weight, as `payment_queryInfo` answers, and its encoded length.
fn weight_and_length(xt: &UncheckedExtrinsic) -> (u64, usize) {
	let info = TransactionPayment::query_info(xt.clone(), xt.encoded_size() as u32);
	(info.weight.ref_time(), xt.encoded_size())
}

fn transfer(to: &AccountId) -> RuntimeCall {
	pallet_balances::Call::<Runtime>::transfer_keep_alive {
		dest: MultiAddress::Id(to.clone()),
		value: PAL,
	}
	.into()
}

fn bond() -> RuntimeCall {
	pallet_palisade_staking::Call::<Runtime>::bond {
		value: 100 * PAL,
		payee: RewardDestination::Staked,
	}
	.into()
}

/// Fills the open block's normal-class weight to its limit, as a block full of transactions
/// would.
fn fill_block() {
	let weights = <Runtime as frame_system::Config>::BlockWeights::get();
	let normal = weights.get(DispatchClass::Normal).max_total.expect("normal has a limit");
	System::register_extra_weight_unchecked(normal, DispatchClass::Normal);
}

#[test]
fn a_transfer_and_a_bond_cost_about_a_hundredth_of_a_pal() {
	genesis(sp_genesis_builder::DEV_RUNTIME_PRESET, serde_json::json!({})).execute_with(|| {
		let _chain = Chain::start();
		let (transfer, bond) =
			(signed(Bob, transfer(&Charlie.to_account_id())), signed(Charlie, bond()));
		println!(
			"transfer_keep_alive: weight and length {:?}; bond: {:?}",
			weight_and_length(&transfer),
			weight_and_length(&bond)
		);
		let (transfer, bond) = (fee(&transfer), fee(&bond));
		println!("fees: transfer_keep_alive {transfer} planck, bond {bond} planck");
		for (call, fee) in [("transfer", transfer), ("bond", bond)] {
			assert!((CENTS / 2..=2 * CENTS).contains(&fee), "{call}: {fee} planck");
		}
		// The multiplier starts at 1: the calibrated fee.
		assert_eq!(TransactionPayment::next_fee_multiplier(), FixedU128::from_u32(1));
	});
}

#[test]
fn full_blocks_raise_the_fees_and_quiet_blocks_bring_them_back_never_below_the_calibration() {
	genesis(sp_genesis_builder::DEV_RUNTIME_PRESET, serde_json::json!({})).execute_with(|| {
		let mut chain = Chain::start();
		let xt = signed(Bob, transfer(&Charlie.to_account_id()));
		let calm = fee(&xt);

		let mut multiplier = TransactionPayment::next_fee_multiplier();
		for _ in 0..100 {
			fill_block();
			chain.next_block();
			let next = TransactionPayment::next_fee_multiplier();
			assert!(next > multiplier, "each full block raises the multiplier");
			multiplier = next;
		}
		let busy = fee(&xt);
		println!("after 100 full blocks: multiplier {multiplier:?}, transfer {calm} -> {busy}");
		assert!(busy > calm);

		for _ in 0..200 {
			chain.next_block();
		}
		let after = TransactionPayment::next_fee_multiplier();
		assert!(after < multiplier, "quiet blocks lower it");
		assert!(after >= FixedU128::from_u32(1), "never below 1");
		for _ in 0..2_000 {
			chain.next_block();
		}
		assert_eq!(TransactionPayment::next_fee_multiplier(), FixedU128::from_u32(1));
		assert_eq!(fee(&xt), calm);
		common::assert_try_state();
	});
}

/// The fee `who` paid in the open block, from its `TransactionFeePaid` event.
fn fee_paid(who: &AccountId) -> u128 {
	common::events()
		.into_iter()
		.find_map(|event| match event {
			RuntimeEvent::TransactionPayment(
				pallet_transaction_payment::Event::TransactionFeePaid {
					who: payer,
					actual_fee,
					..
				},
			) if payer == *who => Some(actual_fee),
			_ => None,
		})
		.expect("a fee was paid")
}

#[test]
fn fees_go_four_fifths_to_the_treasury_and_a_fifth_to_the_author() {
	genesis(sp_genesis_builder::DEV_RUNTIME_PRESET, serde_json::json!({})).execute_with(|| {
		let _chain = Chain::start();
		let author = pallet_authorship::Pallet::<Runtime>::author().expect("BABE names the author");
		assert_eq!(author, Alice.to_account_id());
		let (bob, charlie) = (Bob.to_account_id(), Charlie.to_account_id());
		let treasury = TreasuryAccount::get();
		let balance = |who: &AccountId| Balances::total_balance(who);
		let before = (balance(&bob), balance(&author), balance(&treasury));

		palisade_runtime::Executive::apply_extrinsic(signed(Bob, transfer(&charlie)))
			.expect("valid")
			.expect("dispatched");
		let paid = fee_paid(&bob);
		assert!(paid > 0);
		assert_eq!(balance(&bob), before.0 - PAL - paid);
		let (to_treasury, to_author) = (balance(&treasury) - before.2, balance(&author) - before.1);
		assert_eq!(to_treasury + to_author, paid, "nothing is burned");
		assert_eq!(to_author, paid - paid * 80 / 100);
		println!("fee {paid}: treasury {to_treasury}, author {to_author}");
	});
}

// An author that fills its own block with its own transactions pays their fees and gets a
// fifth back: stuffing blocks to raise everyone's fees costs it four fifths of what it pays.
#[test]
fn an_author_stuffing_its_own_block_loses_four_fifths_of_the_fees() {
	genesis(sp_genesis_builder::DEV_RUNTIME_PRESET, serde_json::json!({})).execute_with(|| {
		let _chain = Chain::start();
		let alice = Alice.to_account_id();
		assert_eq!(pallet_authorship::Pallet::<Runtime>::author(), Some(alice.clone()));
		let charlie = Charlie.to_account_id();
		let before = Balances::total_balance(&alice);
		let (mut paid, mut returned) = (0, 0);
		for _ in 0..10 {
			palisade_runtime::Executive::apply_extrinsic(signed(Alice, transfer(&charlie)))
				.expect("valid")
				.expect("dispatched");
			let fee = fee_paid(&alice);
			paid += fee;
			returned += fee - fee * 80 / 100;
			System::reset_events();
		}
		let lost = before - Balances::total_balance(&alice) - 10 * PAL;
		assert_eq!(lost, paid - returned);
		// Four fifths of each fee, but for the author's rounding (at most a planck a fee).
		assert!(lost * 5 + 5 * 10 >= paid * 4, "lost {lost} of the {paid} paid");
	});
}
