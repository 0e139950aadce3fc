//! Applies steps to the test chain and keeps what the invariants compare against: the total
//! issuance before the step and what the pallet's events say was minted or destroyed since.

use super::{invariants, Action, Origin, Stats};
use crate::{mock::*, Event, Pallet};
use frame_support::{
	storage::storage_prefix,
	traits::{GetCallMetadata, GetStorageVersion, OnRuntimeUpgrade, PalletInfoAccess},
	weights::Weight,
};
use sp_runtime::{traits::Dispatchable, StateVersion};
use sp_staking::offence::{OffenceDetails, OnOffenceHandler};

/// The test chain as a sequence drives it.
pub(super) struct Chain<'a> {
	pub stats: &'a mut Stats,
	/// The total issuance before the step being applied.
	pub issuance_before: Balance,
	/// Minted since the step began: rewards paid and era remainders.
	pub minted: Balance,
	/// Destroyed since the step began: dust of accounts that were reaped.
	pub lost: Balance,
	/// How many of the current block's events have been accounted for.
	events_seen: usize,
	/// The pallet's storage items, each with the prefix of its keys.
	storage_items: Vec<(String, [u8; 32])>,
	/// How the last call ended: `Ok`, or its error.
	pub last_outcome: Option<String>,
}

impl<'a> Chain<'a> {
	pub fn new(stats: &'a mut Stats) -> Self {
		Self {
			stats,
			issuance_before: Balances::total_issuance(),
			minted: 0,
			lost: 0,
			events_seen: System::events().len(),
			storage_items: Pallet::<Test>::storage_metadata()
				.entries
				.into_iter()
				.map(|entry| {
					let prefix = storage_prefix(
						<Staking as PalletInfoAccess>::name().as_bytes(),
						entry.name.as_bytes(),
					);
					(entry.name.to_owned(), prefix)
				})
				.collect(),
			last_outcome: None,
		}
	}

	/// Notes which of the pallet's storage items hold a value now.
	pub fn note_populated_storage(&mut self) {
		for (name, prefix) in &self.storage_items {
			let held = sp_io::storage::exists(prefix)
				|| sp_io::storage::next_key(prefix).is_some_and(|key| key.starts_with(prefix));
			if held && !self.stats.populated.contains(name) {
				self.stats.populated.insert(name.clone());
			}
		}
	}

	/// Applies `action` and checks the invariants after it, and after each block of it. Fails
	/// if one breaks, or if a call that failed changed storage.
	pub fn apply(&mut self, action: Action) -> Result<(), String> {
		self.stats.steps += 1;
		self.last_outcome = None;
		match action {
			Action::Call { origin, call } => {
				self.begin_unit();
				self.dispatch(origin, call)?;
				invariants::check(self)
			},
			Action::Blocks(count) => (1..=count).try_for_each(|block| {
				self.begin_unit();
				self.next_block();
				invariants::check(self)
					.map_err(|reason| format!("{reason} (block {block} of {count})"))
			}),
			Action::Offence { offenders, session, fraction, reporters } => {
				self.begin_unit();
				let details: Vec<_> = offenders
					.into_iter()
					.map(|offender| OffenceDetails {
						offender: (offender, ()),
						reporters: reporters.clone(),
					})
					.collect();
				let fractions = vec![fraction; details.len()];
				let _: Weight = <Staking as OnOffenceHandler<_, _, _>>::on_offence(
					&details, &fractions, session,
				);
				self.stats.offences += 1;
				self.account_events();
				invariants::check(self)
			},
			Action::Upgrade => {
				self.begin_unit();
				if Staking::on_chain_storage_version() < crate::pallet::STORAGE_VERSION {
					// The runtime's migrations, in order; each runs at its version only.
					crate::migrations::v3::MigrateV2ToV3::<Test>::on_runtime_upgrade();
					crate::migrations::v4::MigrateV3ToV4::<Test>::on_runtime_upgrade();
					self.stats.upgrades += 1;
				}
				invariants::check(self)
			},
		}
	}

	/// Starts a unit of work the invariants are checked after: its issuance baseline.
	fn begin_unit(&mut self) {
		self.issuance_before = Balances::total_issuance();
		self.minted = 0;
		self.lost = 0;
	}

	/// Ends the current block and starts the next, accounting for the events of both. The
	/// session's validators author blocks in turn and earn their points, as `pallet-authorship`
	/// would report them.
	fn next_block(&mut self) {
		finish_block();
		self.account_events();
		start_block();
		self.events_seen = 0;
		let validators = pallet_session::Validators::<Test>::get();
		let turn = (System::block_number() as usize).checked_rem(validators.len());
		if let Some(&author) = turn.and_then(|turn| validators.get(turn)) {
			Staking::reward_by_ids([(author, 20)]);
		}
		self.account_events();
		self.stats.blocks += 1;
	}

	/// Dispatches `call` from `origin`; a call that fails must leave storage as it was.
	fn dispatch(&mut self, origin: Origin, call: RuntimeCall) -> Result<(), String> {
		let metadata = call.get_call_metadata();
		let name = format!("{}::{}", metadata.pallet_name, metadata.function_name);
		let root = sp_io::storage::root(StateVersion::V1);
		let result = call.dispatch(origin.into());
		let entry = self.stats.calls.entry(name.clone()).or_default();
		self.last_outcome = Some(match &result {
			Ok(_) => "Ok".into(),
			Err(error) => format!("{:?}", error.error),
		});
		match result {
			Ok(_) => entry.0 += 1,
			Err(error) => {
				entry.1 += 1;
				if sp_io::storage::root(StateVersion::V1) != root {
					return Err(format!("{name} failed ({:?}) but changed storage", error.error));
				}
			},
		}
		self.account_events();
		Ok(())
	}

	/// Counts the events emitted since the last look: what was minted and lost, and each of
	/// the pallet's events by name.
	fn account_events(&mut self) {
		let events = System::events();
		for record in events.iter().skip(self.events_seen) {
			match &record.event {
				RuntimeEvent::Staking(event) => {
					match event {
						Event::Rewarded { amount, .. } => self.minted += amount,
						Event::EraPaid { remainder, .. } => self.minted += remainder,
						_ => {},
					}
					*self.stats.events.entry(event_name(event)).or_default() += 1;
				},
				RuntimeEvent::Balances(pallet_balances::Event::DustLost { amount, .. }) => {
					self.lost += amount
				},
				_ => {},
			}
		}
		self.events_seen = events.len();
	}
}

/// The name of `event`'s variant.
fn event_name(event: &Event<Test>) -> String {
	let debug = format!("{event:?}");
	let name = debug.split([' ', '{', '(']).next().unwrap_or_default();
	name.trim_start_matches("Event::").to_owned()
}
