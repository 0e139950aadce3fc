//! The election every pallet is measured with: the multi-block election of Palisade's runtime
//! (and of Polkadot's Asset Hub), as a staking pallet sees it.
//!
//! - **Snapshot**: a page of voters a block, richest first, from the staking pallet as its
//!   data provider ([`VOTERS_PER_PAGE`] a page, [`PAGES`] pages, the targets with the first).
//!   This is the staking pallet's work, so it runs inside the measured block.
//! - **Mining**: off chain, as validators' miners do: sequential Phragmén over the whole
//!   snapshot, then `reduce`, so that a nominator backs about one validator rather than 16.
//!   Above [`REDUCE_CHUNK`] voters, `reduce` runs over chunks of voters first, then over all
//!   of them (see [`reduce_in_chunks`]).
//!   Not measured: no block runs it. (The multi-block election's own blocks, which verify
//!   the solution, are the same whichever staking pallet uses it; the runtime's
//!   `election_weights` test reports them.)
//! - **Export**: the staking pallet fetches the result a page a block, from the top page
//!   down; each page holds the supports of that snapshot page's voters, as the verifier
//!   exports them.
//!
//! A solution depends on the snapshot alone, so it is mined once per snapshot and shared:
//! every pallet, run after run, gets the same reduced election from the same stakers.
//!
//! The round's progress lives outside storage (a thread-local), as the miner's would: it is
//! not the staking pallet's storage and counts in none of its reads or writes.

use crate::{
	params::{MaxElectingVoters, MaxValidatorSet},
	population::AccountId,
};
use codec::{Decode, Encode};
use core::marker::PhantomData;
use frame_election_provider_support::{
	BoundedSupports, BoundedSupportsOf, DataProviderBounds, ElectionDataProvider, ElectionProvider,
	PageIndex, VoteWeight,
};
use frame_support::{
	traits::{ConstU32, Get},
	weights::Weight,
};
use sp_npos_elections::{
	assignment_ratio_to_staked_normalized, reduce, seq_phragmen, ElectionResult, ExtendedBalance,
	StakedAssignment, Support,
};
use sp_runtime::{traits::Zero, Perbill};
use std::{
	cell::RefCell,
	collections::{BTreeMap, HashMap},
	sync::{Arc, Mutex, OnceLock},
};

/// Pages of the snapshot and of the result: Palisade's production election.
pub const PAGES: PageIndex = 52;
/// Voters of a snapshot page.
pub const VOTERS_PER_PAGE: u32 = 2_000;

/// The voters `reduce` first runs over at a time, in a snapshot of more (see
/// [`reduce_in_chunks`]).
pub const REDUCE_CHUNK: usize = 20_000;

/// A voter of the snapshot: its stake and its targets.
type Voter = (AccountId, VoteWeight, Vec<AccountId>);

/// A mined solution: each voter's stake on each validator it backs, after `reduce`.
pub struct Solution {
	pub backings: HashMap<AccountId, Vec<(AccountId, ExtendedBalance)>>,
	/// Voter-validator pairs before `reduce`, and after.
	pub edges_before: u64,
	pub edges_after: u64,
}

/// Where the running round is.
#[derive(Default)]
enum Round {
	#[default]
	Idle,
	/// Taking the snapshot: `next` is the next page to take (none once all are taken).
	Snapshot {
		targets: Vec<AccountId>,
		pages: BTreeMap<PageIndex, Vec<Voter>>,
		next: Option<PageIndex>,
	},
	/// Mined: each page's voters, and the solution.
	Ready { pages: BTreeMap<PageIndex, Vec<AccountId>>, solution: Arc<Solution> },
}

thread_local! {
	static ROUND: RefCell<Round> = RefCell::new(Round::Idle);
}

/// Solutions by the hash of their snapshot.
fn solutions() -> &'static Mutex<HashMap<[u8; 32], Arc<Solution>>> {
	static SOLUTIONS: OnceLock<Mutex<HashMap<[u8; 32], Arc<Solution>>>> = OnceLock::new();
	SOLUTIONS.get_or_init(Default::default)
}

/// Ends any round: a run of a step starts with no election running.
pub fn reset() {
	ROUND.with_borrow_mut(|round| *round = Round::Idle);
}

/// The paged, reduced election with `DP` as its data provider.
pub struct PagedElection<DP>(PhantomData<DP>);

