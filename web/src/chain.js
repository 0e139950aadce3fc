// Everything the dashboard reads from the chain, as plain objects. One function per view.

import { ApiPromise, WsProvider } from '@polkadot/api';
import { perbill, toTokens } from './format.js';

const PERQUINTILL = 10n ** 18n;

/** Connects to the node at `url` (a WebSocket address). */
export async function connect (url) {
  const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true });
  await api.isReady;
  return api;
}

/** The planned length of an era in milliseconds. */
export function eraLengthMs (api) {
  const blockMs = api.consts.babe.expectedBlockTime.toNumber();
  const sessionBlocks = api.consts.babe.epochDuration.toNumber();
  return api.consts.staking.sessionsPerEra.toNumber() * sessionBlocks * blockMs;
}

/** The network: era progress, stake, issuance and the election. */
export async function readNetwork (api) {
  const [activeEra, currentEra, progress, issuance, election, validators] = await Promise.all([
    api.query.staking.activeEra(),
    api.query.staking.currentEra(),
    api.derive.session.progress(),
    api.query.balances.totalIssuance(),
    api.query.staking.nextEraElection(),
    api.query.session.validators()
  ]);
  const era = activeEra.unwrapOr(null);
  const index = era ? era.index.toNumber() : 0;
  const totalStake = await api.query.staking.erasTotalStake(index);
  const blockMs = api.consts.babe.expectedBlockTime.toNumber();
  const eraBlocks = progress.eraLength.toNumber();
  const eraDone = progress.eraProgress.toNumber();
  const providerPhase = api.query.multiBlockElection
    ? (await api.query.multiBlockElection.currentPhase()).type
    : null;
  return {
    era: index,
    currentEra: currentEra.unwrapOr(null)?.toNumber() ?? null,
    eraStart: era?.start.unwrapOr(null)?.toNumber() ?? null,
    eraBlocks,
    eraDone,
    msToNextEra: Math.max(0, eraBlocks - eraDone) * blockMs,
    eraMs: eraLengthMs(api),
    issuance: toTokens(issuance),
    totalStake: toTokens(totalStake),
    stakingRate: toTokens(totalStake) / Math.max(toTokens(issuance), 1e-18),
    election: election.type,
    providerPhase,
    elected: validators.length
  };
}

/** Every validator candidate, and every validator elected this era, with what the table shows. */
export async function readValidators (api, era) {
  const [candidates, elected, points, pending, bondedEras] = await Promise.all([
    api.query.staking.validators.entries(),
    api.query.session.validators(),
    api.query.staking.erasRewardPoints(era),
    api.query.staking.pendingCommission.entries(),
    api.query.staking.bondedEras()
  ]);
  const electedSet = new Set(elected.map((who) => who.toString()));
  const prefs = new Map(candidates.map(([key, value]) => [key.args[0].toString(), value]));
  const stashes = [...new Set([...prefs.keys(), ...electedSet])];
  const announced = new Map(pending.map(([key, value]) => [key.args[0].toString(), value.unwrap()]));
  const earned = new Map([...points.individual.entries()].map(([who, p]) => [who.toString(), p.toNumber()]));
  const slashable = bondedEras.map(([bonded]) => bonded.toNumber());
  const slashed = new Set();
  for (const slashEra of slashable) {
    const entries = await api.query.staking.validatorSlashInEra.keys(slashEra);
    entries.forEach((key) => slashed.add(key.args[1].toString()));
  }
  const [overviews, ledgers] = await Promise.all([
    Promise.all(stashes.map((stash) => api.query.staking.erasStakersOverview(era, stash))),
    Promise.all(stashes.map((stash) => api.query.staking.ledger(stash)))
  ]);
  return stashes.map((stash, i) => {
    const overview = overviews[i].unwrapOr(null);
    const ledger = ledgers[i].unwrapOr(null);
    const pref = prefs.get(stash);
    const increase = announced.get(stash);
    return {
      stash,
      candidate: prefs.has(stash),
      elected: electedSet.has(stash),
      commission: pref ? perbill(pref.commission.unwrap ? pref.commission.unwrap() : pref.commission) : null,
      blocked: pref ? pref.blocked.isTrue : false,
      announced: increase ? { commission: perbill(increase.commission), era: increase.effectiveEra.toNumber() } : null,
      own: overview ? toTokens(overview.own.unwrap ? overview.own.unwrap() : overview.own) : (ledger ? toTokens(ledger.active.unwrap()) : 0),
      total: overview ? toTokens(overview.total.unwrap ? overview.total.unwrap() : overview.total) : null,
      nominators: overview ? overview.nominatorCount.toNumber() : null,
      points: earned.get(stash) ?? 0,
      slashed: slashed.has(stash)
    };
  });
}

/** Where `who` stood behind `validator` in `era`: its stake and page, if it was exposed. */
async function exposureOf (api, era, validator, who) {
  const overview = (await api.query.staking.erasStakersOverview(era, validator)).unwrapOr(null);
  if (!overview) {
    return null;
  }
  const pages = overview.pageCount.toNumber();
  const own = BigInt((overview.own.unwrap ? overview.own.unwrap() : overview.own).toString());
  const total = BigInt((overview.total.unwrap ? overview.total.unwrap() : overview.total).toString());
  if (validator === who) {
    return { validator, page: 0, value: own, total, own: true };
  }
  for (let page = 0; page < pages; page++) {
    const stored = (await api.query.staking.erasStakersPaged(era, validator, page)).unwrapOr(null);
    const entry = stored?.others.find((exposure) => exposure.who.toString() === who);
    if (entry) {
      return { validator, page, value: BigInt(entry.value.unwrap().toString()), total, own: false };
    }
  }
  return null;
}

