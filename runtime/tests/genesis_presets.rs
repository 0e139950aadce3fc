//! The runtime's genesis presets build a working state with the full runtime (not a mock).

mod common;

use common::genesis;
use frame_support::traits::{fungible::InspectHold, GetStorageVersion, IntegrityTest};
use palisade_runtime::{
	genesis_config_presets::{preset_names, STAGING_RUNTIME_PRESET},
	AllPalletsWithSystem, Balances, Runtime, RuntimeHoldReason, Session, Staking,
};
use serde_json::json;
use sp_keyring::Sr25519Keyring::{self, *};

/// In `preset`, `validators` are elected for era 0 and hold their bonds, each of `nominators`
/// backs every one of them, `validator_count` are to be elected per era, and Alice, Bob and
/// Charlie form the Council.
fn assert_stakers(
	preset: &str,
	validators: &[Sr25519Keyring],
	nominators: &[Sr25519Keyring],
	validator_count: u32,
) {
	genesis(preset, json!({})).execute_with(|| {
		let expected: Vec<_> = validators.iter().map(|k| k.to_account_id()).collect();
		let mut elected = Session::validators();
		elected.sort();
		let mut sorted = expected.clone();
		sorted.sort();
		assert_eq!(elected, sorted, "{preset}: session validators");
		let reason: RuntimeHoldReason = pallet_palisade_staking::HoldReason::Staking.into();
		for account in &expected {
			let ledger = pallet_palisade_staking::Ledger::<Runtime>::get(account)
				.unwrap_or_else(|| panic!("{preset}: {account} is bonded"));
			let held = Balances::balance_on_hold(&reason, account);
			assert!(
				ledger.active > 0 && held == ledger.total,
				"{preset}: {account} holds its bond"
			);
		}
		for nominator in nominators {
			let nominations =
				pallet_palisade_staking::Nominators::<Runtime>::get(nominator.to_account_id())
					.unwrap_or_else(|| panic!("{preset}: {nominator} nominates"));
			assert_eq!(nominations.targets.into_inner(), expected, "{preset}: nominations");
		}
		// The genesis election made them era 0's validators, with their exposures.
		assert_eq!(Staking::active_era(), Some(0), "{preset}: era 0 is active");
		for account in &expected {
			let exposure = Staking::exposure_overview(0, account)
				.unwrap_or_else(|| panic!("{preset}: {account} is exposed in era 0"));
			assert_eq!(
				exposure.nominator_count as usize,
				nominators.len(),
				"{preset}: the nominators back {account}"
			);
		}
		assert_eq!(
			pallet_palisade_staking::ValidatorCount::<Runtime>::get(),
			validator_count,
			"{preset}: validator count"
		);
		let mut council: Vec<_> = [Alice, Bob, Charlie].map(|k| k.to_account_id()).to_vec();
		council.sort();
		assert_eq!(
			pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get(),
			council,
			"{preset}: council"
		);
		common::assert_try_state();
	});
}

#[test]
fn development_preset_has_alice_validating_and_three_nominators() {
	assert_stakers(
		sp_genesis_builder::DEV_RUNTIME_PRESET,
		&[Alice],
		&[Bob, AliceStash, BobStash],
		10,
	);
}

#[test]
fn local_testnet_preset_has_alice_bob_and_charlie_validating_and_dave_nominating() {
	assert_stakers(
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
		&[Alice, Bob, Charlie],
		&[Dave],
		10,
	);
}

#[test]
fn staging_preset_has_four_validators_and_production_values() {
	assert_stakers(STAGING_RUNTIME_PRESET, &[Alice, Bob, Charlie, Dave], &[Eve, Ferdie], 100);
	genesis(STAGING_RUNTIME_PRESET, json!({})).execute_with(|| {
		assert_eq!(
			pallet_palisade_staking::MinValidatorBond::<Runtime>::get(),
			10_000 * palisade_runtime::UNITS
		);
	});
}

/// Sudo is a development tool: the presets that have it name Alice, `staging` names nobody.
#[cfg(feature = "sudo")]
#[test]
fn only_development_presets_have_a_sudo_key() {
	for (preset, key) in [
		(sp_genesis_builder::DEV_RUNTIME_PRESET, Some(Alice.to_account_id())),
		(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET, Some(Alice.to_account_id())),
		(STAGING_RUNTIME_PRESET, None),
	] {
		genesis(preset, json!({})).execute_with(|| {
			assert_eq!(pallet_sudo::Key::<Runtime>::get(), key, "{preset}: sudo key");
		});
	}
}

#[test]
fn every_named_preset_builds() {
	let names = preset_names();
	assert_eq!(names.len(), 4);
	for name in names {
		genesis(name.as_ref(), json!({})).execute_with(common::assert_try_state);
	}
}

#[test]
fn a_chain_from_a_preset_starts_at_the_current_storage_version() {
	genesis("development", json!({})).execute_with(|| {
		assert_eq!(Staking::on_chain_storage_version(), Staking::in_code_storage_version());
	});
}

/// The runtime's migrations, run as a runtime upgrade would run them on a chain at the
/// versions they migrate from, with their `try-runtime` checks before and after.
#[cfg(feature = "try-runtime")]
#[test]
fn the_runtime_migrations_pass_their_checks() {
	use frame_support::traits::{OnRuntimeUpgrade, StorageVersion};
	genesis("local_testnet", json!({})).execute_with(|| {
		StorageVersion::new(2).put::<Staking>();
		palisade_runtime::Migrations::try_on_runtime_upgrade(true).expect("checks pass");
		assert_eq!(Staking::on_chain_storage_version(), Staking::in_code_storage_version());
	});
}

#[test]
fn every_pallet_passes_its_integrity_test() {
	sp_io::TestExternalities::default().execute_with(AllPalletsWithSystem::integrity_test);
}