impl<DP: ElectionDataProvider<AccountId = AccountId, BlockNumber = u64>> PagedElection<DP> {
	/// The staking pallet's share of a block of the round: one snapshot page, the targets
	/// with the first. Runs inside the measured block, before the staking hooks.
	pub fn snapshot_step() {
		ROUND.with_borrow_mut(|round| {
			let Round::Snapshot { targets, pages, next: next @ Some(_) } = round else { return };
			let page = next.unwrap_or_default();
			if page == PAGES - 1 {
				*targets = DP::electable_targets(DataProviderBounds::default(), page)
					.expect("the data provider gives its targets");
			}
			let bounds = DataProviderBounds { count: Some(VOTERS_PER_PAGE.into()), size: None };
			let voters = DP::electing_voters(bounds, page).expect("the data provider gives voters");
			pages.insert(
				page,
				voters.into_iter().map(|(who, stake, t)| (who, stake, t.into_inner())).collect(),
			);
			*next = page.checked_sub(1);
		});
	}

	/// The miners' work between the snapshot and the export: mines the solution once the
	/// snapshot is complete. Runs outside any measured block.
	pub fn mine_when_ready() {
		ROUND.with_borrow_mut(|round| {
			let Round::Snapshot { targets, pages, next: None } = round else { return };
			let desired = DP::desired_targets().expect("the data provider gives desired targets");
			let voters = pages.values().flatten().cloned().collect();
			let solution = solve(desired, core::mem::take(targets), voters);
			let pages = core::mem::take(pages)
				.into_iter()
				.map(|(page, voters)| (page, voters.into_iter().map(|(who, ..)| who).collect()))
				.collect();
			*round = Round::Ready { pages, solution };
		});
	}
}

impl<DP: ElectionDataProvider<AccountId = AccountId, BlockNumber = u64>> ElectionProvider
	for PagedElection<DP>
{
	type AccountId = AccountId;
	type BlockNumber = DP::BlockNumber;
	type Error = &'static str;
	type MaxWinnersPerPage = MaxValidatorSet;
	type MaxBackersPerWinner = ConstU32<VOTERS_PER_PAGE>;
	type MaxBackersPerWinnerFinal = MaxElectingVoters;
	type Pages = ConstU32<PAGES>;
	type DataProvider = DP;

	fn elect(page: PageIndex) -> Result<BoundedSupportsOf<Self>, Self::Error> {
		ROUND.with_borrow_mut(|round| {
			let Round::Ready { pages, solution } = round else { return Err("no result to give") };
			let voters = pages.remove(&page).unwrap_or_default();
			let supports = supports_of(&solution, &voters);
			if page == 0 {
				*round = Round::Idle;
			}
			BoundedSupports::try_from(supports).map_err(|_| "a page exceeds the bounds")
		})
	}

	fn duration() -> Self::BlockNumber {
		0
	}

	fn start() -> Result<(), Self::Error> {
		ROUND.with_borrow_mut(|round| match round {
			Round::Idle => {
				*round = Round::Snapshot {
					targets: Vec::new(),
					pages: BTreeMap::new(),
					next: Some(PAGES - 1),
				};
				Ok(())
			},
			_ => Err("a round is running"),
		})
	}

	fn status() -> Result<Option<Weight>, ()> {
		ROUND.with_borrow(|round| match round {
			Round::Idle => Err(()),
			Round::Snapshot { .. } => Ok(None),
			Round::Ready { .. } => Ok(Some(Weight::zero())),
		})
	}
}

/// The same election in a single page: the voters snapshot, mining and result at once, with
/// at most `MaxBackers` backers per validator. Palisade's genesis uses it (genesis has no
/// blocks to spread an election over) within the bounds of a page of [`PagedElection`], and
/// so does `pallet-staking`, which takes an election's result in one page, without them.
pub struct SinglePageElection<DP, MaxBackers = ConstU32<VOTERS_PER_PAGE>>(
	PhantomData<(DP, MaxBackers)>,
);

thread_local! {
	/// A solution mined ahead of [`SinglePageElection::elect`].
	static MINED_AHEAD: RefCell<Option<Arc<Solution>>> = const { RefCell::new(None) };
}

