//! A test runtime: `frame_system`, `pallet_balances`, `pallet_timestamp`, `pallet_session`
//! (with its historical part), `pallet_bags_list` as the voter list, the on-chain sequential
//! Phragmén election (served in pages when a test asks for a paged election), this pallet, and
//! the pallets that stake through it: `pallet_nomination_pools` over
//! `pallet_delegated_staking`, whose pools are this pallet's virtual stakers.

use crate::{self as pallet_palisade_staking, CurrentEra, InflationCurve, LastExposedEra};
use core::cell::RefCell;
use frame_election_provider_support::{
	bounds::{DataProviderBounds, ElectionBounds, ElectionBoundsBuilder},
	onchain, BoundedSupportsOf, ElectionDataProvider, ElectionProvider, InstantElectionProvider,
	PageIndex, SequentialPhragmen, Support, VoterOf,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{tokens::imbalance::ResolveTo, ConstU128, ConstU64, Hooks, OnFinalize, OnInitialize},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_runtime::{testing::UintAuthorityId, BuildStorage, Perbill, Perquintill};
use sp_staking::{EraIndex, SessionIndex, StakerStatus};

pub type AccountId = u128;
pub type Balance = u128;
pub type BlockNumber = u64;

/// The existential deposit of the test chain.
pub const ED: Balance = 10;

/// Accounts funded by [`ExtBuilder::default`], each with [`INITIAL_BALANCE`].
pub const ALICE: AccountId = 1;
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
pub const EVE: AccountId = 5;
/// An account with no balance.
pub const NOBODY: AccountId = 99;
pub const INITIAL_BALANCE: Balance = 10_000;

/// Blocks per session.
pub const SESSION_LENGTH: BlockNumber = 5;
/// Milliseconds per block, unless a test sets [`MillisPerBlock`].
pub const BLOCK_TIME: u64 = 6_000;
/// Receives each era's reward remainder.
pub const TREASURY: AccountId = 90;

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Timestamp: pallet_timestamp,
		Balances: pallet_balances,
		Staking: pallet_palisade_staking,
		Session: pallet_session,
		Historical: pallet_session::historical,
		VoterBagsList: pallet_bags_list,
		Pools: pallet_nomination_pools,
		DelegatedStaking: pallet_delegated_staking,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	// Wide enough for the distinct sub-accounts of pools (a pool's bonded and reward accounts).
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ConstU128<ED>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
	type FreezeIdentifier = RuntimeFreezeReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type MaxFreezes = frame_support::traits::VariantCountOf<RuntimeFreezeReason>;
}

impl pallet_timestamp::Config for Test {
	type Moment = u64;
	type OnTimestampSet = ();
	type MinimumPeriod = ConstU64<1>;
	type WeightInfo = ();
}

/// A session key handler that accepts any key.
pub struct TestSessionHandler;

impl sp_runtime::BoundToRuntimeAppPublic for TestSessionHandler {
	type Public = UintAuthorityId;
}

impl frame_support::traits::OneSessionHandler<AccountId> for TestSessionHandler {
	type Key = UintAuthorityId;

	fn on_genesis_session<'a, I>(_: I)
	where
		I: 'a + Iterator<Item = (&'a AccountId, Self::Key)>,
	{
	}

	fn on_new_session<'a, I>(_: bool, _: I, _: I)
	where
		I: 'a + Iterator<Item = (&'a AccountId, Self::Key)>,
	{
	}

	fn on_disabled(_: u32) {}
}

sp_runtime::impl_opaque_keys! {
	pub struct SessionKeys {
		pub test: TestSessionHandler,
	}
}

parameter_types! {
	pub const SessionLength: BlockNumber = SESSION_LENGTH;
	pub const SessionOffset: BlockNumber = 0;
}

