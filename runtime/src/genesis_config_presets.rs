//! Named genesis presets: `development` (Alice alone) and `local_testnet` (Alice and Bob).
//!
//! Validators come with session keys in `session.keys`; BABE and GRANDPA authorities are left
//! empty because the session pallet sets them from those keys at genesis. Each validator bonds
//! through the staking pallet's genesis config.

use crate::{AccountId, Balance, RuntimeGenesisConfig, SessionKeys, BABE_GENESIS_EPOCH_CONFIG, UNITS};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_babe::AuthorityId as BabeId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::PresetId;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// What each well-known development account holds at genesis.
const ENDOWMENT: Balance = 1_000_000 * UNITS;
/// What each genesis validator bonds.
const VALIDATOR_BOND: Balance = 100_000 * UNITS;

/// A genesis validator: its account and its session keys.
struct Validator {
	account: AccountId,
	keys: SessionKeys,
}

impl Validator {
	/// The well-known development validator of `sr25519` / `ed25519` keyring entries.
	fn dev(sr: Sr25519Keyring, ed: Ed25519Keyring) -> Self {
		Self {
			account: sr.to_account_id(),
			keys: SessionKeys {
				babe: BabeId::from(sr.public()),
				grandpa: GrandpaId::from(ed.public()),
			},
		}
	}
}

/// A genesis in which `validators` produce blocks, `endowed` hold [`ENDOWMENT`] each, and
/// `root` is the sudo key.
fn genesis(validators: Vec<Validator>, endowed: Vec<AccountId>, root: AccountId) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig {
			balances: endowed.iter().cloned().map(|account| (account, ENDOWMENT)).collect::<Vec<_>>(),
		},
		babe: pallet_babe::GenesisConfig { epoch_config: BABE_GENESIS_EPOCH_CONFIG },
		session: pallet_session::GenesisConfig {
			keys: validators
				.iter()
				.map(|v| (v.account.clone(), v.account.clone(), v.keys.clone()))
				.collect::<Vec<_>>(),
		},
		staking: pallet_palisade_staking::GenesisConfig {
			stakers: validators
				.iter()
				.map(|v| (v.account.clone(), VALIDATOR_BOND))
				.collect::<Vec<_>>(),
		},
		sudo: pallet_sudo::GenesisConfig { key: Some(root) },
	})
}

/// Alice validates alone; the well-known accounts are funded.
fn development() -> Value {
	genesis(
		vec![Validator::dev(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// Alice and Bob validate; the well-known accounts are funded.
fn local_testnet() -> Value {
	genesis(
		vec![
			Validator::dev(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			Validator::dev(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The JSON of the preset named `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_testnet(),
		_ => return None,
	};
	// Serialising a `serde_json::Value` cannot fail.
	Some(serde_json::to_string(&patch).ok()?.into_bytes())
}

/// The names of the presets [`get_preset`] knows.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
