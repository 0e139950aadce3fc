//! The election: this pallet as the election provider's data source (voters, candidates,
//! desired validators), and the fetching of the result, one page per block.

use crate::{
	weights::WeightInfo, BalanceOf, Config, CurrentEra, CurrentPlannedSession, ElectedStashes,
	ElectionFailure, ElectionPhase, ErasStartSessionIndex, Event, ForceEra, Forcing,
	MinimumActiveStake, MinimumValidatorCount, NextEraElection, Nominators, Pallet,
	SnapshotMinimumActiveStake, UnexpectedKind, UnpaidBackings, ValidatorCount, Validators,
	VoterSnapshot, VoterSnapshotStatus, LOG_TARGET,
};
use alloc::{boxed::Box, collections::btree_map::BTreeMap, vec, vec::Vec};
use codec::Encode;
use frame_election_provider_support::{
	bounds::SizeBound, data_provider, BoundedSupportsOf, DataProviderBounds, ElectionDataProvider,
	ElectionProvider, PageIndex, SortedListProvider, TryFromOtherBounds, VoteWeight, VoterOf,
};
use frame_support::{
	traits::{fungible::Inspect, EstimateNextNewSession, Get, ValidatorRegistration},
	weights::{Weight, WeightMeter},
	BoundedVec,
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{Bounded, Saturating, Zero};
use sp_staking::{currency_to_vote::CurrencyToVote, EraIndex, SessionIndex};

/// A page of voters taken from the voter list.
struct VoterPage<T: Config> {
	voters: Vec<VoterOf<Pallet<T>>>,
	/// How many stashes of the list were looked at.
	looked: u32,
	/// The last of them: the next page resumes after it.
	last_looked: Option<T::AccountId>,
	/// Whether the list ran out.
	exhausted: bool,
	/// The smallest active bond of a nominator among the voters, if there is one.
	min_nominator_stake: Option<BalanceOf<T>>,
}

impl<T: Config> Pallet<T> {
	/// Starts electing the validators of `era`, which will start at session `start`.
	pub(crate) fn start_election(era: EraIndex, start: SessionIndex) {
		Self::plan_era(era, start);
		let next_page = <T::ElectionProvider as ElectionProvider>::msp();
		NextEraElection::<T>::put(ElectionPhase::Fetching { era, next_page });
		if let Err(error) = T::ElectionProvider::start() {
			log::warn!(target: LOG_TARGET, "election for era {era} could not start: {error:?}");
			Self::fail_election(era, ElectionFailure::ProviderFailed);
		}
	}

	/// Makes `era`, starting at session `start`, the era being planned, with nothing elected.
	fn plan_era(era: EraIndex, start: SessionIndex) {
		CurrentEra::<T>::put(era);
		ErasStartSessionIndex::<T>::insert(era, start);
		Self::reset_voter_snapshot();
		ElectedStashes::<T>::kill();
	}

	/// Elects era 0's validators at once with [`Config::GenesisElectionProvider`]: genesis has
	/// no blocks to spread an election over. The era starts at session `start`.
	pub(crate) fn elect_genesis_era_now(start: SessionIndex) {
		Self::plan_era(0, start);
		let supports = T::GenesisElectionProvider::elect(0)
			.map_err(|error| log::error!(target: LOG_TARGET, "genesis election failed: {error:?}"))
			.and_then(|supports| {
				BoundedSupportsOf::<T::ElectionProvider>::try_from_other_bounds(supports).map_err(
					|_| log::error!(target: LOG_TARGET, "genesis election exceeds the bounds"),
				)
			})
			.unwrap_or_default();
		Self::store_election_page(0, supports);
		Self::conclude_election(0);
	}

	/// Advances the election by one step. While it runs, fetches one page of its result (a
	/// step whose size the provider's pages bound) and returns the weight of storing it; the
	/// provider registers the weight of its own work (snapshot, solving). After a failure,
	/// clears what the election stored, as far as `meter` allows.
	pub(crate) fn progress_election(meter: &mut WeightMeter) -> Weight {
		match NextEraElection::<T>::get() {
			ElectionPhase::Fetching { era, next_page } => Self::fetch_election_page(era, next_page),
			ElectionPhase::Clearing { era } => {
				if Self::drop_queued_exposures(era, meter) && Self::clear_era(era, meter) {
					NextEraElection::<T>::put(ElectionPhase::Idle);
				}
				Weight::zero()
			},
			ElectionPhase::Idle | ElectionPhase::Ready { .. } => Weight::zero(),
		}
	}

	/// Fetches and stores page `next_page` of the running election of `era`, if the provider
	/// is ready. Returns the weight of the step: storing the page, and the provider's own work
	/// to give it (which its `status` reports).
	///
	/// A page the provider fails to give (e.g. one no solution covered) adds no exposures, and
	/// the next pages are still fetched: the provider's round ends only when page 0 is taken,
	/// and it starts no other round before.
	fn fetch_election_page(era: EraIndex, next_page: PageIndex) -> Weight {
		let export = match T::ElectionProvider::status() {
			Ok(Some(export)) => export,
			// The provider is still working; try again next block.
			Ok(None) => return T::WeightInfo::store_election_page(0, 0),
			// The provider has no round running (e.g. governance ended it): nothing to fetch.
			Err(()) => {
				Self::fail_election(era, ElectionFailure::ProviderFailed);
				return T::WeightInfo::store_election_page(0, 0);
			},
		};
		let supports = T::ElectionProvider::elect(next_page).unwrap_or_else(|error| {
			log::warn!(target: LOG_TARGET, "era {era}: page {next_page} is missing: {error:?}");
			Self::deposit_event(Event::<T>::ElectionPageMissing { era, page: next_page });
			Default::default()
		});
		let (winners, backings) = Self::store_election_page(era, supports);
		match next_page.checked_sub(1) {
			Some(next_page) => {
				NextEraElection::<T>::put(ElectionPhase::Fetching { era, next_page })
			},
			None => Self::conclude_election(era),
		}
		T::WeightInfo::store_election_page(winners, backings).saturating_add(export)
	}

	/// All pages are in: the era is ready if enough validators were elected.
	fn conclude_election(era: EraIndex) {
		let elected = ElectedStashes::<T>::decode_len().unwrap_or(0) as u32;
		let minimum = MinimumValidatorCount::<T>::get().max(1);
		if elected < minimum {
			Self::fail_election(era, ElectionFailure::TooFewValidators { elected, minimum });
			return;
		}
		NextEraElection::<T>::put(ElectionPhase::Ready { era });
		Self::deposit_event(Event::<T>::StakersElected { era, validators: elected });
	}

	/// Drops the planned `era`: the current validators stay and what the election stored is
	/// cleared before the next election starts.
	pub(crate) fn fail_election(era: EraIndex, reason: ElectionFailure) {
		log::warn!(target: LOG_TARGET, "election for era {era} failed: {reason:?}");
		CurrentEra::<T>::set(era.checked_sub(1));
		ErasStartSessionIndex::<T>::remove(era);
		ElectedStashes::<T>::kill();
		Self::reset_voter_snapshot();
		NextEraElection::<T>::put(ElectionPhase::Clearing { era });
		Self::deposit_event(Event::<T>::ElectionFailed { era, reason });
	}

	/// Stores one page of an election result as the era's exposures and queues its stakers to
	/// be recorded as exposed. Returns the number of winners and of backings (voter-winner
	/// pairs) stored.
	pub(crate) fn store_election_page(
		era: EraIndex,
		supports: BoundedSupportsOf<T::ElectionProvider>,
	) -> (u32, u32) {
		let issuance = T::Currency::total_issuance();
		let (mut winners, mut backers) = (0u32, 0u32);
		let mut exposed: BTreeMap<T::AccountId, UnpaidBackings<T>> = BTreeMap::new();
		for (validator, support) in supports.into_iter() {
			let is_new = !crate::ErasStakersOverview::<T>::contains_key(era, &validator);
			if is_new && ElectedStashes::<T>::try_append(&validator).is_err() {
				Self::unexpected(UnexpectedKind::ValidatorSetOverflow);
				continue;
			}
			winners.saturating_inc();
			backers.saturating_accrue(support.voters.len() as u32);
			let stakes = support
				.voters
				.into_iter()
				.map(|(who, weight)| (who, T::CurrencyToVote::to_currency(weight, issuance)));
			for (staker, backing) in Self::add_exposure(era, &validator, stakes) {
				if exposed.entry(staker).or_default().try_push(backing).is_err() {
					Self::unexpected(UnexpectedKind::NominationsOverflow);
				}
			}
		}
		Self::queue_exposed(era, exposed);
		(winners, backers)
	}

	/// Converts a balance to a vote weight at the current issuance.
	fn to_vote(balance: BalanceOf<T>) -> VoteWeight {
		T::CurrencyToVote::to_vote(balance, T::Currency::total_issuance())
	}

	/// Whether an election is running (from its start until its result is stored).
	pub fn is_electing() -> bool {
		matches!(NextEraElection::<T>::get(), ElectionPhase::Fetching { .. })
	}

	/// The next voters of the running snapshot, within `bounds`, resuming after the last page.
	/// Returns them and how many stashes of the voter list were looked at: at most twice the
	/// count bound, so that a page stays bounded whatever the list holds that is no voter
	/// (stakers that stopped while the list was frozen).
	///
	/// The list is frozen from the first page until every voter is taken or the snapshot is
	/// reset, so that the next page resumes exactly after this one.
	fn snapshot_voters(bounds: DataProviderBounds) -> (Vec<VoterOf<Self>>, u32) {
		let stashes: Box<dyn Iterator<Item = T::AccountId>> = match VoterSnapshot::<T>::get() {
			VoterSnapshotStatus::Waiting => T::VoterList::iter(),
			VoterSnapshotStatus::Ongoing(last) => match T::VoterList::iter_from(&last) {
				Ok(iter) => iter,
				Err(error) => {
					Self::unexpected_error(UnexpectedKind::SnapshotCursorLost, error);
					Self::set_voter_snapshot(VoterSnapshotStatus::Consumed);
					return (Vec::new(), 0);
				},
			},
			VoterSnapshotStatus::Consumed => return (Vec::new(), 0),
		};

		let page = Self::take_voters(stashes, bounds);
		if let Some(page_min) = page.min_nominator_stake {
			SnapshotMinimumActiveStake::<T>::mutate(|min| {
				*min = Some(min.map_or(page_min, |min| min.min(page_min)))
			});
		}
		match (page.exhausted, page.last_looked) {
			(true, _) => Self::set_voter_snapshot(VoterSnapshotStatus::Consumed),
			(false, Some(last)) => Self::set_voter_snapshot(VoterSnapshotStatus::Ongoing(last)),
			// Nothing fitted: the next page starts where this one did.
			(false, None) => {},
		}
		(page.voters, page.looked)
	}

	/// Takes voters from `stashes` within `bounds`, looking at no more than twice the count
	/// bound.
	fn take_voters(
		stashes: impl Iterator<Item = T::AccountId>,
		bounds: DataProviderBounds,
	) -> VoterPage<T> {
		let max_count = bounds.count.map_or(u32::MAX, |count| count.0);
		let max_looked = max_count.saturating_mul(2);
		let mut page = VoterPage {
			voters: Vec::new(),
			looked: 0,
			last_looked: None,
			exhausted: true,
			min_nominator_stake: None,
		};
		let mut size = 0u32;
		for stash in stashes {
			if page.voters.len() as u32 >= max_count || page.looked >= max_looked {
				page.exhausted = false;
				break;
			}
			if let Some((voter, nominator_stake)) = Self::voter_of(&stash) {
				let voter_size = voter.encoded_size() as u32;
				if bounds.size_exhausted(SizeBound(size.saturating_add(voter_size))) {
					page.exhausted = false;
					break;
				}
				size = size.saturating_add(voter_size);
				page.voters.push(voter);
				if let Some(stake) = nominator_stake {
					page.min_nominator_stake = Some(
						page.min_nominator_stake.map_or(stake, |min: BalanceOf<T>| min.min(stake)),
					);
				}
			}
			page.looked.saturating_inc();
			page.last_looked = Some(stash);
		}
		page
	}

	/// Moves the voter snapshot on, freezing the voter list while it is under way and thawing
	/// it otherwise.
	pub(crate) fn set_voter_snapshot(status: VoterSnapshotStatus<T>) {
		if matches!(status, VoterSnapshotStatus::Ongoing(_)) {
			T::VoterList::lock();
		} else {
			T::VoterList::unlock();
		}
		VoterSnapshot::<T>::put(status);
	}

	/// Ends the voter snapshot, taken or not: the next one starts from the top of the list.
	pub(crate) fn reset_voter_snapshot() {
		SnapshotMinimumActiveStake::<T>::kill();
		Self::set_voter_snapshot(VoterSnapshotStatus::Waiting);
	}

	/// Ends the voter snapshot once its last page is taken: the smallest nominator stake it
	/// took becomes [`crate::MinimumActiveStake`] (zero if it took no nominator).
	fn complete_voter_snapshot() {
		MinimumActiveStake::<T>::put(SnapshotMinimumActiveStake::<T>::take().unwrap_or_default());
		Self::reset_voter_snapshot();
	}

	/// `stash` as an election voter: a nominator with its targets (and its active bond), or a
	/// validator voting for itself. `None` for anyone else and for an empty bond.
	fn voter_of(stash: &T::AccountId) -> Option<(VoterOf<Self>, Option<BalanceOf<T>>)> {
		let active = Self::active_bond(stash);
		let weight = Self::to_vote(active);
		if weight.is_zero() {
			return None;
		}
		if let Some(nominations) = Nominators::<T>::get(stash) {
			return Some(((stash.clone(), weight, nominations.targets), Some(active)));
		}
		if Validators::<T>::contains_key(stash) {
			let Ok(self_vote) = BoundedVec::try_from(vec![stash.clone()]) else {
				Self::unexpected(UnexpectedKind::NominationsOverflow);
				return None;
			};
			return Some(((stash.clone(), weight, self_vote), None));
		}
		// Stopped while the list was frozen: it leaves the list once the snapshot is done.
		None
	}

	/// Charges the block `weight` for the voters or candidates just handed to the election
	/// provider: all of it, or, when the provider's own weight counts this pallet's part
	/// ([`Config::ChargeElectionData`] is `false`), what exceeds `counted` (what the provider's
	/// benchmarks ran of it).
	fn charge_election_data(weight: Weight, counted: Weight) {
		let charge =
			if T::ChargeElectionData::get() { weight } else { weight.saturating_sub(counted) };
		if !charge.is_zero() {
			frame_system::Pallet::<T>::register_extra_weight_unchecked(
				charge,
				frame_support::dispatch::DispatchClass::Mandatory,
			);
		}
	}
}

impl<T: Config> ElectionDataProvider for Pallet<T> {
	type AccountId = T::AccountId;
	type BlockNumber = BlockNumberFor<T>;
	type MaxVotesPerVoter = T::MaxNominations;

	/// Validator candidates with session keys, as many as `bounds` allow: those with the most
	/// stake of their own (active bond) first, and among equal stakes the lower account first,
	/// so that the same state always gives the same targets. Candidates without session keys
	/// are skipped: they take no place within the bound.
	///
	/// Every candidate is read (at most
	/// [`MaxValidatorCandidates`](crate::Config::MaxValidatorCandidates)), so that when there are
	/// more than the bound, the richest are seen, whatever the order of storage. The candidates'
	/// own stake is what ranks them, as `pallet-staking`'s target list does: it is what they risk
	/// themselves, it needs no upkeep as nominators come and go (an approval stake would move with
	/// every bond and reward of every nominator), and a crowd of cheap candidates cannot push out
	/// one that bonded more.
	fn electable_targets(
		bounds: DataProviderBounds,
		_page: PageIndex,
	) -> data_provider::Result<Vec<T::AccountId>> {
		let max_count = bounds.count.map_or(u32::MAX, |count| count.0) as usize;
		let mut candidates: Vec<(BalanceOf<T>, T::AccountId)> = Validators::<T>::iter_keys()
			.map(|candidate| (Self::active_bond(&candidate), candidate))
			.collect();
		let read = candidates.len() as u32;
		candidates.sort_unstable_by(|(stake, who), (other_stake, other)| {
			other_stake.cmp(stake).then_with(|| who.cmp(other))
		});
		let mut targets = Vec::new();
		let mut size = 0u32;
		for (_, target) in candidates {
			if targets.len() >= max_count {
				break;
			}
			if !T::SessionKeys::is_registered(&target) {
				continue;
			}
			size = size.saturating_add(target.encoded_size() as u32);
			if bounds.size_exhausted(SizeBound(size)) {
				break;
			}
			targets.push(target);
		}
		Self::charge_election_data(T::WeightInfo::electable_targets(read), Weight::MAX);
		Ok(targets)
	}

	/// The next page of voters, richest first (as the voter list sorts them). Each call
	/// continues where the previous page stopped; page 0 is the last, after which
	/// [`crate::MinimumActiveStake`] is the smallest nominator stake the snapshot took.
	fn electing_voters(
		bounds: DataProviderBounds,
		page: PageIndex,
	) -> data_provider::Result<Vec<VoterOf<Self>>> {
		let (voters, looked) = Self::snapshot_voters(bounds);
		if page.is_zero() {
			Self::complete_voter_snapshot();
		}
		// A provider that counts a page counts one in which every voter looked at was taken:
		// looking past stakers that stopped while the list was frozen is this pallet's cost.
		let asked = bounds.count.map_or(u32::MAX, |count| count.0);
		Self::charge_election_data(
			T::WeightInfo::electing_voters(looked),
			T::WeightInfo::electing_voters(looked.min(asked)),
		);
		Ok(voters)
	}

	/// The voters from the top of the list within `bounds`, in one page, without touching a
	/// snapshot under way (for a single-page fallback election while a paged one runs), nor
	/// [`crate::MinimumActiveStake`].
	fn electing_voters_stateless(
		bounds: DataProviderBounds,
	) -> data_provider::Result<Vec<VoterOf<Self>>> {
		let page = Self::take_voters(T::VoterList::iter(), bounds);
		// Outside a paged snapshot: no provider benchmark runs this.
		Self::charge_election_data(T::WeightInfo::electing_voters(page.looked), Weight::zero());
		Ok(page.voters)
	}

	/// [`ValidatorCount`], or fewer if fewer candidates have session keys: a
	/// provider must elect exactly this many, so it asks for no more than can be elected.
	fn desired_targets() -> data_provider::Result<u32> {
		let mut read = 0u32;
		let electable = Validators::<T>::iter_keys()
			.inspect(|_| read.saturating_inc())
			.filter(T::SessionKeys::is_registered)
			.count() as u32;
		Self::charge_election_data(T::WeightInfo::electable_targets(read), Weight::MAX);
		Ok(ValidatorCount::<T>::get().min(electable))
	}

	/// Takes `page` of the provider's result, as the pallet's block hook does, and drops it:
	/// the election pallets' export benchmarks measure the provider's part of a fetched page
	/// (which `status` reports), and `store_election_page` measures this pallet's.
	#[cfg(feature = "runtime-benchmarks")]
	fn fetch_page(page: PageIndex) {
		if let Err(error) = T::ElectionProvider::elect(page) {
			log::warn!(target: LOG_TARGET, "benchmark: page {page} is missing: {error:?}");
		}
	}

	fn next_election_prediction(now: BlockNumberFor<T>) -> BlockNumberFor<T> {
		let latest = CurrentEra::<T>::get().unwrap_or(0);
		let started = ErasStartSessionIndex::<T>::get(latest).unwrap_or(0);
		let planned = CurrentPlannedSession::<T>::get();
		// An election starts at `new_session(started + SessionsPerEra - ElectionLead)`.
		let sessions_left: BlockNumberFor<T> = match ForceEra::<T>::get() {
			Forcing::ForceNone => return Bounded::max_value(),
			Forcing::ForceNew | Forcing::ForceAlways => Zero::zero(),
			Forcing::NotForcing => started
				.saturating_add(T::SessionsPerEra::get())
				.saturating_sub(Self::election_lead())
				.saturating_sub(planned.saturating_add(1))
				.into(),
		};
		let next_session = T::NextNewSession::estimate_next_new_session(now).0.unwrap_or(now);
		next_session.saturating_add(
			sessions_left.saturating_mul(T::NextNewSession::average_session_length()),
		)
	}
}