impl pallet_session::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = sp_runtime::traits::ConvertInto;
	type ShouldEndSession = pallet_session::PeriodicSessions<SessionLength, SessionOffset>;
	type NextSessionRotation = pallet_session::PeriodicSessions<SessionLength, SessionOffset>;
	type SessionManager = pallet_session::historical::NoteHistoricalRoot<Test, Staking>;
	type SessionHandler = (TestSessionHandler,);
	type Keys = SessionKeys;
	type DisablingStrategy = pallet_session::disabling::UpToLimitDisablingStrategy;
	type WeightInfo = ();
	type Currency = Balances;
	type KeyDeposit = ();
}

impl pallet_session::historical::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type FullIdentification = ();
	type FullIdentificationOf = sp_runtime::traits::ConvertToValue<()>;
}

/// Bags of the voter list, by active bond.
const THRESHOLDS: [Balance; 10] = [10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000];

parameter_types! {
	pub static BagThresholds: &'static [Balance] = &THRESHOLDS;
	pub static ElectionsBounds: ElectionBounds = ElectionBoundsBuilder::default().build();
	pub static MaxWinnersPerPage: u32 = 100;
	pub static MaxBackersPerWinner: u32 = 1_000;
	pub static HistoryDepth: u32 = 84;
	pub static MaxExposurePageSize: u32 = 64;
	pub static SessionsPerEra: SessionIndex = 3;
	pub static ElectionPages: PageIndex = 1;
	/// Voters the provider takes in each page of its snapshot.
	pub static VoterPageSize: u32 = u32::MAX;
	/// Blocks the provider works after it starts before its result is ready.
	pub static ElectionBlocks: BlockNumber = 0;
	/// Pages the provider has no result for.
	pub static MissingPages: Vec<PageIndex> = Vec::new();
	/// Whether the provider refuses to start (as one still running a round does).
	pub static ProviderBusy: bool = false;
	/// The weight the provider reports (in `status`) for giving each page of its result.
	pub static ExportWeight: Weight = Weight::zero();
	pub static ElectionLead: SessionIndex = 1;
	/// Whether handing voters and candidates to the provider charges the block.
	pub static ChargeElectionData: bool = true;
	pub static MillisPerBlock: u64 = BLOCK_TIME;
	pub static AutoPayoutDelay: BlockNumber = 2;
	/// The inflation curve Polkadot.js Apps assumes by default.
	pub static Inflation: InflationCurve = InflationCurve {
		ideal_staking_rate: Perquintill::from_percent(50),
		min_inflation: Perquintill::from_rational(25u64, 1_000),
		max_inflation: Perquintill::from_percent(10),
		falloff: Perquintill::from_percent(5),
	};
	pub const Treasury: AccountId = TREASURY;
	pub static MaxCommission: Perbill = Perbill::from_percent(80);
	pub static MaxCommissionIncrease: Perbill = Perbill::from_percent(50);
	pub static CommissionIncreaseDelay: EraIndex = 0;
	pub static SlashDeferDuration: EraIndex = 1;
	pub static SlashRewardFraction: Perbill = Perbill::from_percent(10);
	pub static MaxUnappliedSlashes: u32 = 512;
	pub static MaxValidatorSet: u32 = 100;
	pub static MaxValidatorCandidates: u32 = 1_000;
	/// How many voters the list rebags in each block's `on_idle`, bringing up the scores that
	/// bonded rewards left behind.
	pub static AutoRebagPerBlock: u32 = 2;
}

impl pallet_bags_list::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type ScoreProvider = Staking;
	type BagThresholds = BagThresholds;
	type MaxAutoRebagPerBlock = AutoRebagPerBlock;
	type Score = Balance;
}

/// The on-chain sequential Phragmén election.
pub struct OnChainSeqPhragmen;

impl onchain::Config for OnChainSeqPhragmen {
	type System = Test;
	type Solver = SequentialPhragmen<AccountId, Perbill>;
	type DataProvider = Staking;
	type WeightInfo = ();
	type MaxWinnersPerPage = MaxWinnersPerPage;
	type MaxBackersPerWinner = MaxBackersPerWinner;
	type Bounds = ElectionsBounds;
	type Sort = frame_support::traits::ConstBool<true>;
}

