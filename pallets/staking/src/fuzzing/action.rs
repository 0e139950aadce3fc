//! The steps of a sequence, and how they are read from the input: every call of the pallet,
//! and the calls of the nomination pools staking through it, with arguments that are mostly
//! plausible and often adversarial.

use crate::{
	mock::*, ActiveEra, Call as StakingCall, ConfigOp, CurrentEra, Ledger, RewardDestination,
	UnappliedSlashEras, ValidatorPrefs, Validators,
};
use arbitrary::{Result, Unstructured};
use frame_support::traits::fungible::Inspect;
use pallet_nomination_pools::{
	BondExtra, BondedPools, Call as PoolsCall, ClaimPermission, MinCreateBond, PoolId, PoolMembers,
};
use sp_runtime::{Perbill, Percent};
use sp_staking::{EraIndex, SessionIndex};

/// The accounts a sequence acts with: the ten funded at genesis, two that never were, and
/// the treasury (never as a signer: nobody holds its key, and a treasury emptied below the
/// existential deposit would burn the slashes and era remainders sent to it).
const ACCOUNTS: [AccountId; 13] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, NOBODY, TREASURY];
const SIGNERS: [AccountId; 12] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, NOBODY];

/// Who dispatches a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
	Signed(AccountId),
	Root,
	Unsigned,
}

impl From<Origin> for RuntimeOrigin {
	fn from(origin: Origin) -> Self {
		match origin {
			Origin::Signed(who) => RuntimeOrigin::signed(who),
			Origin::Root => RuntimeOrigin::root(),
			Origin::Unsigned => RuntimeOrigin::none(),
		}
	}
}

/// One step of a sequence.
#[derive(Clone, Debug)]
pub enum Action {
	/// A call of this pallet or a balance transfer, dispatched from `origin`.
	Call { origin: Origin, call: RuntimeCall },
	/// Runs this many blocks, with their hooks.
	Blocks(u32),
	/// `pallet-offences` reports that `offenders` misbehaved in `session`.
	Offence {
		offenders: Vec<AccountId>,
		session: SessionIndex,
		fraction: Perbill,
		reporters: Vec<AccountId>,
	},
	/// The runtime is upgraded: on a chain started at storage version 2 or 3, the migrations
	/// to the current version run (mid-era, mid-payout, wherever the sequence is).
	Upgrade,
}

impl Action {
	/// Reads the next step from `u`, using the chain's state to make arguments plausible.
	pub fn generate(u: &mut Unstructured) -> Result<Self> {
		Ok(match u.int_in_range(0u8..=23)? {
			0..=3 => Action::Blocks(blocks(u)?),
			4 if u.ratio(1u8, 6)? => Action::Upgrade,
			4 => offence(u)?,
			5 => transfer(u)?,
			6..=7 => admin_call(u)?,
			20..=23 => pool_call(u)?,
			_ => staker_call(u)?,
		})
	}
}

/// The pools a sequence acts on: the two it may create, and one that never exists.
const POOLS: [PoolId; 3] = [1, 2, 3];

/// A call of `pallet_nomination_pools`, whose pools stake here as virtual stakers: by a
/// member, a pool's roles, or anyone for another member (claims, slashes, compounding).
fn pool_call(u: &mut Unstructured) -> Result<Action> {
	// Mostly a member (members act on their own funds), else anyone.
	let members: Vec<AccountId> = PoolMembers::<Test>::iter_keys().collect();
	let mut who =
		if !members.is_empty() && u.ratio(3u8, 4)? { *u.choose(&members)? } else { signer(u)? };
	let pool_id = *u.choose(&POOLS)?;
	let call = match u.int_in_range(0u8..=16)? {
		0..=1 => {
			PoolsCall::create { amount: amount(u, who)?, root: who, nominator: who, bouncer: who }
		},
		2..=3 => {
			// Mostly someone not in a pool yet (a member cannot join twice).
			let outsiders: Vec<AccountId> =
				SIGNERS.iter().copied().filter(|s| !members.contains(s)).collect();
			if !outsiders.is_empty() && u.ratio(3u8, 4)? {
				who = *u.choose(&outsiders)?;
			}
			PoolsCall::join { amount: amount(u, who)?, pool_id }
		},
		4 => PoolsCall::bond_extra {
			extra: if u.arbitrary()? {
				BondExtra::Rewards
			} else {
				BondExtra::FreeBalance(amount(u, who)?)
			},
		},
		5 => PoolsCall::bond_extra_other {
			member: member_or_account(u, &members)?,
			extra: BondExtra::Rewards,
		},
		6..=7 => PoolsCall::unbond {
			member_account: member_or_any(u, who)?,
			unbonding_points: points(u, who)?,
		},

		8 => PoolsCall::claim_payout {},
		9 => PoolsCall::claim_payout_other { other: member_or_account(u, &members)? },
		10 => PoolsCall::set_claim_permission {
			permission: *u.choose(&[
				ClaimPermission::Permissioned,
				ClaimPermission::PermissionlessCompound,
				ClaimPermission::PermissionlessWithdraw,
				ClaimPermission::PermissionlessAll,
			])?,
		},
		11 => {
			// Mostly by the pool's nominator.
			if let Some(pool) = BondedPools::<Test>::get(pool_id) {
				if let Some(nominator) =
					pool.roles.nominator.filter(|_| u.ratio(3u8, 4).unwrap_or(false))
				{
					who = nominator;
				}
			}
			PoolsCall::nominate { pool_id, validators: candidates(u)? }
		},
		12 => PoolsCall::apply_slash { member_account: member_or_account(u, &members)? },
		13 => PoolsCall::pool_withdraw_unbonded { pool_id, num_slashing_spans: 0 },
		_ => PoolsCall::withdraw_unbonded {
			member_account: member_or_any(u, who)?,
			num_slashing_spans: 0,
		},
	};
	Ok(Action::Call { origin: Origin::Signed(who), call: call.into() })
}

