//! What a validator's operator watches, for the `operator_status` runtime API: the active era,
//! where the election is (the provider's phase, then staking's fetching), and the standing of
//! the validator whose BABE session key a node holds. The node exports it as Prometheus
//! metrics.

use crate::{AccountId, Balance, Runtime, Session, Staking};
use pallet_election_provider_multi_block::{CurrentPhase, Phase};
use pallet_palisade_staking::{
	ElectionPhase, ErasRewardPoints, ErasStakersOverview, Ledger, NextEraElection,
	PendingCommission, Validators,
};
use pallet_palisade_staking_runtime_api::{ElectionStage, OperatorStatus, ValidatorStatus};

/// The operator's view for the validator whose BABE key is `babe_key`.
pub fn operator_status(babe_key: &[u8]) -> OperatorStatus<AccountId, Balance> {
	let active_era = Staking::active_era();
	let validator = Session::key_owner(sp_consensus_babe::KEY_TYPE, babe_key)
		.map(|stash| validator_status(stash, active_era));
	OperatorStatus { active_era, election: election_stage(), validator }
}

/// Where the election of the next era is.
fn election_stage() -> ElectionStage {
	match NextEraElection::<Runtime>::get() {
		ElectionPhase::Fetching { .. } => ElectionStage::Fetching,
		ElectionPhase::Ready { .. } => ElectionStage::Ready,
		ElectionPhase::Clearing { .. } => ElectionStage::Clearing,
		ElectionPhase::Idle => match CurrentPhase::<Runtime>::get() {
			Phase::Off => ElectionStage::Idle,
			Phase::Snapshot(_) => ElectionStage::Snapshot,
			Phase::Signed(_) | Phase::SignedValidation(_) => ElectionStage::Signed,
			Phase::Unsigned(_) => ElectionStage::Unsigned,
			Phase::Done => ElectionStage::Solved,
			Phase::Export(_) => ElectionStage::Fetching,
			Phase::Emergency => ElectionStage::Emergency,
		},
	}
}

/// `stash`'s standing in `active_era`.
fn validator_status(
	stash: AccountId,
	active_era: Option<sp_staking::EraIndex>,
) -> ValidatorStatus<AccountId, Balance> {
	let elected =
		active_era.is_some_and(|era| ErasStakersOverview::<Runtime>::contains_key(era, &stash));
	let era_points = active_era.map_or(0, |era| {
		ErasRewardPoints::<Runtime>::get(era)
			.individual
			.get(&stash)
			.copied()
			.unwrap_or(0)
	});
	let disabled = Session::validators()
		.iter()
		.position(|validator| *validator == stash)
		.and_then(|index| u32::try_from(index).ok())
		.is_some_and(|index| Session::disabled_validators().contains(&index));
	let (slash_pending, unapplied_slash_own) = Staking::pending_slash_of(&stash);
	let prefs = Validators::<Runtime>::try_get(&stash).ok();
	ValidatorStatus {
		active_bond: Ledger::<Runtime>::get(&stash).map_or(0, |ledger| ledger.active),
		validating: prefs.is_some(),
		elected,
		disabled,
		era_points,
		commission: prefs.map(|prefs| prefs.commission).unwrap_or_default(),
		announced_commission: PendingCommission::<Runtime>::get(&stash)
			.map(|increase| (increase.commission, increase.effective_era)),
		slash_pending,
		unapplied_slash_own,
		stash,
	}
}