thread_local! {
	static PAGED_RESULT: RefCell<Vec<(AccountId, Support<AccountId>)>> = const { RefCell::new(Vec::new()) };
	static ROUND: RefCell<ProviderRound> = const { RefCell::new(ProviderRound::Off) };
	static SNAPSHOT: RefCell<ProviderSnapshot> = RefCell::new(ProviderSnapshot::default());
}

/// The mock provider's round, as a multi-block provider keeps it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProviderRound {
	/// No round: `start` begins one, `status` errs.
	Off,
	/// Started at this block: takes its snapshot, a page per block, and is ready
	/// [`ElectionBlocks`] blocks after it started.
	Running(BlockNumber),
	/// Giving its pages; the round ends when page 0 is taken.
	Exporting,
}

/// What the mock provider's round took of this pallet's data, as a multi-block provider's
/// snapshot holds it.
#[derive(Default)]
struct ProviderSnapshot {
	voters: Vec<VoterOf<Staking>>,
	targets: Vec<AccountId>,
	desired_targets: u32,
	/// The voter page to take next; `None` once page 0 is taken.
	next_page: Option<PageIndex>,
	/// The block of the last page taken: one page per block.
	taken_at: BlockNumber,
}

/// The mock provider's round.
pub fn provider_round() -> ProviderRound {
	ROUND.with_borrow(|round| *round)
}

/// Ends the mock provider's round, as governance may (`ForceRotateRound`).
pub fn end_provider_round() {
	ROUND.set(ProviderRound::Off);
}

/// The on-chain sequential Phragmén, run over a snapshot taken in [`ElectionPages`] voter pages
/// of [`VoterPageSize`] and served in as many result pages, as a multi-block election provider
/// does: a round starts with `start`; each block (each `status` call) takes one voter page, the
/// targets and the desired number with the first; it is ready once every voter page is taken
/// and [`ElectionBlocks`] blocks have passed since it started; the election runs when the first
/// (most significant) result page is asked for, and the round ends when page 0 is taken. Each
/// result page holds every winner with a share of its backers, and [`MissingPages`] have no
/// result. With one page and no delay, it is exactly the on-chain election.
pub struct PagedPhragmen;

impl PagedPhragmen {
	/// Takes the next voter page of the round's snapshot, if one is left and none was taken
	/// in this block. Returns whether the snapshot is complete.
	fn take_snapshot_page() -> Result<bool, ()> {
		let now = System::block_number();
		SNAPSHOT.with_borrow_mut(|snapshot| {
			let Some(page) = snapshot.next_page else { return Ok(true) };
			if snapshot.taken_at == now {
				return Ok(false);
			}
			let bounds =
				DataProviderBounds { count: Some(VoterPageSize::get().into()), size: None };
			if page == Self::msp() {
				snapshot.targets = Staking::electable_targets(ElectionsBounds::get().targets, 0)
					.map_err(|_| ())?;
				snapshot.desired_targets = Staking::desired_targets().map_err(|_| ())?;
			}
			snapshot.voters.extend(Staking::electing_voters(bounds, page).map_err(|_| ())?);
			snapshot.taken_at = now;
			snapshot.next_page = page.checked_sub(1);
			Ok(snapshot.next_page.is_none())
		})
	}
}

impl ElectionProvider for PagedPhragmen {
	type AccountId = AccountId;
	type BlockNumber = BlockNumber;
	type Error = &'static str;
	type MaxWinnersPerPage = MaxWinnersPerPage;
	type MaxBackersPerWinner = MaxBackersPerWinner;
	type MaxBackersPerWinnerFinal = MaxBackersPerWinner;
	type Pages = ElectionPages;
	type DataProvider = Staking;