impl<DP, MaxBackers> SinglePageElection<DP, MaxBackers>
where
	DP: ElectionDataProvider<AccountId = AccountId, BlockNumber = u64>,
	MaxBackers: Get<u32>,
{
	/// The whole snapshot: desired targets, targets and voters.
	fn snapshot() -> Result<(u32, Vec<AccountId>, Vec<Voter>), &'static str> {
		let voters = DP::electing_voters(DataProviderBounds::default(), 0)
			.map_err(|_| "no voters")?
			.into_iter()
			.map(|(who, stake, targets)| (who, stake, targets.into_inner()))
			.collect();
		let targets =
			DP::electable_targets(DataProviderBounds::default(), 0).map_err(|_| "no targets")?;
		let desired = DP::desired_targets().map_err(|_| "no desired targets")?;
		Ok((desired, targets, voters))
	}

	/// Mines the next election's solution ahead of it, off chain, as the miners of
	/// `pallet-staking`'s multi-phase election do while its signed phase runs: the next
	/// [`ElectionProvider::elect`] takes the snapshot and finds its solution mined.
	pub fn mine_ahead() {
		let (desired, targets, voters) = Self::snapshot().expect("the data provider answers");
		let solution = solve(desired, targets, voters);
		MINED_AHEAD.with_borrow_mut(|mined| *mined = Some(solution));
	}
}

impl<DP, MaxBackers> ElectionProvider for SinglePageElection<DP, MaxBackers>
where
	DP: ElectionDataProvider<AccountId = AccountId, BlockNumber = u64>,
	MaxBackers: Get<u32>,
{
	type AccountId = AccountId;
	type BlockNumber = DP::BlockNumber;
	type Error = &'static str;
	type MaxWinnersPerPage = MaxValidatorSet;
	type MaxBackersPerWinner = MaxBackers;
	type MaxBackersPerWinnerFinal = MaxBackers;
	type Pages = ConstU32<1>;
	type DataProvider = DP;

	fn elect(_page: PageIndex) -> Result<BoundedSupportsOf<Self>, Self::Error> {
		let (desired, targets, voters) = Self::snapshot()?;
		let everyone: Vec<AccountId> = voters.iter().map(|(who, ..)| who.clone()).collect();
		let solution = MINED_AHEAD
			.with_borrow_mut(Option::take)
			.unwrap_or_else(|| solve(desired, targets, voters));
		BoundedSupports::try_from(supports_of(&solution, &everyone))
			.map_err(|_| "the election exceeds the bounds")
	}

	fn duration() -> Self::BlockNumber {
		0
	}

	fn start() -> Result<(), Self::Error> {
		Ok(())
	}

	fn status() -> Result<Option<Weight>, ()> {
		Ok(Some(Weight::zero()))
	}
}

/// The solution of this snapshot: mined already by this run, or by an earlier run (on disk,
/// see [`cached_solution`]), or mined now.
fn solve(desired: u32, mut targets: Vec<AccountId>, mut voters: Vec<Voter>) -> Arc<Solution> {
	// In one order whatever the order the pallet gave them in: `reduce` depends on it.
	targets.sort();
	for (_, _, votes) in &mut voters {
		votes.sort();
	}
	voters.sort();
	// A snapshot reduced in chunks is told apart from one reduced in a single pass.
	let chunked = voters.len() > REDUCE_CHUNK;
	let key = if chunked {
		sp_io::hashing::blake2_256(&(REDUCE_CHUNK as u64, desired, &targets, &voters).encode())
	} else {
		sp_io::hashing::blake2_256(&(desired, &targets, &voters).encode())
	};
	if let Some(solution) = solutions().lock().expect("not poisoned").get(&key) {
		return solution.clone();
	}
	let solution = Arc::new(cached_solution(&key).unwrap_or_else(|| {
		let started = std::time::Instant::now();
		let solution = mine(desired, targets, voters);
		eprintln!(
			"mined an election of {} voters in {:.0} s",
			solution.backings.len(),
			started.elapsed().as_secs_f64()
		);
		store_solution(&key, &solution);
		solution
	}));
	solutions().lock().expect("not poisoned").insert(key, solution.clone());
	solution
}

/// Where mined solutions are kept between runs: mining took 113 s at 20,000 voters and
/// 2,003 s at 102,000 (2,000 validators) on the reference machine.
fn solution_path(key: &[u8; 32]) -> std::path::PathBuf {
	let dir = std::env::var_os("CARGO_TARGET_DIR").map_or_else(std::env::temp_dir, Into::into);
	dir.join("palisade-bench-solutions")
		.join(format!("{}.scale", sp_core::hexdisplay::HexDisplay::from(key)))
}