/// A pool member mostly (another member's rewards, slash or compounding), else anyone.
fn member_or_account(u: &mut Unstructured, members: &[AccountId]) -> Result<AccountId> {
	if !members.is_empty() && u.ratio(3u8, 4)? {
		Ok(*u.choose(members)?)
	} else {
		account(u)
	}
}

/// `who` itself mostly (members unbond and withdraw their own funds), else anyone.
fn member_or_any(u: &mut Unstructured, who: AccountId) -> Result<AccountId> {
	Ok(if u.ratio(3u8, 4)? { who } else { account(u)? })
}

/// Points to unbond: all of `who`'s, what a depositor may (all but the creation bond), part,
/// one, or more than it has.
fn points(u: &mut Unstructured, who: AccountId) -> Result<Balance> {
	let points = PoolMembers::<Test>::get(who).map_or(0, |member| member.points);
	Ok(match u.int_in_range(0u8..=5)? {
		0 => points,
		1 => points.saturating_sub(MinCreateBond::<Test>::get()),
		2 => points / 2,
		3 => 1,
		4 => points.saturating_add(1),
		_ => u.int_in_range(0..=points.max(1))?,
	})
}

/// Up to a little more than one era of blocks, mostly a few.
fn blocks(u: &mut Unstructured) -> Result<u32> {
	let era = SESSION_LENGTH as u32 * SessionsPerEra::get();
	Ok(match u.int_in_range(0u8..=3)? {
		0 => era,
		1 => u.int_in_range(1..=era + SESSION_LENGTH as u32)?,
		_ => u.int_in_range(1..=SESSION_LENGTH as u32)?,
	})
}

fn offence(u: &mut Unstructured) -> Result<Action> {
	let validators = pallet_session::Validators::<Test>::get();
	let mut offenders = Vec::new();
	for _ in 0..u.int_in_range(1u8..=2)? {
		offenders.push(if u.ratio(3u8, 4)? && !validators.is_empty() {
			*u.choose(&validators)?
		} else {
			account(u)?
		});
	}
	let session = Session::current_index().saturating_sub(u.int_in_range(0..=4)?);
	let reporters = accounts(u, 2)?;
	Ok(Action::Offence { offenders, session, fraction: perbill(u)?, reporters })
}

fn transfer(u: &mut Unstructured) -> Result<Action> {
	let from = signer(u)?;
	let dest = account(u)?;
	let value = amount(u, from)?;
	let call = if u.arbitrary()? {
		pallet_balances::Call::transfer_keep_alive { dest, value }
	} else {
		pallet_balances::Call::transfer_allow_death { dest, value }
	};
	Ok(Action::Call { origin: Origin::Signed(from), call: call.into() })
}

