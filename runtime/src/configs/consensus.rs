//! Consensus: BABE authors blocks, GRANDPA finalises them, and sessions (one BABE epoch each)
//! rotate the validators' keys. `Historical` keeps each session's validator set so that key
//! ownership can be proven later.
//!
//! Equivocations are slashed without anyone's permission: a node that sees a validator author
//! two blocks in one slot (BABE) or cast two votes in one round (GRANDPA) puts the proof, as an
//! unsigned transaction, in its own pool (it is not gossiped), so it is included when that
//! node authors a block; the pallet checks it against the historical key ownership, and
//! `pallet-offences` hands the offence to staking, with the including block's author as its
//! reporter. Staking slashes `min((3k/n)², 1)` of the offender's exposure (k offenders among n
//! validators) and pays the reporter a tenth of the offender's own slash, never the offender
//! itself.

use crate::{
	configs::staking::{BondingDuration, SessionsPerEra},
	AccountId, Babe, Balances, Historical, Moment, Offences, Runtime, RuntimeCall, RuntimeEvent,
	Session, SessionKeys, Staking, UncheckedExtrinsic, EPOCH_DURATION_IN_SLOTS,
	MILLISECS_PER_BLOCK, UNITS,
};
use frame_support::{parameter_types, traits::KeyOwnerProofSystem};
use sp_core::crypto::KeyTypeId;
use sp_runtime::traits::{ConvertInto, ConvertToValue, OpaqueKeys};

parameter_types! {
	pub const EpochDuration: u64 = EPOCH_DURATION_IN_SLOTS as u64;
	pub const ExpectedBlockTime: Moment = MILLISECS_PER_BLOCK;
	/// The most BABE and GRANDPA authorities, i.e. validators in one session.
	pub const MaxAuthorities: u32 = 1_000;
	/// Every validator is identified by its account alone.
	pub const UnitIdentification: Option<()> = Some(());
	/// An equivocation report stays valid in the pool for as long as its offence can be slashed:
	/// the bonding duration, in blocks.
	pub const ReportLongevity: u64 = (BondingDuration::get() as u64)
		.saturating_mul(SessionsPerEra::get() as u64)
		.saturating_mul(EpochDuration::get());
	/// GRANDPA keeps the session of each authority set for the eras that can still be slashed.
	pub const MaxSetIdSessionEntries: u64 =
		(BondingDuration::get() as u64).saturating_mul(SessionsPerEra::get() as u64);
	/// The report weights count a full exposure page of nominators per offender.
	pub const MaxNominatorsPerOffender: u32 = crate::configs::staking::MaxExposurePageSize::get();
}

/// The proof that a BABE or GRANDPA key belonged to a validator in a past session.
type KeyOwnerProof<Key> = <Historical as KeyOwnerProofSystem<(KeyTypeId, Key)>>::Proof;

impl pallet_babe::Config for Runtime {
	type EpochDuration = EpochDuration;
	type ExpectedBlockTime = ExpectedBlockTime;
	/// Epochs change when sessions do.
	type EpochChangeTrigger = pallet_babe::ExternalTrigger;
	type DisabledValidators = Session;
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = MaxNominatorsPerOffender;
	type KeyOwnerProof = KeyOwnerProof<pallet_babe::AuthorityId>;
	type EquivocationReportSystem =
		pallet_babe::EquivocationReportSystem<Self, Offences, Historical, ReportLongevity>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = MaxNominatorsPerOffender;
	type MaxSetIdSessionEntries = MaxSetIdSessionEntries;
	type KeyOwnerProof = KeyOwnerProof<sp_consensus_grandpa::AuthorityId>;
	type EquivocationReportSystem =
		pallet_grandpa::EquivocationReportSystem<Self, Offences, Historical, ReportLongevity>;
}

/// Proven offences go to staking, which slashes the offenders.
impl pallet_offences::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type IdentificationTuple = pallet_session::historical::IdentificationTuple<Self>;
	type OnOffenceHandler = Staking;
}

/// Equivocation reports are submitted as unsigned transactions, built from the pallets' calls.
impl<LocalCall> frame_system::offchain::CreateTransactionBase<LocalCall> for Runtime
where
	RuntimeCall: From<LocalCall>,
{
	type Extrinsic = UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<LocalCall> frame_system::offchain::CreateBare<LocalCall> for Runtime
where
	RuntimeCall: From<LocalCall>,
{
	fn create_bare(call: RuntimeCall) -> UncheckedExtrinsic {
		UncheckedExtrinsic::new_bare(call)
	}
}

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Babe>;
	/// Block authors earn staking reward points.
	type EventHandler = Staking;
}

parameter_types! {
	/// Held from an account while it has session keys registered.
	pub const KeyDeposit: crate::Balance = UNITS;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// A validator is identified by its (stash) account, as Polkadot.js expects.
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = Babe;
	type NextSessionRotation = Babe;
	/// Staking's era election decides the validators.
	type SessionManager = pallet_session::historical::NoteHistoricalRoot<Self, Staking>;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = pallet_session::disabling::UpToLimitWithReEnablingDisablingStrategy;
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = KeyDeposit;
}

impl pallet_session::historical::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type FullIdentification = ();
	type FullIdentificationOf = ConvertToValue<UnitIdentification>;
}
