//! The runtime's genesis presets build a working state with the full runtime (not a mock).

use frame_support::traits::{fungible::InspectHold, IntegrityTest};
use palisade_runtime::{
	genesis_config_presets::{get_preset, preset_names},
	AllPalletsWithSystem, Balances, Runtime, RuntimeGenesisConfig, RuntimeHoldReason, Session,
	Staking,
};
use serde_json::Value;
use sp_genesis_builder::PresetId;
use sp_keyring::Sr25519Keyring;

/// Applies the JSON `patch` onto `base`, as the node does with a preset.
fn merge(base: &mut Value, patch: Value) {
	match (base, patch) {
		(Value::Object(base), Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// Builds the genesis state of `preset` and runs `check` in it.
fn with_preset(preset: &str, check: impl FnOnce()) {
	let patch = get_preset(&PresetId::from(preset)).expect("preset exists");
	let patch: Value = serde_json::from_slice(&patch).expect("preset is JSON");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serialises");
	merge(&mut config, patch);
	let json = serde_json::to_vec(&config).expect("serialises");

	let mut ext = sp_io::TestExternalities::default();
	ext.execute_with(|| {
		frame_support::genesis_builder_helper::build_state::<RuntimeGenesisConfig>(json)
			.expect("genesis builds");
		check();
	});
}

fn assert_stakers(preset: &str, validators: &[Sr25519Keyring], nominator: Sr25519Keyring) {
	with_preset(preset, || {
		let expected: Vec<_> = validators.iter().map(|k| k.to_account_id()).collect();
		let mut elected = Session::validators();
		elected.sort();
		let mut sorted = expected.clone();
		sorted.sort();
		assert_eq!(elected, sorted, "{preset}: session validators");
		for account in &expected {
			let ledger = pallet_palisade_staking::Ledger::<Runtime>::get(account)
				.unwrap_or_else(|| panic!("{preset}: {account} is bonded"));
			let reason: RuntimeHoldReason = pallet_palisade_staking::HoldReason::Staking.into();
			let held = Balances::balance_on_hold(&reason, account);
			assert!(
				ledger.active > 0 && held == ledger.total,
				"{preset}: {account} holds its bond"
			);
		}
		let nominations =
			pallet_palisade_staking::Nominators::<Runtime>::get(nominator.to_account_id())
				.unwrap_or_else(|| panic!("{preset}: {nominator} nominates"));
		assert_eq!(nominations.targets.into_inner(), expected, "{preset}: nominations");
		// The genesis election made them era 0's validators, with their exposures.
		assert_eq!(Staking::active_era(), Some(0), "{preset}: era 0 is active");
		for account in &expected {
			let exposure = Staking::exposure_overview(0, account)
				.unwrap_or_else(|| panic!("{preset}: {account} is exposed in era 0"));
			assert_eq!(exposure.nominator_count, 1, "{preset}: the nominator backs {account}");
		}
		assert_eq!(
			pallet_palisade_staking::ValidatorCount::<Runtime>::get(),
			10,
			"{preset}: validator count"
		);
		Staking::do_try_state().expect("staking invariants hold at genesis");
	});
}

#[test]
fn development_preset_has_alice_validating_and_bob_nominating() {
	assert_stakers(
		sp_genesis_builder::DEV_RUNTIME_PRESET,
		&[Sr25519Keyring::Alice],
		Sr25519Keyring::Bob,
	);
}

#[test]
fn local_testnet_preset_has_alice_and_bob_validating_and_dave_nominating() {
	assert_stakers(
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
		&[Sr25519Keyring::Alice, Sr25519Keyring::Bob],
		Sr25519Keyring::Dave,
	);
}

#[test]
fn every_named_preset_builds() {
	let names = preset_names();
	assert_eq!(names.len(), 2);
	for name in names {
		with_preset(name.as_ref(), || {});
	}
}

#[test]
fn every_pallet_passes_its_integrity_test() {
	sp_io::TestExternalities::default().execute_with(AllPalletsWithSystem::integrity_test);
}