/**
 * What `who` earned in `era` from each validator it backed, with the staking pallet's own
 * rounding (shares as `Perquintill`, rounded down; commission as `Perbill`, rounded down).
 */
async function earnedIn (api, era, who, validators) {
  const [reward, points] = await Promise.all([
    api.query.staking.erasValidatorReward(era),
    api.query.staking.erasRewardPoints(era)
  ]);
  if (reward.isNone) {
    return null;
  }
  const payout = BigInt(reward.unwrap().toString());
  const totalPoints = BigInt(points.total.toString());
  let sum = 0n;
  for (const validator of validators) {
    const exposure = await exposureOf(api, era, validator, who);
    if (!exposure || totalPoints === 0n) {
      continue;
    }
    const earnedPoints = BigInt(([...points.individual.entries()]
      .find(([stash]) => stash.toString() === validator)?.[1] ?? 0).toString());
    const share = earnedPoints * PERQUINTILL / totalPoints;
    const part = share * payout / PERQUINTILL;
    const prefs = await api.query.staking.erasValidatorPrefs(era, validator);
    // A validator backed by nothing takes its whole part as commission.
    const commission = exposure.total === 0n
      ? part
      : BigInt(prefs.commission.unwrap().toString()) * part / 1_000_000_000n;
    const leftover = part - commission;
    const stakeShare = exposure.total === 0n ? 0n : exposure.value * PERQUINTILL / exposure.total;
    sum += stakeShare * leftover / PERQUINTILL + (exposure.own ? commission : 0n);
  }
  return sum;
}

/** An account's stake: bond, nominations, rewards per era, unbonding, slashes, pool. */
export async function readAccount (api, who, era) {
  const [ledger, nominations, payee, member, schedule, pending, yieldPerYear, history] = await Promise.all([
    api.query.staking.ledger(who),
    api.query.staking.nominators(who),
    api.query.staking.payee(who),
    api.query.nominationPools ? api.query.nominationPools.poolMembers(who) : null,
    api.call.palisadeStakingApi.unbondingSchedule(who),
    api.call.palisadeStakingApi.pendingRewards(who),
    api.call.palisadeStakingApi.projectedAnnualYield(who),
    api.query.staking.erasValidatorReward.keys()
  ]);
  const bonded = ledger.unwrapOr(null);
  const currentEra = (await api.query.staking.currentEra()).unwrapOr(null)?.toNumber() ?? null;
  const targets = nominations.isSome ? nominations.unwrap().targets.map((t) => t.toString()) : [];
  const active = [];
  for (const target of targets) {
    if (await exposureOf(api, era, target, who)) {
      active.push(target);
    }
  }
  // Eras paid from their exposure pages (all, on a chain that started at storage version 3).
  const pagedFrom = (await api.query.staking.pagedPayoutsFrom()).toNumber();
  const eras = history.map((key) => key.args[0].toNumber()).filter((e) => e >= pagedFrom)
    .sort((a, b) => a - b).slice(-14);
  const rewards = [];
  for (const rewardEra of eras) {
    // Whoever the account backed in that era, whatever it nominates now.
    const backed = (await api.query.staking.erasStakersOverview.keys(rewardEra)).map((key) => key.args[1].toString());
    const earned = await earnedIn(api, rewardEra, who, backed);
    if (earned !== null) {
      rewards.push({ era: rewardEra, amount: toTokens(earned), plancks: earned.toString() });
    }
  }
  const slashes = [];
  for (const due of (await api.query.staking.unappliedSlashEras())) {
    const overflow = (await api.query.staking.unappliedSlashOverflow.entries(due)).map(([, slash]) => slash.unwrap());
    for (const slash of [...await api.query.staking.unappliedSlashes(due), ...overflow]) {
      const mine = slash.validator.toString() === who
        ? slash.own
        : slash.others.find(([staker]) => staker.toString() === who)?.[1];
      if (mine && !mine.isZero()) {
        slashes.push({ dueEra: due.toNumber(), validator: slash.validator.toString(), amount: toTokens(mine) });
      }
    }
  }
  return {
    bonded: bonded
      ? { active: toTokens(bonded.active.unwrap()), total: toTokens(bonded.total.unwrap()) }
      : null,
    payee: payee.isSome ? payee.unwrap().type : null,
    targets,
    active,
    rewards,
    pending: pending.map(([pendingEra, amount]) => ({ era: pendingEra.toNumber(), amount: toTokens(amount) })),
    projectedYield: Number(yieldPerYear.toString()) / 1e18,
    // A chunk can be withdrawn once the current (planned) era reaches its era.
    unbonding: schedule.map((chunk) => ({
      amount: toTokens(chunk.value),
      era: chunk.era.toNumber(),
      at: chunk.expectedAt.unwrapOr(null)?.toNumber() ?? null,
      ready: currentEra !== null && chunk.era.toNumber() <= currentEra
    })),
    slashes,
    pool: member?.isSome
      ? { id: member.unwrap().poolId.toNumber(), points: member.unwrap().points.toBigInt() }
      : null
  };
}

/** The nomination pools: id, state, members and bonded stake, for joining one. */
export async function readPools (api) {
  if (!api.query.nominationPools) {
    return [];
  }
  const pools = await api.query.nominationPools.bondedPools.entries();
  return pools.map(([key, pool]) => {
    const value = pool.unwrap();
    return {
      id: key.args[0].toNumber(),
      state: value.state.type,
      members: value.memberCounter.toNumber(),
      points: toTokens(value.points)
    };
  });
}