	fn elect(page: PageIndex) -> Result<BoundedSupportsOf<Self>, Self::Error> {
		if provider_round() == ProviderRound::Off {
			return Err("no round");
		}
		if page == Self::msp() {
			let (voters, targets, desired) = SNAPSHOT.with_borrow_mut(|snapshot| {
				let voters = core::mem::take(&mut snapshot.voters);
				(voters, core::mem::take(&mut snapshot.targets), snapshot.desired_targets)
			});
			let result =
				<onchain::OnChainExecution<OnChainSeqPhragmen> as InstantElectionProvider>::instant_elect(
					voters, targets, desired,
				)
				.map_err(|_| "on-chain election failed")?;
			let result = result.into_iter().map(|(winner, support)| (winner, support.into()));
			PAGED_RESULT.set(result.collect());
		}
		ROUND.set(if page == 0 { ProviderRound::Off } else { ProviderRound::Exporting });
		if MissingPages::get().contains(&page) {
			return Err("no solution for this page");
		}
		let pages = ElectionPages::get().max(1) as usize;
		let supports = PAGED_RESULT.with_borrow(|result| {
			result
				.iter()
				.filter_map(|(winner, support)| {
					let voters: Vec<_> =
						support.voters.iter().skip(page as usize).step_by(pages).cloned().collect();
					let total = voters.iter().map(|(_, weight)| *weight).sum();
					(!voters.is_empty()).then_some((*winner, Support { total, voters }))
				})
				.collect::<Vec<_>>()
		});
		Ok(BoundedSupportsOf::<Self>::sorted_truncate_from(supports).0)
	}

	fn start() -> Result<(), Self::Error> {
		if ProviderBusy::get() || provider_round() != ProviderRound::Off {
			return Err("a round is running");
		}
		ROUND.set(ProviderRound::Running(System::block_number()));
		SNAPSHOT.set(ProviderSnapshot {
			next_page: Some(Self::msp()),
			taken_at: System::block_number().saturating_sub(1),
			..Default::default()
		});
		Ok(())
	}

	fn duration() -> BlockNumber {
		ElectionBlocks::get()
	}

	fn status() -> Result<Option<Weight>, ()> {
		match provider_round() {
			ProviderRound::Off => Err(()),
			ProviderRound::Running(started) => {
				let complete = Self::take_snapshot_page()?;
				let ready = complete && System::block_number() >= started + ElectionBlocks::get();
				Ok(ready.then(ExportWeight::get))
			},
			ProviderRound::Exporting => Ok(Some(ExportWeight::get())),
		}
	}
}

#[derive_impl(pallet_palisade_staking::config_preludes::TestDefaultConfig)]
impl pallet_palisade_staking::Config for Test {
	type Currency = Balances;
	type AdminOrigin = EnsureRoot<AccountId>;
	type SlashCancelOrigin = EnsureRoot<AccountId>;
	type ElectionProvider = PagedPhragmen;
	type GenesisElectionProvider = onchain::OnChainExecution<OnChainSeqPhragmen>;
	type ElectionLead = ElectionLead;
	type ChargeElectionData = ChargeElectionData;
	type Inflation = Inflation;
	type RewardRemainder = ResolveTo<Treasury, Balances>;
	type AutoPayoutDelay = AutoPayoutDelay;
	type MaxCommission = MaxCommission;
	type MaxCommissionIncrease = MaxCommissionIncrease;
	type CommissionIncreaseDelay = CommissionIncreaseDelay;
	type VoterList = VoterBagsList;
	type UnixTime = Timestamp;
	type NextNewSession = Session;
	type SessionKeys = Session;
	type SessionInterface = crate::Session<Test>;
	type SlashDeferDuration = SlashDeferDuration;
	type Slash = ResolveTo<Treasury, Balances>;
	type SlashRewardFraction = SlashRewardFraction;
	type MaxUnappliedSlashes = MaxUnappliedSlashes;
	type MaxValidatorSet = MaxValidatorSet;
	type MaxValidatorCandidates = MaxValidatorCandidates;
	type HistoryDepth = HistoryDepth;
	type MaxExposurePageSize = MaxExposurePageSize;
	type SessionsPerEra = SessionsPerEra;
	type EventListeners = (Pools, DelegatedStaking, StakingUpdates);
	type VirtualStakeOwner = crate::DelegatedFunds<DelegatedStaking>;
}

