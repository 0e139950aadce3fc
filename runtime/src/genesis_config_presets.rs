//! Named genesis presets:
//!
//! - `development`: Alice validates; Bob, `//Alice//stash` and `//Bob//stash` nominate her.
//! - `local_testnet`: Alice, Bob and Charlie validate; Dave nominates all three.
//! - Both open nomination pool 1: `//Charlie//stash` creates it with 100 PAL, nominating the
//!   validators, and `//Dave//stash`, `//Eve//stash` and `//Ferdie//stash` join it.
//! - `staging`: production-like values (minimum bonds, validator count, no sudo key) over four
//!   validators; its keys are the well-known development keys, so replace them in the chain
//!   spec (`build-spec`) before a real launch.
//!
//! In every preset the well-known accounts are funded and Alice, Bob and Charlie form the
//! Council. Validators come with session keys in `session.keys`; BABE and GRANDPA authorities
//! are left empty because the session pallet sets them from those keys at genesis. Every staker
//! bonds through the staking pallet's genesis config, whose election at genesis picks era 0's
//! validators. Sudo (Alice) exists only in runtimes built with the `sudo` feature, and never in
//! `staging`.

use crate::{
	AccountId, Balance, RuntimeGenesisConfig, SessionKeys, BABE_GENESIS_EPOCH_CONFIG, UNITS,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use pallet_palisade_pool_upkeep::GenesisPool;
use serde_json::Value;
use sp_consensus_babe::AuthorityId as BabeId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::PresetId;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::Perbill;
use sp_staking::StakerStatus;

/// The production-like preset's name.
pub const STAGING_RUNTIME_PRESET: &str = "staging";

/// What each well-known development account holds at genesis.
const ENDOWMENT: Balance = 1_000_000 * UNITS;
/// What each genesis validator bonds.
const VALIDATOR_BOND: Balance = 100_000 * UNITS;
/// What each genesis nominator bonds.
const NOMINATOR_BOND: Balance = 10_000 * UNITS;

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

/// What differs between the presets.
struct Genesis {
	/// Produce blocks from genesis, each bonding [`VALIDATOR_BOND`].
	validators: Vec<Validator>,
	/// Each nominates every genesis validator, bonding [`NOMINATOR_BOND`].
	nominators: Vec<Sr25519Keyring>,
	/// Validators elected per era, and the fewest an election may return.
	validator_count: u32,
	minimum_validator_count: u32,
	min_nominator_bond: Balance,
	min_validator_bond: Balance,
	/// Whether an open pool nominates every genesis validator: `//Charlie//stash` creates it with
	/// [`POOL_BOND`], and `//Dave//stash`, `//Eve//stash` and `//Ferdie//stash` join it.
	with_pool: bool,
	/// The sudo key, if the runtime has sudo.
	#[cfg_attr(not(feature = "sudo"), allow(dead_code))]
	sudo: Option<AccountId>,
}

/// What the creator of the dev chains' open pool bonds.
const POOL_BOND: Balance = 100 * UNITS;

/// The least a member puts into a pool: small, so that anyone can stake.
const POOL_MIN_JOIN_BOND: Balance = UNITS;

/// The most commission a pool may take of its members' rewards.
const POOL_MAX_COMMISSION: Perbill = Perbill::from_percent(10);

impl Genesis {
	fn into_json(self) -> Value {
		let validator_accounts: Vec<AccountId> =
			self.validators.iter().map(|v| v.account.clone()).collect();
		let stakers = validator_accounts
			.iter()
			.map(|account| (account.clone(), VALIDATOR_BOND, StakerStatus::Validator))
			.chain(self.nominators.into_iter().map(|nominator| {
				(
					nominator.to_account_id(),
					NOMINATOR_BOND,
					StakerStatus::Nominator(validator_accounts.clone()),
				)
			}))
			.collect::<Vec<_>>();
		let council = [Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
			.map(|k| k.to_account_id())
			.to_vec();
		#[cfg_attr(not(feature = "sudo"), allow(unused_mut))]
		let mut patch = build_struct_json_patch!(RuntimeGenesisConfig {
			balances: pallet_balances::GenesisConfig {
				balances: Sr25519Keyring::well_known()
					.map(|k| (k.to_account_id(), ENDOWMENT))
					.collect::<Vec<_>>(),
			},
			babe: pallet_babe::GenesisConfig { epoch_config: BABE_GENESIS_EPOCH_CONFIG },
			session: pallet_session::GenesisConfig {
				keys: self
					.validators
					.iter()
					.map(|v| (v.account.clone(), v.account.clone(), v.keys.clone()))
					.collect::<Vec<_>>(),
			},
			staking: pallet_palisade_staking::GenesisConfig {
				validator_count: self.validator_count,
				minimum_validator_count: self.minimum_validator_count,
				stakers,
				min_nominator_bond: self.min_nominator_bond,
				min_validator_bond: self.min_validator_bond,
			},
			council: pallet_collective::GenesisConfig { members: council },
			pool_upkeep: pallet_palisade_pool_upkeep::GenesisConfig {
				pools: self
					.with_pool
					.then(|| GenesisPool {
						depositor: Sr25519Keyring::CharlieStash.to_account_id(),
						bond: POOL_BOND,
						nominations: validator_accounts.clone(),
						members: [
							(Sr25519Keyring::DaveStash, 10 * UNITS),
							(Sr25519Keyring::EveStash, 5 * UNITS),
							(Sr25519Keyring::FerdieStash, UNITS),
						]
						.map(|(member, amount)| (member.to_account_id(), amount))
						.to_vec(),
					})
					.into_iter()
					.collect::<Vec<_>>(),
			},
			nomination_pools: pallet_nomination_pools::GenesisConfig {
				min_join_bond: POOL_MIN_JOIN_BOND,
				// A pool bonds and nominates as one nominator: its creator bonds at least a
				// nominator's minimum, which also prices the pool's storage.
				min_create_bond: self.min_nominator_bond,
				max_pools: None,
				max_members_per_pool: None,
				max_members: None,
				global_max_commission: Some(POOL_MAX_COMMISSION),
			},
		});
		#[cfg(feature = "sudo")]
		if let (Value::Object(patch), Value::Object(sudo)) = (
			&mut patch,
			build_struct_json_patch!(RuntimeGenesisConfig {
				sudo: pallet_sudo::GenesisConfig { key: self.sudo }
			}),
		) {
			patch.extend(sudo);
		}
		patch
	}
}

/// Alice validates alone; Bob, `//Alice//stash` and `//Bob//stash` nominate her.
fn development() -> Value {
	Genesis {
		validators: vec![Validator::dev(Sr25519Keyring::Alice, Ed25519Keyring::Alice)],
		nominators: vec![Sr25519Keyring::Bob, Sr25519Keyring::AliceStash, Sr25519Keyring::BobStash],
		validator_count: 10,
		minimum_validator_count: 1,
		min_nominator_bond: UNITS,
		min_validator_bond: 10 * UNITS,
		with_pool: true,
		sudo: Some(Sr25519Keyring::Alice.to_account_id()),
	}
	.into_json()
}

/// Alice, Bob and Charlie validate; Dave nominates all three.
fn local_testnet() -> Value {
	Genesis {
		validators: vec![
			Validator::dev(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			Validator::dev(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			Validator::dev(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
		],
		nominators: vec![Sr25519Keyring::Dave],
		validator_count: 10,
		minimum_validator_count: 2,
		min_nominator_bond: UNITS,
		min_validator_bond: 10 * UNITS,
		with_pool: true,
		sudo: Some(Sr25519Keyring::Alice.to_account_id()),
	}
	.into_json()
}

/// Production-like values over four validators; no sudo key.
fn staging() -> Value {
	Genesis {
		validators: vec![
			Validator::dev(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			Validator::dev(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			Validator::dev(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
			Validator::dev(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		],
		nominators: vec![Sr25519Keyring::Eve, Sr25519Keyring::Ferdie],
		validator_count: 100,
		minimum_validator_count: 3,
		min_nominator_bond: 100 * UNITS,
		min_validator_bond: 10_000 * UNITS,
		with_pool: false,
		sudo: None,
	}
	.into_json()
}

/// The JSON of the preset named `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_testnet(),
		STAGING_RUNTIME_PRESET => staging(),
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
		PresetId::from(STAGING_RUNTIME_PRESET),
	]
}
