#!/usr/bin/env node
// A pool member's tasks with @polkadot/api, as docs/nominator-guide.md's "Join a pool" walks
// through them:
//
//   node examples/pool-member.js pools                                (the open pools)
//   node examples/pool-member.js join       <secret> <pool id> <PAL>
//   node examples/pool-member.js status     <secret>
//   node examples/pool-member.js permission <secret> paid|compound|both|manual
//   node examples/pool-member.js rewards    <secret>                   (waits for one, no claim)
//   node examples/pool-member.js unbond     <secret> <PAL>|all
//   node examples/pool-member.js withdraw   <secret>
//
// <secret> is a secret URI (a mnemonic, or `//Alice` on dev chains). The node is
// ws://127.0.0.1:9944 unless PALISADE_WS names another.

import { account, connect, pal as palWith, plancks, send } from './common.js';

/** The pools' claim permissions, by what they let the chain do with a member's rewards. */
const PERMISSIONS = {
  paid: 'PermissionlessWithdraw',
  compound: 'PermissionlessCompound',
  both: 'PermissionlessAll',
  manual: 'Permissioned'
};

/** `plancks` as PAL with 9 decimals (a small member's era reward is a few millionths). */
function pal (plancks) {
  return palWith(plancks, 9);
}

async function pools (api) {
  for (const [key, pool] of await api.query.nominationPools.bondedPools.entries()) {
    const id = key.args[0].toNumber();
    const { state, memberCounter } = pool.unwrap();
    const [bonded] = await api.call.nominationPoolsApi.poolAccounts(id);
    const [ledger, nominations, metadata] = await Promise.all([
      api.query.staking.ledger(bonded),
      api.query.staking.nominators(bonded),
      api.query.nominationPools.metadata(id)
    ]);
    const stake = ledger.isSome ? pal(ledger.unwrap().active) : 'nothing';
    const targets = nominations.isSome ? nominations.unwrap().targets.length : 0;
    console.log(`pool ${id} (${metadata.toUtf8() || 'no name'}): ${state.toString()}, ${memberCounter} members, ${stake} bonded, nominating ${targets} validators`);
  }
}

async function join (api, who, poolId, value) {
  await send(api, api.tx.nominationPools.join(value, poolId), who);
  console.log(`joined pool ${poolId} with ${pal(value)}`);
}

async function status (api, who) {
  const member = await api.query.nominationPools.poolMembers(who.address);
  if (member.isNone) {
    console.log('not a pool member');
    return;
  }
  const { poolId, points, unbondingEras } = member.unwrap();
  const [balance, pending, permission, era] = await Promise.all([
    api.call.nominationPoolsApi.memberTotalBalance(who.address),
    api.call.nominationPoolsApi.pendingRewards(who.address),
    api.query.nominationPools.claimPermissions(who.address),
    api.query.staking.currentEra()
  ]);
  console.log(`current era: ${era.unwrapOr(0)}`);
  console.log(`pool ${poolId}: ${points.toBigInt()} points, ${pal(balance)} in the pool, pending rewards ${pal(pending)}`);
  const chosen = Object.entries(PERMISSIONS).find(([, name]) => name === permission.toString())?.[0];
  console.log(`rewards: ${chosen} (${permission.toString()})`);
  for (const [unbondEra, unbondPoints] of unbondingEras) {
    console.log(`unbonding: ${unbondPoints.toBigInt()} points, withdrawable from era ${unbondEra}`);
  }
}

async function permission (api, who, choice) {
  const name = PERMISSIONS[choice];
  if (!name) throw new Error(`permission must be one of ${Object.keys(PERMISSIONS).join(', ')}`);
  await send(api, api.tx.nominationPools.setClaimPermission(name), who);
  console.log(`rewards: ${choice} (${name})`);
}

/** Waits until the chain pays or compounds the member's rewards, with no call from it: in a
 * block after this one. */
async function rewards (api, who) {
  console.log(`waiting for the chain to pay or compound the rewards of ${who.address}…`);
  const start = (await api.rpc.chain.getHeader()).number.toNumber();
  const before = {
    free: (await api.query.system.account(who.address)).data.free.toBigInt(),
    points: (await api.query.nominationPools.poolMembers(who.address)).unwrap().points.toBigInt()
  };
  await new Promise((resolve, reject) => {
    const unsubscribe = api.rpc.chain.subscribeNewHeads(async (header) => {
      if (header.number.toNumber() <= start) return;
      try {
        const at = await api.at(header.hash);
        const paid = (await at.query.system.events()).find(({ event }) =>
          api.events.nominationPools.PaidOut.is(event) && event.data.member.toString() === who.address);
        if (!paid) return;
        (await unsubscribe)();
        const [{ data }, member] = await Promise.all([
          at.query.system.account(who.address),
          at.query.nominationPools.poolMembers(who.address)
        ]);
        const points = member.unwrap().points.toBigInt();
        const how = points > before.points
          ? `compounded: +${points - before.points} points`
          : `paid: +${pal(data.free.toBigInt() - before.free)}`;
        console.log(`block ${header.number}: rewarded ${pal(paid.event.data.payout)}; ${how}`);
        resolve();
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** Unbonds `value` plancks' worth of points, or every point with `all`. */
async function unbond (api, who, value) {
  const member = (await api.query.nominationPools.poolMembers(who.address)).unwrap();
  const points = value === 'all'
    ? member.points
    : await api.call.nominationPoolsApi.balanceToPoints(member.poolId, value);
  value = await api.call.nominationPoolsApi.pointsToBalance(member.poolId, points);
  await send(api, api.tx.nominationPools.unbond(who.address, points), who);
  const eras = (await api.query.nominationPools.poolMembers(who.address)).unwrap().unbondingEras;
  const era = Math.max(...[...eras.keys()].map((e) => e.toNumber()));
  console.log(`unbonding ${pal(value)}; withdrawable from era ${era}`);
}

async function withdraw (api, who) {
  const era = (await api.query.staking.currentEra()).unwrapOr(0).toNumber();
  const member = (await api.query.nominationPools.poolMembers(who.address)).unwrapOr(null);
  const eras = member ? [...member.unbondingEras.keys()].map((e) => e.toNumber()).sort((a, b) => a - b) : [];
  if (!eras.some((e) => e <= era)) {
    console.log(eras.length === 0 ? 'nothing is unbonding' : `nothing to withdraw yet: the next chunk unlocks in era ${eras[0]} (now ${era})`);
    return;
  }
  const events = await send(api, api.tx.nominationPools.withdrawUnbonded(who.address, 0), who);
  for (const event of events.filter((e) => api.events.nominationPools.Withdrawn.is(e))) {
    console.log(`withdrawn: ${pal(event.data.balance)}`);
  }
}

async function main ([command, secret, ...rest]) {
  const commands = { pools, join, status, permission, rewards, unbond, withdraw };
  if (!commands[command] || (command !== 'pools' && !secret)) {
    console.error('usage: pool-member.js pools | join|status|permission|rewards|unbond|withdraw <secret> [args]');
    process.exit(2);
  }
  const api = await connect();
  try {
    if (command === 'pools') {
      await pools(api);
      return;
    }
    const who = account(secret);
    if (command === 'join') await join(api, who, Number(rest[0]), plancks(rest[1]));
    else if (command === 'unbond') await unbond(api, who, rest[0] === 'all' ? 'all' : plancks(rest[0]));
    else if (command === 'permission') await permission(api, who, rest[0]);
    else await commands[command](api, who);
  } finally {
    await api.disconnect();
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error.message);
  process.exit(1);
});