/// What the pallet told its [`crate::Config::EventListeners`], in order.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum StakingUpdate {
	StakeChanged {
		who: AccountId,
		previous: Option<sp_staking::Stake<Balance>>,
	},
	NominatorAdded(AccountId),
	NominatorUpdated {
		who: AccountId,
		previous: Vec<AccountId>,
	},
	NominatorRemoved {
		who: AccountId,
		nominations: Vec<AccountId>,
	},
	ValidatorAdded(AccountId),
	ValidatorUpdated(AccountId),
	ValidatorRemoved(AccountId),
	Unstaked(AccountId),
	Slashed {
		who: AccountId,
		active: Balance,
		unlocking: std::collections::BTreeMap<EraIndex, Balance>,
		total: Balance,
	},
	Withdrawn {
		who: AccountId,
		amount: Balance,
	},
}

thread_local! {
	static STAKING_UPDATES: RefCell<Vec<StakingUpdate>> = const { RefCell::new(Vec::new()) };
}

/// Records every [`sp_staking::OnStakingUpdate`] call, for tests to read with
/// [`staking_updates`].
pub struct StakingUpdates;

impl StakingUpdates {
	fn record(update: StakingUpdate) {
		STAKING_UPDATES.with_borrow_mut(|updates| updates.push(update));
	}
}

/// The listener calls since the last time this was called.
pub fn staking_updates() -> Vec<StakingUpdate> {
	STAKING_UPDATES.take()
}

impl sp_staking::OnStakingUpdate<AccountId, Balance> for StakingUpdates {
	fn on_stake_update(who: &AccountId, previous: Option<sp_staking::Stake<Balance>>) {
		Self::record(StakingUpdate::StakeChanged { who: *who, previous });
	}
	fn on_nominator_add(who: &AccountId) {
		Self::record(StakingUpdate::NominatorAdded(*who));
	}
	fn on_nominator_update(who: &AccountId, previous: Vec<AccountId>) {
		Self::record(StakingUpdate::NominatorUpdated { who: *who, previous });
	}
	fn on_nominator_remove(who: &AccountId, nominations: Vec<AccountId>) {
		Self::record(StakingUpdate::NominatorRemoved { who: *who, nominations });
	}
	fn on_validator_add(who: &AccountId) {
		Self::record(StakingUpdate::ValidatorAdded(*who));
	}
	fn on_validator_update(who: &AccountId) {
		Self::record(StakingUpdate::ValidatorUpdated(*who));
	}
	fn on_validator_remove(who: &AccountId) {
		Self::record(StakingUpdate::ValidatorRemoved(*who));
	}
	fn on_unstake(who: &AccountId) {
		Self::record(StakingUpdate::Unstaked(*who));
	}
	fn on_slash(
		who: &AccountId,
		active: Balance,
		unlocking: &std::collections::BTreeMap<EraIndex, Balance>,
		total: Balance,
	) {
		Self::record(StakingUpdate::Slashed {
			who: *who,
			active,
			unlocking: unlocking.clone(),
			total,
		});
	}
	fn on_withdraw(who: &AccountId, amount: Balance) {
		Self::record(StakingUpdate::Withdrawn { who: *who, amount });
	}
}

parameter_types! {
	pub const DelegatedStakingPalletId: frame_support::PalletId =
		frame_support::PalletId(*b"py/dlstk");
	pub const PoolsPalletId: frame_support::PalletId = frame_support::PalletId(*b"py/nopls");
	/// Whoever applies a pool member's pending slash gets nothing: reporters are paid from
	/// offenders' own stake alone (see `slashing.rs`).
	pub const MemberSlashRewardFraction: Perbill = Perbill::zero();
}

