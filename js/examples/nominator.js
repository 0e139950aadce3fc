#!/usr/bin/env node
// A nominator's tasks with @polkadot/api, as docs/nominator-guide.md walks through them:
//
//   node examples/nominator.js status   <secret>
//   node examples/nominator.js bond     <secret> <PAL>
//   node examples/nominator.js nominate <secret> [validator address …]   (default: the active set)
//   node examples/nominator.js rewards  <secret> [count]                  (waits for rewards)
//   node examples/nominator.js unbond   <secret> <PAL>
//   node examples/nominator.js withdraw <secret>
//
// <secret> is a secret URI (a mnemonic, or `//Alice` on dev chains). The node is
// ws://127.0.0.1:9944 unless PALISADE_WS names another.

import { account, connect, pal as palWith, plancks, send } from './common.js';

/** `plancks` as PAL with up to 4 decimals. */
function pal (plancks) {
  return palWith(plancks, 4);
}

async function status (api, who) {
  const [ledger, nominations, payee, era] = await Promise.all([
    api.query.staking.ledger(who.address),
    api.query.staking.nominators(who.address),
    api.query.staking.payee(who.address),
    api.query.staking.currentEra()
  ]);
  console.log(`current era: ${era.unwrapOr(0)}`);
  if (ledger.isNone) {
    console.log('not bonded');
    return;
  }
  const { active, total, unlocking } = ledger.unwrap();
  console.log(`bonded: ${pal(total)} (active ${pal(active)}), rewards go to ${payee.toString()}`);
  for (const chunk of unlocking) {
    console.log(`unlocking: ${pal(chunk.value.unwrap())}, withdrawable from era ${chunk.era.unwrap()}`);
  }
  if (nominations.isSome) {
    console.log(`nominating: ${nominations.unwrap().targets.map((t) => t.toString()).join(', ')}`);
  }
}

async function bond (api, who, value) {
  const bonded = (await api.query.staking.ledger(who.address)).isSome;
  const tx = bonded ? api.tx.staking.bondExtra(value) : api.tx.staking.bond(value, 'Staked');
  await send(api, tx, who);
  console.log(`${bonded ? 'bonded extra' : 'bonded'} ${pal(value)}; rewards are bonded too (payee Staked)`);
}

async function nominate (api, who, targets) {
  const chosen = targets.length > 0
    ? targets
    : (await api.query.session.validators()).map((v) => v.toString()).slice(0, api.consts.staking.maxNominations.toNumber());
  await send(api, api.tx.staking.nominate(chosen), who);
  console.log(`nominating ${chosen.join(', ')} from the next election`);
}

async function rewards (api, who, count) {
  console.log(`waiting for ${count} reward(s) of ${who.address}…`);
  let seen = 0;
  await new Promise((resolve) => {
    api.query.system.events((events) => {
      for (const { event } of events) {
        if (api.events.staking.Rewarded.is(event) && event.data.stash.toString() === who.address) {
          console.log(`rewarded: ${pal(event.data.amount)}`);
          if (++seen === count) resolve();
        }
      }
    });
  });
}

async function unbond (api, who, value) {
  await send(api, api.tx.staking.unbond(value), who);
  const chunk = (await api.query.staking.ledger(who.address)).unwrap().unlocking.at(-1);
  console.log(`unbonding ${pal(value)}; withdrawable from era ${chunk.era.unwrap()}`);
}

async function withdraw (api, who) {
  const era = (await api.query.staking.currentEra()).unwrapOr(0).toNumber();
  const ledger = (await api.query.staking.ledger(who.address)).unwrapOr(null);
  const due = ledger?.unlocking.filter((chunk) => chunk.era.unwrap().toNumber() <= era) ?? [];
  if (due.length === 0) {
    const next = ledger?.unlocking.map((chunk) => chunk.era.unwrap().toNumber()).sort((a, b) => a - b)[0];
    console.log(next === undefined ? 'nothing is unbonding' : `nothing to withdraw yet: the next chunk unlocks in era ${next} (now ${era})`);
    return;
  }
  const events = await send(api, api.tx.staking.withdrawUnbonded(0), who);
  const withdrawn = events.filter((event) => api.events.staking.Withdrawn.is(event));
  for (const event of withdrawn) console.log(`withdrawn: ${pal(event.data.amount)}`);
}

async function main ([command, secret, ...rest]) {
  const commands = { status, bond, nominate, rewards, unbond, withdraw };
  if (!commands[command] || !secret) {
    console.error('usage: nominator.js status|bond|nominate|rewards|unbond|withdraw <secret> [args]');
    process.exit(2);
  }
  const who = account(secret);
  const api = await connect();
  try {
    if (command === 'bond' || command === 'unbond') await commands[command](api, who, plancks(rest[0]));
    else if (command === 'nominate') await nominate(api, who, rest);
    else if (command === 'rewards') await rewards(api, who, Number(rest[0] ?? 1));
    else await commands[command](api, who);
  } finally {
    await api.disconnect();
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error.message);
  process.exit(1);
});
