//! Prometheus metrics of the staking state a validator's operator watches, served with the
//! node's own at `/metrics` (`--prometheus-port`, 9615 by default): the active era, where the
//! election is, and the standing of the validator whose BABE session key this node holds. They
//! are read through the runtime's `PalisadeStakingApi::operator_status` at every new best
//! block. When the runtime does not serve it (before version 2 of the API), they read 0 and
//! `palisade_staking_status_available` says so. The validator guide lists them.

use crate::service::FullClient;
use futures::StreamExt;
use palisade_runtime::{constants::TOKEN_DECIMALS, opaque::Block, AccountId, Balance};
use pallet_palisade_staking_runtime_api::{ElectionStage, OperatorStatus, PalisadeStakingApi};
use sc_client_api::BlockchainEvents;
use sp_api::{ApiExt, ProvideRuntimeApi};
use sp_consensus::SyncOracle;
use sp_core::crypto::Ss58Codec;
use sp_keystore::KeystorePtr;
use sp_runtime::traits::Block as BlockT;
use std::sync::Arc;
use substrate_prometheus_endpoint::{
	register, Gauge, GaugeVec, Opts, PrometheusError, Registry, F64, U64,
};

/// The runtime API version that has `operator_status`.
const OPERATOR_STATUS_API: u32 = 2;

/// The gauges, registered once.
#[derive(Clone)]
pub struct StakingMetrics {
	available: Gauge<U64>,
	active_era: Gauge<U64>,
	election_stage: GaugeVec<U64>,
	validator: GaugeVec<U64>,
	elected: Gauge<U64>,
	validating: Gauge<U64>,
	disabled: Gauge<U64>,
	era_points: Gauge<U64>,
	active_bond: Gauge<F64>,
	commission: Gauge<F64>,
	announced_commission: Gauge<F64>,
	announced_commission_era: Gauge<U64>,
	slash_pending: Gauge<U64>,
	unapplied_slash_own: Gauge<F64>,
}

fn gauge<P: substrate_prometheus_endpoint::prometheus::core::Atomic + 'static>(
	registry: &Registry,
	name: &str,
	help: &str,
) -> Result<Gauge<P>, PrometheusError> {
	register(Gauge::new(name, help)?, registry)
}

impl StakingMetrics {
	/// Registers the gauges in `registry`.
	pub fn register(registry: &Registry) -> Result<Self, PrometheusError> {
		Ok(Self {
			available: gauge(
				registry,
				"palisade_staking_status_available",
				"1 if the runtime serves the operator's status (PalisadeStakingApi version 2)",
			)?,
			active_era: gauge(registry, "palisade_staking_active_era", "The active era")?,
			election_stage: register(
				GaugeVec::new(
					Opts::new(
						"palisade_staking_election_stage",
						"1 for the stage the election of the next era is at, 0 for the others",
					),
					&["stage"],
				)?,
				registry,
			)?,
			validator: register(
				GaugeVec::new(
					Opts::new(
						"palisade_validator_info",
						"1 for the stash whose BABE session key this node holds",
					),
					&["stash"],
				)?,
				registry,
			)?,
			elected: gauge(
				registry,
				"palisade_validator_elected",
				"1 if this node's validator was elected for the active era",
			)?,
			validating: gauge(
				registry,
				"palisade_validator_validating",
				"1 if this node's validator intends to validate (called validate, not chilled)",
			)?,
			disabled: gauge(
				registry,
				"palisade_validator_disabled",
				"1 if this node's validator is disabled after an offence, until the next era",
			)?,
			era_points: gauge(
				registry,
				"palisade_validator_era_points",
				"This node's validator's reward points in the active era",
			)?,
			active_bond: gauge(
				registry,
				"palisade_validator_active_bond",
				"This node's validator's active bond, in PAL",
			)?,
			commission: gauge(
				registry,
				"palisade_validator_commission",
				"This node's validator's commission (1 is 100 %)",
			)?,
			announced_commission: gauge(
				registry,
				"palisade_validator_announced_commission",
				"An announced commission increase (1 is 100 %); 0 if none",
			)?,
			announced_commission_era: gauge(
				registry,
				"palisade_validator_announced_commission_era",
				"The first era the announced increase applies to; 0 if none",
			)?,
			slash_pending: gauge(
				registry,
				"palisade_validator_slash_pending",
				"1 if a slash of this node's validator is being worked out or waits for its era",
			)?,
			unapplied_slash_own: gauge(
				registry,
				"palisade_validator_unapplied_slash_own",
				"What the slashes worked out so far take of the validator's own stake, in PAL",
			)?,
		})
	}