impl pallet_delegated_staking::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type PalletId = DelegatedStakingPalletId;
	type Currency = Balances;
	type OnSlash = ResolveTo<Treasury, Balances>;
	type SlashRewardFraction = MemberSlashRewardFraction;
	type RuntimeHoldReason = RuntimeHoldReason;
	type CoreStaking = Staking;
}

/// Pools' points arithmetic in 256 bits.
pub struct BalanceToU256;
impl sp_runtime::traits::Convert<Balance, sp_core::U256> for BalanceToU256 {
	fn convert(balance: Balance) -> sp_core::U256 {
		balance.into()
	}
}

/// Back from 256 bits, saturating.
pub struct U256ToBalance;
impl sp_runtime::traits::Convert<sp_core::U256, Balance> for U256ToBalance {
	fn convert(value: sp_core::U256) -> Balance {
		value.try_into().unwrap_or(Balance::MAX)
	}
}

impl pallet_nomination_pools::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type Currency = Balances;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type RewardCounter = sp_runtime::FixedU128;
	type BalanceToU256 = BalanceToU256;
	type U256ToBalance = U256ToBalance;
	type StakeAdapter =
		pallet_nomination_pools::adapter::DelegateStake<Self, Staking, DelegatedStaking>;
	type MaxMetadataLen = frame_support::traits::ConstU32<64>;
	type MaxUnbonding = frame_support::traits::ConstU32<8>;
	type MaxUnbondingPools = frame_support::traits::ConstU32<{ BONDING_DURATION + 2 }>;
	type PalletId = PoolsPalletId;
	type MaxPointsToBalance = frame_support::traits::ConstU8<10>;
	type AdminOrigin = EnsureRoot<AccountId>;
	type BlockNumberProvider = System;
	type Filter = frame_support::traits::Nothing;
}

/// The bonding duration of the test chain, in eras.
pub const BONDING_DURATION: EraIndex = 3;

/// Makes `era` the current era.
pub fn set_current_era(era: EraIndex) {
	CurrentEra::<Test>::put(era);
}

/// Makes `era` the current era and records `who` as exposed in it, as an election would:
/// what `who` unbonds now waits the full bonding duration.
pub fn set_current_era_exposed(era: EraIndex, who: AccountId) {
	set_current_era(era);
	LastExposedEra::<Test>::insert(who, era);
}

parameter_types! {
	/// The weight `on_idle` is given in each block by [`run_to_block`].
	pub static IdleWeight: Weight = Weight::MAX;
}

/// Runs blocks up to `n`: each finalises the previous block, sets the time, initialises, and
/// gives `on_idle` [`IdleWeight`].
pub fn run_to_block(n: BlockNumber) {
	while System::block_number() < n {
		if System::block_number() > 0 {
			finish_block();
		}
		start_block();
	}
}

/// Ends the current block: `on_idle` with [`IdleWeight`], staking's first (its pruning) and
/// the voter list's with what is left (its rebagging), then every `on_finalize`.
pub fn finish_block() {
	let now = System::block_number();
	let pruned = Staking::on_idle(now, IdleWeight::get());
	VoterBagsList::on_idle(now, IdleWeight::get().saturating_sub(pruned));
	AllPalletsWithSystem::on_finalize(now);
}

/// Starts the next block: its number, no events yet, every `on_initialize`, then the time.
pub fn start_block() {
	let now = System::block_number() + 1;
	System::set_block_number(now);
	System::reset_events();
	AllPalletsWithSystem::on_initialize(now);
	Timestamp::set_timestamp(now * MillisPerBlock::get());
}

/// Runs blocks until session `session` has started.
pub fn start_session(session: SessionIndex) {
	run_to_block(BlockNumber::from(session) * SESSION_LENGTH);
	assert_eq!(Session::current_index(), session, "session {session} did not start");
}

/// Runs blocks until era `era` is active.
pub fn start_active_era(era: EraIndex) {
	for _ in 0..(era + 4) * SessionsPerEra::get() {
		if Staking::active_era() == Some(era) {
			return;
		}
		start_session(Session::current_index() + 1);
	}
	assert_eq!(Staking::active_era(), Some(era), "era {era} did not start");
}

