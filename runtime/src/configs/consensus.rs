//! Consensus: BABE authors blocks, GRANDPA finalises them, and sessions (one BABE epoch each)
//! rotate the validators' keys. `Historical` keeps each session's validator set so that key
//! ownership can be proven later (equivocation reports).

use crate::{
	AccountId, Babe, Balances, Moment, Runtime, RuntimeEvent, Session, SessionKeys, Staking,
	EPOCH_DURATION_IN_SLOTS, MILLISECS_PER_BLOCK, UNITS,
};
use frame_support::{
	parameter_types,
	traits::{ConstU32, ConstU64},
};
use sp_runtime::traits::{ConvertInto, ConvertToValue, OpaqueKeys};

parameter_types! {
	pub const EpochDuration: u64 = EPOCH_DURATION_IN_SLOTS as u64;
	pub const ExpectedBlockTime: Moment = MILLISECS_PER_BLOCK;
	/// The most BABE and GRANDPA authorities, i.e. validators in one session.
	pub const MaxAuthorities: u32 = 1_000;
	/// Every validator is identified by its account alone.
	pub const UnitIdentification: Option<()> = Some(());
}

impl pallet_babe::Config for Runtime {
	type EpochDuration = EpochDuration;
	type ExpectedBlockTime = ExpectedBlockTime;
	/// Epochs change when sessions do.
	type EpochChangeTrigger = pallet_babe::ExternalTrigger;
	type DisabledValidators = Session;
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	// Equivocation reports are not processed yet (they arrive with slashing), so no
	// nominators are weighed for them.
	type MaxNominators = ConstU32<0>;
	type KeyOwnerProof = sp_session::MembershipProof;
	type EquivocationReportSystem = ();
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_session::MembershipProof;
	type EquivocationReportSystem = ();
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
