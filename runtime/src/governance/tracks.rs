//! Referendum tracks: one per power a referendum can grant.
//!
//! | id | track | origin it dispatches with | decision deposit |
//! |---|---|---|---|
//! | 0 | `root` | Root: anything, runtime upgrades included | 10,000 PAL |
//! | 1 | `staking_admin` | `StakingAdmin`: the staking pallet's admin calls | 1,000 PAL |
//! | 2 | `treasurer` | `Treasurer`: treasury spends | 1,000 PAL |
//!
//! Every track needs more ayes than nays by the end of its decision period: approval falls
//! linearly from 100 % to 50 % over it. Support (ayes without conviction, as a share of the
//! total issuance) falls linearly from its ceiling to 0 %, so a quiet referendum can still pass
//! late in its period, after a confirmation period in which it must keep passing.
//!
//! With `fast-runtime` (dev chains, tests) a referendum decides within minutes; otherwise the
//! periods are Polkadot's order of magnitude: days to decide, hours to confirm.

use super::origins::Origin;
use crate::{Balance, BlockNumber, OriginCaller, UNITS};
use alloc::borrow::Cow;
use pallet_referenda::{Curve, Track, TrackInfo};
use sp_runtime::{str_array as name, Perbill};

/// The identifier of a track.
pub type TrackId = u16;

pub const ROOT: TrackId = 0;
pub const STAKING_ADMIN: TrackId = 1;
pub const TREASURER: TrackId = 2;

/// The periods of a track, in blocks.
struct Periods {
	prepare: BlockNumber,
	decision: BlockNumber,
	confirm: BlockNumber,
	min_enactment: BlockNumber,
}

#[cfg(feature = "fast-runtime")]
mod periods {
	use super::Periods;
	/// Root: two minutes to decide (3 s blocks).
	pub const ROOT: Periods = Periods { prepare: 2, decision: 40, confirm: 4, min_enactment: 2 };
	/// Other tracks: as Root, with shorter confirmation and enactment.
	pub const POWER: Periods = Periods { prepare: 2, decision: 40, confirm: 2, min_enactment: 1 };
}

#[cfg(not(feature = "fast-runtime"))]
mod periods {
	use super::Periods;
	use crate::{DAYS, HOURS, MINUTES};
	/// Root: fourteen days to decide, a day to confirm and a day before enactment.
	pub const ROOT: Periods =
		Periods { prepare: 2 * HOURS, decision: 14 * DAYS, confirm: DAYS, min_enactment: DAYS };
	/// Other tracks: fourteen days to decide, three hours to confirm, ten minutes to enact.
	pub const POWER: Periods = Periods {
		prepare: 2 * HOURS,
		decision: 14 * DAYS,
		confirm: 3 * HOURS,
		min_enactment: 10 * MINUTES,
	};
}

/// A track whose approval falls from 100 % to 50 % and whose support falls from
/// `support_ceiling` to 0 % over the decision period.
const fn track(
	id: TrackId,
	track_name: &str,
	max_deciding: u32,
	decision_deposit: Balance,
	periods: Periods,
	support_ceiling: Perbill,
) -> Track<TrackId, Balance, BlockNumber> {
	Track {
		id,
		info: TrackInfo {
			name: name(track_name),
			max_deciding,
			decision_deposit,
			prepare_period: periods.prepare,
			decision_period: periods.decision,
			confirm_period: periods.confirm,
			min_enactment_period: periods.min_enactment,
			min_approval: Curve::LinearDecreasing {
				length: Perbill::one(),
				floor: Perbill::from_percent(50),
				ceil: Perbill::one(),
			},
			min_support: Curve::LinearDecreasing {
				length: Perbill::one(),
				floor: Perbill::zero(),
				ceil: support_ceiling,
			},
		},
	}
}

/// The tracks, sorted by id as `pallet-referenda` requires.
const TRACKS: [Track<TrackId, Balance, BlockNumber>; 3] = [
	track(ROOT, "root", 1, 10_000 * UNITS, periods::ROOT, Perbill::from_percent(50)),
	track(
		STAKING_ADMIN,
		"staking_admin",
		10,
		1_000 * UNITS,
		periods::POWER,
		Perbill::from_percent(10),
	),
	track(TREASURER, "treasurer", 10, 1_000 * UNITS, periods::POWER, Perbill::from_percent(10)),
];

/// The tracks of `pallet-referenda` and the origin each dispatches with.
pub struct TracksInfo;

impl pallet_referenda::TracksInfo<Balance, BlockNumber> for TracksInfo {
	type Id = TrackId;
	type RuntimeOrigin = OriginCaller;

	fn tracks() -> impl Iterator<Item = Cow<'static, Track<TrackId, Balance, BlockNumber>>> {
		TRACKS.iter().map(Cow::Borrowed)
	}

	fn track_for(origin: &Self::RuntimeOrigin) -> Result<Self::Id, ()> {
		match origin {
			OriginCaller::system(frame_system::RawOrigin::Root) => Ok(ROOT),
			OriginCaller::Origins(Origin::StakingAdmin) => Ok(STAKING_ADMIN),
			OriginCaller::Origins(Origin::Treasurer) => Ok(TREASURER),
			_ => Err(()),
		}
	}
}
