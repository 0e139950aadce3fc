//! Chain specifications built from the runtime's genesis presets.

use palisade_runtime::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL, WASM_BINARY};
use sc_service::ChainType;

/// The node's chain specification type.
pub type ChainSpec = sc_service::GenericChainSpec;

/// Token symbol, decimals and address format, as wallets and Polkadot.js read them.
fn properties() -> sc_chain_spec::Properties {
	let mut properties = sc_chain_spec::Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

/// A chain specification from the runtime preset `preset`.
fn from_preset(
	name: &str,
	id: &str,
	chain_type: ChainType,
	preset: &str,
) -> Result<ChainSpec, String> {
	let wasm = WASM_BINARY.ok_or("the runtime's WASM binary was not built")?;
	Ok(ChainSpec::builder(wasm, None)
		.with_name(name)
		.with_id(id)
		.with_chain_type(chain_type)
		.with_genesis_config_preset_name(preset)
		.with_properties(properties())
		.build())
}

/// `--dev`: Alice validates alone.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	from_preset(
		"Palisade Development",
		"palisade_dev",
		ChainType::Development,
		sp_genesis_builder::DEV_RUNTIME_PRESET,
	)
}

/// `--chain local`: Alice, Bob and Charlie validate, on one machine.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	from_preset(
		"Palisade Local Testnet",
		"palisade_local",
		ChainType::Local,
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET,
	)
}

/// `--chain staging`: production-like genesis values (no sudo key) over four validators with
/// the well-known development keys; replace them in the exported spec before a real launch.
pub fn staging_chain_spec() -> Result<ChainSpec, String> {
	from_preset(
		"Palisade Staging",
		"palisade_staging",
		ChainType::Live,
		palisade_runtime::genesis_config_presets::STAGING_RUNTIME_PRESET,
	)
}
