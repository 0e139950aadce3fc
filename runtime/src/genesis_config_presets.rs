//! Named genesis presets: `development` (Alice validates, Bob nominates her) and
//! `local_testnet` (Alice and Bob validate, Dave nominates both; Charlie is funded but not
//! staking, ready to join as a third validator).
//!
//! Validators come with session keys in `session.keys`; BABE and GRANDPA authorities are left
//! empty because the session pallet sets them from those keys at genesis. Every staker bonds
//! through the staking pallet's genesis config, whose election at genesis picks era 0's
//! validators. Up to [`VALIDATOR_COUNT`] validators are elected per era, so validators that join
//! later are elected too.

use crate::{
	AccountId, Balance, RuntimeGenesisConfig, SessionKeys, BABE_GENESIS_EPOCH_CONFIG, UNITS,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_babe::AuthorityId as BabeId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::PresetId;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_staking::StakerStatus;

/// What each well-known development account holds at genesis.
const ENDOWMENT: Balance = 1_000_000 * UNITS;
/// What each genesis validator bonds.
const VALIDATOR_BOND: Balance = 100_000 * UNITS;
/// What each genesis nominator bonds.
const NOMINATOR_BOND: Balance = 10_000 * UNITS;
/// The least bond of a nominator.
const MIN_NOMINATOR_BOND: Balance = UNITS;
/// The least bond of a validator.
const MIN_VALIDATOR_BOND: Balance = 10 * UNITS;
/// The number of validators elected per era.
const VALIDATOR_COUNT: u32 = 10;

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

/// A genesis in which `validators` produce blocks, each of `nominators` nominates them all,
/// `endowed` hold [`ENDOWMENT`] each, and `root` is the sudo key.
fn genesis(
	validators: Vec<Validator>,
	nominators: Vec<AccountId>,
	endowed: Vec<AccountId>,
	root: AccountId,
	minimum_validator_count: u32,
) -> Value {
	let validator_accounts: Vec<AccountId> = validators.iter().map(|v| v.account.clone()).collect();
	let stakers = validator_accounts
		.iter()
		.map(|account| (account.clone(), VALIDATOR_BOND, StakerStatus::Validator))
		.chain(nominators.into_iter().map(|account| {
			(account, NOMINATOR_BOND, StakerStatus::Nominator(validator_accounts.clone()))
		}))
		.collect::<Vec<_>>();
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig {
			balances: endowed
				.iter()
				.cloned()
				.map(|account| (account, ENDOWMENT))
				.collect::<Vec<_>>(),
		},
		babe: pallet_babe::GenesisConfig { epoch_config: BABE_GENESIS_EPOCH_CONFIG },
		session: pallet_session::GenesisConfig {
			keys: validators
				.iter()
				.map(|v| (v.account.clone(), v.account.clone(), v.keys.clone()))
				.collect::<Vec<_>>(),
		},
		staking: pallet_palisade_staking::GenesisConfig {
			validator_count: VALIDATOR_COUNT,
			minimum_validator_count,
			stakers,
			min_nominator_bond: MIN_NOMINATOR_BOND,
			min_validator_bond: MIN_VALIDATOR_BOND,
		},
		sudo: pallet_sudo::GenesisConfig { key: Some(root) },
	})
}

/// Alice validates and Bob nominates her; the well-known accounts are funded.
fn development() -> Value {
	genesis(
		vec![Validator::dev(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		vec![Sr25519Keyring::Bob.to_account_id()],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
		1,
	)
}

/// Alice and Bob validate and Dave nominates both; the well-known accounts are funded.
fn local_testnet() -> Value {
	genesis(
		vec![
			Validator::dev(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			Validator::dev(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
		],
		vec![Sr25519Keyring::Dave.to_account_id()],
		Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		Sr25519Keyring::Alice.to_account_id(),
		2,
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