/// A call any staker or anyone may make, mostly signed, sometimes from a bad origin.
fn staker_call(u: &mut Unstructured) -> Result<Action> {
	let who = signer(u)?;
	let origin = match u.int_in_range(0u8..=31)? {
		0 => Origin::Root,
		1 => Origin::Unsigned,
		_ => Origin::Signed(who),
	};
	let call = match u.int_in_range(0u8..=15)? {
		0 => StakingCall::bond { value: amount(u, who)?, payee: payee(u)? },
		1 => StakingCall::bond_extra { max_additional: amount(u, who)? },
		2 => StakingCall::unbond { value: amount(u, who)? },
		3 => StakingCall::withdraw_unbonded { num_slashing_spans: u.arbitrary()? },
		4 => StakingCall::rebond { value: amount(u, who)? },
		5 => StakingCall::validate { prefs: prefs(u)? },
		6 => StakingCall::nominate { targets: targets(u, who)? },
		7 => StakingCall::chill {},
		8 => StakingCall::set_payee { payee: payee(u)? },
		9 => StakingCall::kick { who: accounts(u, 4)? },
		10 => StakingCall::chill_other { stash: account(u)? },
		11 => StakingCall::reap_stash { stash: account(u)?, num_slashing_spans: 0 },
		12 => StakingCall::payout_stakers { validator_stash: elected_or_any(u)?, era: era(u)? },
		13 => StakingCall::payout_stakers_by_page {
			validator_stash: elected_or_any(u)?,
			era: era(u)?,
			page: page(u)?,
		},
		14 => StakingCall::apply_slash { due_era: slash_era(u)? },
		_ => StakingCall::nominate { targets: candidates(u)? },
	};
	Ok(Action::Call { origin, call: call.into() })
}

/// A call of `AdminOrigin` or `SlashCancelOrigin` (Root in the test runtime), mostly from
/// Root, sometimes from a staker or no one.
fn admin_call(u: &mut Unstructured) -> Result<Action> {
	let origin = match u.int_in_range(0u8..=7)? {
		0 => Origin::Signed(signer(u)?),
		1 => Origin::Unsigned,
		_ => Origin::Root,
	};
	let call = match u.int_in_range(0u8..=11)? {
		0 => StakingCall::set_staking_configs {
			min_nominator_bond: config_op(u, |u| amount(u, ALICE))?,
			min_validator_bond: config_op(u, |u| amount(u, ALICE))?,
			max_nominator_count: config_op(u, |u| u.int_in_range(0..=8))?,
			max_validator_count: config_op(u, |u| u.int_in_range(0..=8))?,
			chill_threshold: config_op(u, |u| Ok(Percent::from_percent(u.int_in_range(0..=100)?)))?,
			min_commission: config_op(u, perbill)?,
		},
		1 => StakingCall::set_min_commission { new: perbill(u)? },
		2 => StakingCall::force_apply_min_commission { validator_stash: account(u)? },
		3 => StakingCall::force_unstake { stash: account(u)?, num_slashing_spans: 0 },
		4 => StakingCall::set_validator_count { new: validator_count(u)? },
		5 => StakingCall::increase_validator_count { additional: validator_count(u)? },
		6 => StakingCall::scale_validator_count {
			factor: Percent::from_percent(u.int_in_range(0..=100)?),
		},
		7 => StakingCall::force_no_eras {},
		8 => StakingCall::force_new_era {},
		9 => StakingCall::force_new_era_always {},
		10 => StakingCall::manual_slash {
			validator_stash: elected_or_any(u)?,
			offence_era: era(u)?,
			slash_fraction: perbill(u)?,
		},
		_ => {
			let era = slash_era(u)?;
			StakingCall::cancel_deferred_slash { due_era: era, slash_indices: indices(u, era)? }
		},
	};
	Ok(Action::Call { origin, call: call.into() })
}

fn account(u: &mut Unstructured) -> Result<AccountId> {
	u.choose(&ACCOUNTS).copied()
}

fn signer(u: &mut Unstructured) -> Result<AccountId> {
	u.choose(&SIGNERS).copied()
}

/// Up to `max` accounts, possibly repeated.
fn accounts(u: &mut Unstructured, max: u8) -> Result<Vec<AccountId>> {
	(0..u.int_in_range(0..=max)?).map(|_| account(u)).collect()
}

/// Validators to nominate: mostly a few of the accounts, sometimes none, oneself, repeats,
/// or more than `MaxNominations`.
fn targets(u: &mut Unstructured, who: AccountId) -> Result<Vec<AccountId>> {
	Ok(match u.int_in_range(0u8..=9)? {
		0 => Vec::new(),
		1 => vec![who],
		2 => (1..=20).collect(),
		3 => {
			let target = account(u)?;
			vec![target, target]
		},
		_ => accounts(u, 5)?,
	})
}

/// Up to three of the validator candidates, so that nominations are mostly exposed.
fn candidates(u: &mut Unstructured) -> Result<Vec<AccountId>> {
	let candidates: Vec<AccountId> = Validators::<Test>::iter_keys().collect();
	let mut targets = Vec::new();
	for _ in 0..u.int_in_range(1u8..=3)? {
		if let Ok(target) = u.choose(&candidates) {
			if !targets.contains(target) {
				targets.push(*target);
			}
		}
	}
	Ok(targets)
}