	/// Sets the gauges from `status`.
	fn update(&self, status: &OperatorStatus<AccountId, Balance>) {
		self.clear();
		self.available.set(1);
		self.active_era.set(status.active_era.map_or(0, u64::from));
		for stage in ElectionStage::ALL {
			self.election_stage
				.with_label_values(&[stage.name()])
				.set(u64::from(stage == status.election));
		}
		let Some(validator) = &status.validator else { return };
		self.validator.with_label_values(&[&validator.stash.to_ss58check()]).set(1);
		self.elected.set(u64::from(validator.elected));
		self.validating.set(u64::from(validator.validating));
		self.disabled.set(u64::from(validator.disabled));
		self.era_points.set(u64::from(validator.era_points));
		self.active_bond.set(in_tokens(validator.active_bond));
		self.commission.set(ratio(validator.commission));
		if let Some((commission, era)) = validator.announced_commission {
			self.announced_commission.set(ratio(commission));
			self.announced_commission_era.set(era.into());
		}
		self.slash_pending.set(u64::from(validator.slash_pending));
		self.unapplied_slash_own.set(in_tokens(validator.unapplied_slash_own));
	}

	/// Sets every gauge to 0 and removes the labelled series: what a runtime that does not
	/// serve the status shows, and the base of every update, so that no value outlives its
	/// source (a validator whose key was removed, an announcement that took effect).
	fn clear(&self) {
		for gauge in [
			&self.available,
			&self.active_era,
			&self.elected,
			&self.validating,
			&self.disabled,
			&self.era_points,
			&self.announced_commission_era,
			&self.slash_pending,
		] {
			gauge.set(0);
		}
		for gauge in [
			&self.active_bond,
			&self.commission,
			&self.announced_commission,
			&self.unapplied_slash_own,
		] {
			gauge.set(0.0);
		}
		self.election_stage.reset();
		self.validator.reset();
	}
}

/// `amount` in PAL, for display.
fn in_tokens(amount: Balance) -> f64 {
	amount as f64 / 10f64.powi(i32::from(TOKEN_DECIMALS))
}

/// `value` as a ratio, 1 being 100 %.
fn ratio(value: sp_runtime::Perbill) -> f64 {
	f64::from(value.deconstruct()) / 1e9
}

/// Updates `metrics` at every new best block, with the first BABE key in `keystore` that a
/// stash registered (or none); not while the node catches up with the chain (`sync`), whose
/// old blocks no operator watches. Runs as long as the node.
pub async fn run(
	client: Arc<FullClient>,
	keystore: KeystorePtr,
	sync: Arc<impl SyncOracle>,
	metrics: StakingMetrics,
) {
	let mut imports = client.import_notification_stream();
	while let Some(notification) = imports.next().await {
		if !notification.is_new_best || sync.is_major_syncing() {
			continue;
		}
		match operator_status(&client, &keystore, notification.hash) {
			Some(status) => metrics.update(&status),
			None => metrics.clear(),
		}
	}
}

/// The operator's status at `at`; `None` if the runtime does not serve it.
fn operator_status(
	client: &FullClient,
	keystore: &KeystorePtr,
	at: <Block as BlockT>::Hash,
) -> Option<OperatorStatus<AccountId, Balance>> {
	let api = client.runtime_api();
	let version = api
		.api_version::<dyn PalisadeStakingApi<Block, AccountId, Balance>>(at)
		.ok()
		.flatten()?;
	if version < OPERATOR_STATUS_API {
		return None;
	}
	for key in keystore.sr25519_public_keys(sp_consensus_babe::KEY_TYPE) {
		let status = api.operator_status(at, key.0.to_vec()).ok()?;
		if status.validator.is_some() {
			return Some(status);
		}
	}
	// No key of this node is registered: the chain's part alone.
	api.operator_status(at, Vec::new()).ok()
}
