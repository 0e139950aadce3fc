// Governance on a live `palisade-node --dev`, through Polkadot.js as Apps' Governance pages
// build it: a referendum on the StakingAdmin track, voted with funds bonded in staking,
// changes a staking parameter on chain.

import { Keyring } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { eventsOf, startNode, submit, waitFor } from './lib/node.js';

const PAL = 10n ** 12n;
let node;
let api;
let keys;

before(async () => {
  await cryptoWaitReady();
  keys = new Keyring({ type: 'sr25519', ss58Format: 42 });
  node = await startNode(['--dev']);
  api = node.api;
});

after(async () => {
  await node?.stop();
});

test('the runtime exposes governance under the names Apps looks for', () => {
  for (const pallet of ['staking', 'session', 'babe', 'grandpa', 'referenda', 'convictionVoting', 'council', 'treasury', 'utility', 'proxy']) {
    assert.ok(api.tx[pallet] ?? api.query[pallet], `${pallet} in the metadata`);
  }
  // Track names are fixed-size byte arrays, padded with zeros.
  const name = (info) => Buffer.from(info.name.toU8a(true)).toString('utf8').replace(/\0+$/, '');
  const tracks = api.consts.referenda.tracks.map(([id, info]) => [id.toNumber(), name(info)]);
  assert.deepEqual(tracks, [[0, 'root'], [1, 'staking_admin'], [2, 'treasurer']]);
});

test('a StakingAdmin referendum voted with bonded funds changes the validator count', async () => {
  const alice = keys.addFromUri('//Alice');
  const bob = keys.addFromUri('//Bob');
  const before = (await api.query.staking.validatorCount()).toNumber();
  const wanted = before + 5;

  // Bob, a genesis nominator, bonds almost everything he has.
  await submit(api, api.tx.staking.bondExtra(980_000n * PAL), bob);
  const bonded = (await api.query.staking.ledger(bob.address)).unwrap().active.toBigInt();
  assert.ok(bonded >= 990_000n * PAL);

  // Alice submits the call on the StakingAdmin track and places the decision deposit.
  const proposal = api.tx.staking.setValidatorCount(wanted);
  const submitted = await submit(api, api.tx.referenda.submit(
    { Origins: 'StakingAdmin' }, { Inline: proposal.method.toHex() }, { After: 1 }
  ), alice);
  const [{ data: { index, track } }] = eventsOf(submitted, 'referenda', 'Submitted');
  assert.equal(track.toNumber(), 1, 'the StakingAdmin track');
  await submit(api, api.tx.referenda.placeDecisionDeposit(index), alice);

  // Bob votes aye with his bonded funds: more than his free balance.
  const free = (await api.query.system.account(bob.address)).data.free.toBigInt();
  assert.ok(bonded > free, 'the vote is larger than what Bob could vote with unbonded funds');
  await submit(api, api.tx.convictionVoting.vote(index, {
    Standard: { vote: { aye: true, conviction: 'Locked1x' }, balance: bonded }
  }), bob);
  const locks = await api.query.balances.locks(bob.address);
  assert.ok(locks.some((lock) => lock.amount.toBigInt() === bonded), 'the vote locks the bonded funds');

  // The referendum passes, and the StakingAdmin origin dispatches the call.
  await waitFor(async () => (await api.query.staking.validatorCount()).toNumber() === wanted,
    4 * 60_000, `the validator count to become ${wanted}`);
  const info = (await api.query.referenda.referendumInfoFor(index)).unwrap();
  assert.ok(info.isApproved, `referendum ${index} approved, not ${info.type}`);
  // The stake is still bonded and held.
  assert.equal((await api.query.staking.ledger(bob.address)).unwrap().active.toBigInt(), bonded);
});