/// The solution an earlier run mined for the snapshot whose hash is `key`.
fn cached_solution(key: &[u8; 32]) -> Option<Solution> {
	let bytes = std::fs::read(solution_path(key)).ok()?;
	let (backings, edges_before, edges_after): StoredSolution =
		Decode::decode(&mut &bytes[..]).ok()?;
	Some(Solution { backings: backings.into_iter().collect(), edges_before, edges_after })
}

/// Keeps `solution` for later runs (a failure to write only costs the next run the mining).
fn store_solution(key: &[u8; 32], solution: &Solution) {
	let path = solution_path(key);
	let backings: Vec<_> = solution
		.backings
		.iter()
		.map(|(who, backing)| (who.clone(), backing.clone()))
		.collect();
	let stored: StoredSolution = (backings, solution.edges_before, solution.edges_after);
	let written = path
		.parent()
		.map(std::fs::create_dir_all)
		.transpose()
		.and_then(|_| std::fs::write(&path, stored.encode()));
	if let Err(error) = written {
		eprintln!("the mined solution was not kept at {}: {error}", path.display());
	}
}

/// A [`Solution`] as kept on disk.
type StoredSolution = (Vec<(AccountId, Vec<(AccountId, ExtendedBalance)>)>, u64, u64);

/// Sequential Phragmén over the snapshot, then `reduce`, as a miner does.
fn mine(desired: u32, targets: Vec<AccountId>, voters: Vec<Voter>) -> Solution {
	let stakes: HashMap<AccountId, VoteWeight> =
		voters.iter().map(|(who, stake, _)| (who.clone(), *stake)).collect();
	let ElectionResult { assignments, .. } =
		seq_phragmen::<AccountId, Perbill>(desired as usize, targets, voters, None)
			.expect("sequential Phragmén elects");
	let mut staked = assignment_ratio_to_staked_normalized(assignments, |who| {
		stakes.get(who).copied().unwrap_or_default()
	})
	.expect("the assignments normalise");
	let edges_before = staked.iter().map(|assignment| assignment.distribution.len() as u64).sum();
	reduce_in_chunks(&mut staked);
	let backings: HashMap<AccountId, Vec<(AccountId, ExtendedBalance)>> = staked
		.into_iter()
		.map(|assignment| {
			let backings = assignment
				.distribution
				.into_iter()
				.filter(|(_, stake)| !stake.is_zero())
				.collect();
			(assignment.who, backings)
		})
		.collect();
	let edges_after = backings.values().map(|backings| backings.len() as u64).sum();
	Solution { backings, edges_before, edges_after }
}

/// `reduce` over chunks of [`REDUCE_CHUNK`] voters, then over all of them. The last pass leaves
/// no cycle, as a single pass does (what is left is a forest: at most one pair per voter and
/// validator, less one per connected part), and each voter's stake and each validator's
/// support are unchanged. It takes far less time: `reduce` looks assignments up by scanning
/// them (a pass costs about its cycles × its voters), so a single pass over 51,000 voters took
/// 1,477 s, and the chunks remove most cycles while they are small.
fn reduce_in_chunks(staked: &mut Vec<StakedAssignment<AccountId>>) {
	if staked.len() > REDUCE_CHUNK {
		let mut rest = core::mem::take(staked);
		while !rest.is_empty() {
			let mut chunk: Vec<_> = rest.drain(..REDUCE_CHUNK.min(rest.len())).collect();
			reduce(&mut chunk);
			staked.append(&mut chunk);
		}
	}
	reduce(staked);
}

/// The supports `voters` give in `solution`: a page of the result.
fn supports_of(solution: &Solution, voters: &[AccountId]) -> Vec<(AccountId, Support<AccountId>)> {
	let mut supports: BTreeMap<AccountId, Support<AccountId>> = BTreeMap::new();
	for voter in voters {
		for (validator, stake) in solution.backings.get(voter).into_iter().flatten() {
			let support = supports.entry(validator.clone()).or_default();
			support.total += stake;
			support.voters.push((voter.clone(), *stake));
		}
	}
	supports.into_iter().collect()
}

/// How much `reduce` cut, for each solution mined so far: voter-validator pairs before and
/// after, and the voters that back someone (validators' votes for themselves included).
pub fn edges() -> Vec<(u64, u64, u64)> {
	solutions()
		.lock()
		.expect("not poisoned")
		.values()
		.map(|solution| {
			(solution.edges_before, solution.edges_after, solution.backings.len() as u64)
		})
		.collect()
}