/// An amount of `who`'s: an edge value (zero, one, around the existential deposit, all it
/// has and one more, its active bond, the maximum), or a random part of its free balance.
fn amount(u: &mut Unstructured, who: AccountId) -> Result<Balance> {
	let free = Balances::balance(&who);
	let active = Ledger::<Test>::get(who).map_or(0, |ledger| ledger.active);
	Ok(match u.int_in_range(0u8..=11)? {
		0 => 0,
		1 => 1,
		2 => ED - 1,
		3 => ED,
		4 => free,
		5 => free.saturating_add(1),
		6 => Balance::MAX,
		7 => active,
		8 => active.saturating_add(1),
		_ => u.int_in_range(0..=free.max(1))?,
	})
}

fn payee(u: &mut Unstructured) -> Result<RewardDestination<AccountId>> {
	Ok(match u.int_in_range(0u8..=3)? {
		0 => RewardDestination::Staked,
		1 => RewardDestination::Stash,
		2 => RewardDestination::Account(account(u)?),
		_ => RewardDestination::None,
	})
}

fn prefs(u: &mut Unstructured) -> Result<ValidatorPrefs> {
	Ok(ValidatorPrefs { commission: perbill(u)?, blocked: u.ratio(1u8, 4)? })
}

/// A fraction: none, all, the test runtime's maximum commission, one part, or any.
fn perbill(u: &mut Unstructured) -> Result<Perbill> {
	Ok(match u.int_in_range(0u8..=5)? {
		0 => Perbill::zero(),
		1 => Perbill::one(),
		2 => MaxCommission::get(),
		3 => Perbill::from_parts(1),
		_ => Perbill::from_parts(u.int_in_range(0..=1_000_000_000)?),
	})
}

/// An era: mostly near the current one, sometimes the first or the last there can be.
fn era(u: &mut Unstructured) -> Result<EraIndex> {
	let current = CurrentEra::<Test>::get().unwrap_or_default();
	let active = ActiveEra::<Test>::get().map_or(0, |era| era.index);
	Ok(match u.int_in_range(0u8..=8)? {
		0 => 0,
		1 => EraIndex::MAX,
		2 => current.saturating_add(1),
		3 => current,
		4 => active.saturating_sub(1),
		5 => active,
		6 => active.saturating_add(SlashDeferDuration::get()),
		_ => u.int_in_range(0..=current.saturating_add(2))?,
	})
}

/// Mostly one of the session's validators, sometimes any account.
fn elected_or_any(u: &mut Unstructured) -> Result<AccountId> {
	let validators = pallet_session::Validators::<Test>::get();
	if validators.is_empty() || u.ratio(1u8, 4)? {
		return account(u);
	}
	u.choose(&validators).copied()
}

/// Mostly an era with slashes waiting to be applied, sometimes any era.
fn slash_era(u: &mut Unstructured) -> Result<EraIndex> {
	let eras = UnappliedSlashEras::<Test>::get();
	if eras.is_empty() || u.ratio(1u8, 4)? {
		return era(u);
	}
	u.choose(&eras).copied()
}

fn page(u: &mut Unstructured) -> Result<u32> {
	Ok(if u.ratio(1u8, 8)? { u32::MAX } else { u.int_in_range(0..=3)? })
}

fn validator_count(u: &mut Unstructured) -> Result<u32> {
	Ok(if u.ratio(1u8, 8)? { u32::MAX } else { u.int_in_range(0..=6)? })
}

/// Indices of `era`'s unapplied slashes: mostly some of them in order, sometimes none,
/// repeats, disorder, or indices beyond them.
fn indices(u: &mut Unstructured, era: EraIndex) -> Result<Vec<u32>> {
	let stored = Staking::unapplied_slash_count(era);
	if stored > 0 && u.arbitrary()? {
		let mut indices = Vec::new();
		for index in 0..stored {
			if u.arbitrary()? {
				indices.push(index);
			}
		}
		return Ok(indices);
	}
	let mut indices: Vec<u32> = (0..u.int_in_range(0u8..=3)?)
		.map(|_| u.int_in_range(0..=stored.saturating_add(1)))
		.collect::<Result<_>>()?;
	if u.ratio(1u8, 2)? {
		indices.sort();
		indices.dedup();
	}
	Ok(indices)
}

fn config_op<T: Default + codec::Codec>(
	u: &mut Unstructured,
	value: impl FnOnce(&mut Unstructured) -> Result<T>,
) -> Result<ConfigOp<T>> {
	Ok(match u.int_in_range(0u8..=3)? {
		0 => ConfigOp::Noop,
		1 => ConfigOp::Remove,
		_ => ConfigOp::Set(value(u)?),
	})
}
