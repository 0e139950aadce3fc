// Era rewards on a live `palisade-node --dev`: each era is paid (`EraPaid`), a nominator's
// bond grows every era without anyone submitting a payout, a page can still be paid by hand
// (once), and wallets read amounts from the runtime API.

import { Keyring } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { eventsOf, startNode, submit, waitFor } from './lib/node.js';

let node;
let api;
let keys;
let unsubscribe;
/** Every staking event seen, with the number of the block it was in. */
const seen = [];

before(async () => {
  await cryptoWaitReady();
  keys = new Keyring({ type: 'sr25519', ss58Format: 42 });
  node = await startNode(['--dev']);
  api = node.api;
  unsubscribe = await api.rpc.chain.subscribeNewHeads(async (header) => {
    const events = await (await api.at(header.hash)).query.system.events();
    for (const { event } of events) {
      if (event.section === 'staking') seen.push({ block: header.number.toNumber(), event });
    }
  });
});

after(async () => {
  unsubscribe?.();
  await node?.stop();
});

/** The first `staking.<method>` event seen whose data satisfies `match`. */
function waitForEvent (method, match, timeoutMs, what) {
  let found;
  return waitFor(() => {
    found = seen.find(({ event }) => event.method === method && match(event.data));
    return found !== undefined;
  }, timeoutMs, what).then(() => found.event);
}

/** Bob's active bond: he nominates Alice from genesis and bonds his rewards. */
async function bobActive () {
  const bob = keys.addFromUri('//Bob').address;
  return (await api.query.staking.ledger(bob)).unwrap().active.unwrap().toBigInt();
}

test('eras are paid: by hand within the delay, then automatically, and never twice', async () => {
  const alice = keys.addFromUri('//Alice').address;
  const bob = keys.addFromUri('//Bob').address;
  const charlie = keys.addFromUri('//Charlie');

  // Era 0 ends: its payout is set and the remainder goes to the treasury.
  const paid = await waitForEvent('EraPaid', (data) => data.eraIndex.toNumber() === 0, 150_000, 'EraPaid of era 0');
  assert.ok(paid.data.validatorPayout.toBigInt() > 0n, 'stakers share a payout');
  assert.ok(paid.data.remainder.toBigInt() > 0n, 'the curve leaves a remainder');
  assert.ok((await api.query.staking.erasValidatorReward(0)).unwrap().toBigInt() > 0n);

  // Within the automatic payout's delay, anyone may pay Alice's page: it pays Alice and her
  // three genesis nominators.
  const before = await bobActive();
  const events = await submit(api, api.tx.staking.payoutStakers(alice, 0), charlie);
  assert.equal(eventsOf(events, 'staking', 'PayoutStarted').length, 1);
  const rewarded = eventsOf(events, 'staking', 'Rewarded').map((e) => e.data.stash.toString());
  const stashes = ['//Alice//stash', '//Bob//stash'].map((uri) => keys.addFromUri(uri).address);
  assert.deepEqual(rewarded.sort(), [alice, bob, ...stashes].sort());
  assert.ok(await bobActive() > before, "Bob's reward is bonded");
  assert.deepEqual((await api.query.staking.claimedRewards(0, alice)).toJSON(), [0]);
  // A paid page is not paid again.
  await assert.rejects(submit(api, api.tx.staking.payoutStakers(alice, 0), charlie), /staking\.AlreadyClaimed/);
  assert.equal((await api.call.stakingApi.pendingRewards(0, alice)).isTrue, false);

  // The next two eras are paid automatically: Bob's bond grows each time, and he has
  // submitted nothing.
  let last = await bobActive();
  for (const era of [1, 2]) {
    await waitForEvent('EraRewardsPaid', (data) => data.era.toNumber() === era, 150_000, `the payout of era ${era}`);
    const now = await bobActive();
    assert.ok(now > last, `Bob's bond grew with era ${era}'s reward`);
    last = now;
  }
  assert.equal((await api.rpc.system.accountNextIndex(bob)).toNumber(), 0, 'Bob sent no transaction');

  // Polkadot.js Apps' Payouts page lists what is left to claim through this derive: nothing,
  // for the eras already paid.
  const rewards = await api.derive.staking.stakerRewards(bob);
  const unclaimed = rewards.filter((reward) => reward.era.toNumber() <= 2 && !reward.isClaimed && !reward.isEmpty);
  assert.deepEqual(unclaimed.map((reward) => reward.era.toNumber()), []);
});

test('wallets read pending rewards, the unbonding schedule and the projected yield', async () => {
  const bob = keys.addFromUri('//Bob').address;
  // A fixed-point number, 10^18 for 100 % a year (on a dev chain, with little of the issuance
  // staked, it is much more).
  const yieldOfBob = await api.call.palisadeStakingApi.projectedAnnualYield(bob);
  assert.ok(yieldOfBob.toBigInt() > 0n, 'Bob earns');
  const pending = await api.call.palisadeStakingApi.pendingRewards(bob);
  assert.ok(Array.isArray(pending.toJSON()));
  const schedule = await api.call.palisadeStakingApi.unbondingSchedule(bob);
  assert.deepEqual(schedule.toJSON(), []);
  assert.equal((await api.call.stakingApi.nominationsQuota(1)).toNumber(), 16);
});
