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
//! - `benchmark`: `development` with 4,000 more validator candidates and a full snapshot of
//!   nominators (104,000; 4,000 with `fast-runtime`), generated accounts and session keys,
//!   electing up to 1,000 validators: for the election pallets' benchmarks.
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
/// The name of the development preset with full election pages, for the benchmarks.
pub const BENCHMARK_RUNTIME_PRESET: &str = "benchmark";

/// What each well-known development account holds at genesis.
const ENDOWMENT: Balance = 1_000_000 * UNITS;
/// What the treasury holds at genesis: it pays the election's signed-solution rewards (and
/// governance's spends) before fees and era remainders fill it.
const TREASURY_ENDOWMENT: Balance = 10_000 * UNITS;
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
					.chain([(crate::configs::TreasuryAccount::get(), TREASURY_ENDOWMENT)])
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

/// Validator candidates, with session keys, of the `benchmark` preset: with the development
/// chain's Alice, as many as the staking pallet allows, so that the election reads every one to
/// take the richest.
const BENCHMARK_CANDIDATES: u32 = crate::configs::staking::MaxValidatorCandidates::get() - 1;
/// The candidates an election takes: the richest of the `benchmark` preset's (they bond twice
/// what the others do), whom its nominators back.
const BENCHMARK_ELECTABLE: u32 = crate::configs::staking::MaxElectableTargets::get();
/// Nominators of the `benchmark` preset: enough to fill every voter page of a snapshot
/// (104,000; 4,000 with `fast-runtime`) with nominators of 16 votes, the largest voters, so that
/// the election's benchmarks take full pages and export full solutions.
const BENCHMARK_NOMINATORS: u32 = crate::configs::election::MaxElectingVoters::get();

/// The development chain with [`BENCHMARK_CANDIDATES`] more validator candidates (generated
/// accounts and session keys) and [`BENCHMARK_NOMINATORS`] nominators of 16 of the
/// [`BENCHMARK_ELECTABLE`] richest candidates each, bonding more than any candidate so that the
/// snapshot's pages hold nominators before self-votes (generated by the staking pallet's
/// genesis: listing them would not fit in the memory genesis is built in): what the election
/// pallets' benchmarks need to measure full pages of the largest voters, with as many winners
/// as a page may hold.
fn benchmark() -> Value {
	use codec::Encode;
	use sp_core::{ed25519, sr25519};
	use sp_runtime::traits::{BlakeTwo256, Hash};
	let generated = |kind: &str, index: u32| BlakeTwo256::hash(&(kind, index).encode()).0;
	let mut genesis = development();
	let Some(patch) = genesis.as_object_mut() else { return genesis };
	let mut extend = |path: [&str; 2], items: Vec<Value>| {
		if let Some(Value::Array(list)) =
			patch.get_mut(path[0]).and_then(|pallet| pallet.get_mut(path[1]))
		{
			list.extend(items);
		}
	};
	let candidates: Vec<AccountId> = (0..BENCHMARK_CANDIDATES)
		.map(|i| AccountId::new(generated("candidate", i)))
		.collect();
	extend(
		["balances", "balances"],
		candidates
			.iter()
			.map(|who| serde_json::json!([who, 10 * VALIDATOR_BOND]))
			.collect(),
	);
	extend(
		["session", "keys"],
		candidates
			.iter()
			.zip(0u32..)
			.map(|(who, i)| {
				let keys = SessionKeys {
					babe: BabeId::from(sr25519::Public::from_raw(generated("babe", i))),
					grandpa: GrandpaId::from(ed25519::Public::from_raw(generated("grandpa", i))),
				};
				serde_json::json!([who, who, keys])
			})
			.collect(),
	);
	extend(
		["staking", "stakers"],
		candidates
			.iter()
			.zip(0u32..)
			.map(|(who, i)| {
				let bond = if i < BENCHMARK_ELECTABLE { 20 * UNITS } else { 10 * UNITS };
				serde_json::json!([who, bond, StakerStatus::<AccountId>::Validator])
			})
			.collect(),
	);
	if let Some(staking) = patch.get_mut("staking").and_then(Value::as_object_mut) {
		// As many winners as a page may hold: verification and export at their worst.
		let winners = crate::configs::staking::MaxValidatorSet::get();
		staking.insert("validatorCount".into(), winners.into());
		staking.insert(
			"generatedNominators".into(),
			serde_json::json!([BENCHMARK_NOMINATORS, 100 * UNITS, BENCHMARK_ELECTABLE]),
		);
	}
	genesis
}

/// The JSON of the preset named `id`, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_testnet(),
		STAGING_RUNTIME_PRESET => staging(),
		BENCHMARK_RUNTIME_PRESET => benchmark(),
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
		PresetId::from(BENCHMARK_RUNTIME_PRESET),
	]
}