/// The validators of the current session.
pub fn session_validators() -> Vec<AccountId> {
	let mut validators = pallet_session::Validators::<Test>::get();
	validators.sort();
	validators
}

/// Builds the test state: funded accounts and genesis stakers.
pub struct ExtBuilder {
	balances: Vec<(AccountId, Balance)>,
	stakers: Vec<(AccountId, Balance, StakerStatus<AccountId>)>,
	min_nominator_bond: Balance,
	min_validator_bond: Balance,
	validator_count: u32,
	generated_nominators: Option<(u32, Balance, u32)>,
}

impl Default for ExtBuilder {
	fn default() -> Self {
		Self {
			balances: [ALICE, BOB, CHARLIE, DAVE, EVE]
				.into_iter()
				.map(|who| (who, INITIAL_BALANCE))
				.collect(),
			stakers: vec![],
			min_nominator_bond: 0,
			min_validator_bond: 0,
			validator_count: 2,
			generated_nominators: None,
		}
	}
}

impl ExtBuilder {
	/// Bonds `value` of `stash` at genesis, idle.
	pub fn staker(mut self, stash: AccountId, value: Balance) -> Self {
		self.stakers.push((stash, value, StakerStatus::Idle));
		self
	}

	/// Bonds `value` of `stash` at genesis as a validator with default preferences.
	pub fn validator(mut self, stash: AccountId, value: Balance) -> Self {
		self.stakers.push((stash, value, StakerStatus::Validator));
		self
	}

	/// Bonds `value` of `stash` at genesis, nominating `targets`.
	pub fn nominator(mut self, stash: AccountId, value: Balance, targets: Vec<AccountId>) -> Self {
		self.stakers.push((stash, value, StakerStatus::Nominator(targets)));
		self
	}

	/// Sets the minimum nominator and validator bonds at genesis.
	pub fn min_bonds(mut self, nominator: Balance, validator: Balance) -> Self {
		self.min_nominator_bond = nominator;
		self.min_validator_bond = validator;
		self
	}

	/// Funds `who` with `amount` at genesis (and gives it session keys).
	pub fn funded(mut self, who: AccountId, amount: Balance) -> Self {
		self.balances.push((who, amount));
		self
	}

	/// Sets the number of validators to elect.
	pub fn validator_count(mut self, count: u32) -> Self {
		self.validator_count = count;
		self
	}

	/// Generates `count` nominators bonding `bond` each at genesis.
	pub fn generated_nominators(mut self, count: u32, bond: Balance, among: u32) -> Self {
		self.generated_nominators = Some((count, bond, among));
		self
	}

	/// The test state at block 1.
	pub fn build(self) -> sp_io::TestExternalities {
		let mut ext = sp_io::TestExternalities::new(self.genesis_storage());
		// Events are only recorded from block 1 on.
		ext.execute_with(|| run_to_block(1));
		ext
	}

	/// The genesis storage of the test state.
	pub fn genesis_storage(self) -> sp_runtime::Storage {
		// A new chain: the mock provider (whose round lives outside storage) has none yet.
		end_provider_round();
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		let keys = self
			.balances
			.iter()
			.map(|(who, _)| (*who, *who, SessionKeys { test: UintAuthorityId(*who as u64) }))
			.collect();
		let mut balances = self.balances;
		balances.push((TREASURY, ED));
		pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.unwrap();
		pallet_palisade_staking::GenesisConfig::<Test> {
			stakers: self.stakers,
			validator_count: self.validator_count,
			minimum_validator_count: 1,
			min_nominator_bond: self.min_nominator_bond,
			min_validator_bond: self.min_validator_bond,
			generated_nominators: self.generated_nominators,
			..Default::default()
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		// Pools open to anyone with the existential deposit, created with a nominator's
		// bond; a few of them, with few members, so that random sequences fill them.
		pallet_nomination_pools::GenesisConfig::<Test> {
			min_join_bond: ED,
			min_create_bond: 100,
			max_pools: Some(2),
			max_members_per_pool: Some(4),
			max_members: Some(6),
			global_max_commission: Some(Perbill::from_percent(50)),
		}
		.assimilate_storage(&mut storage)
		.unwrap();
		pallet_session::GenesisConfig::<Test> { keys, ..Default::default() }
			.assimilate_storage(&mut storage)
			.unwrap();
		storage
	}

	/// Runs `test`, then checks the pallet's invariants: a test passes only if they hold.
	pub fn build_and_execute(self, test: impl FnOnce()) {
		self.build().execute_with(|| {
			test();
			Staking::do_try_state().expect("staking invariants hold after the test");
			check_pools().expect("pool invariants hold after the test");
		});
	}
}

/// The pools' check that fails on rounding dust: once a slash leaves a pool's points worth a
/// fraction of a planck each, every member's balance is rounded down, so their sum may fall
/// below the value locked (polkadot-sdk issue 13147). It is the last of the pools' failing
/// checks; only a check of frozen existential deposits follows it.
const TVL_ABOVE_MEMBERS: &str =
	"TVL must be equal to or less than the total balance of all PoolMembers.";

/// The pools' value locked is at most what their members own, as the pools check it, but
/// allowing each member one planck of rounding for its bonded points and for each of its
/// unbonding eras.
fn pool_value_within_rounding_of_members() -> Result<(), String> {
	use pallet_nomination_pools::{PoolMembers, TotalValueLocked};
	let (owned, rounding) = PoolMembers::<Test>::iter_values().fold(
		(0, 0),
		|(owned, rounding): (Balance, Balance), member| {
			let conversions = 1 + member.unbonding_eras.len() as Balance;
			(owned + member.total_balance(), rounding + conversions)
		},
	);
	let locked = TotalValueLocked::<Test>::get();
	if locked > owned + rounding {
		return Err(format!(
			"pools: {locked} locked, but members own {owned} (with {rounding} of rounding)"
		));
	}
	Ok(())
}

/// The invariants of the pallets staking through this one: `pallet_nomination_pools`' own
/// (every level; see `TVL_ABOVE_MEMBERS`), and `pallet_delegated_staking`'s, which it keeps to its own crate: each
/// agent's delegations add up, and it can stake (its delegations less its pending slashes and
/// unclaimed withdrawals) at least what this pallet has bonded for it, as a nominator.
pub fn check_pools() -> Result<(), String> {
	use pallet_delegated_staking::{Agents, Delegators};
	use sp_staking::StakingInterface;
	match Pools::do_try_state(u8::MAX) {
		Ok(()) => {},
		Err(error) if error == TVL_ABOVE_MEMBERS.into() => {
			pool_value_within_rounding_of_members()?;
			Pools::check_ed_imbalance().map_err(|error| format!("pools: {error:?}"))?;
		},
		Err(error) => return Err(format!("pools: {error:?}")),
	}
	for (agent, ledger) in Agents::<Test>::iter() {
		let delegated: Balance = Delegators::<Test>::iter()
			.filter(|(_, delegation)| delegation.agent == agent)
			.map(|(_, delegation)| delegation.amount)
			.sum();
		if delegated != ledger.total_delegated {
			return Err(format!("agent {agent}: delegations {delegated} != {ledger:?}"));
		}
		let stakeable = ledger
			.total_delegated
			.saturating_sub(ledger.pending_slash)
			.saturating_sub(ledger.unclaimed_withdrawals);
		let bonded = Staking::total_stake(&agent).unwrap_or_default();
		if stakeable < bonded {
			return Err(format!("agent {agent} can stake {stakeable} but has {bonded} bonded"));
		}
		if Staking::is_validator(&agent) {
			return Err(format!("agent {agent} validates"));
		}
	}
	Ok(())
}
