// Nominators' and validators' staking calls, built and decoded by Polkadot.js exactly as the
// Apps Staking pages build them, against a live `palisade-node --dev`.

import { Keyring } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { eventsOf, startNode, submit } from './lib/node.js';

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

test('Polkadot.js finds the staking surface Apps gates on', () => {
  assert.equal(typeof api.tx.staking.bond, 'function');
  // Apps accepts `bond(value, payee)` with an `Account` payee.
  assert.equal(api.tx.staking.bond.meta.args.length, 2);
  assert.doesNotThrow(() => api.tx.staking.bond(1, { Account: keys.addFromUri('//Alice').address }));
  assert.equal(api.consts.staking.historyDepth.toNumber(), 84);
  assert.equal(api.consts.staking.maxNominations.toNumber(), 16);
  for (const item of ['bonded', 'ledger', 'payee', 'validators', 'nominators', 'validatorCount']) {
    assert.equal(typeof api.query.staking[item], 'function', `query.staking.${item}`);
  }
});

test('a holder bonds, validates, nominates, unbonds and rebonds', async () => {
  const charlie = keys.addFromUri('//Charlie');
  const dave = keys.addFromUri('//Dave');

  // Charlie becomes a validator candidate.
  const bonded = await submit(api, api.tx.staking.bond(1_000n * PAL, 'Staked'), charlie);
  assert.equal(eventsOf(bonded, 'staking', 'Bonded').length, 1);
  await submit(api, api.tx.staking.validate({ commission: 50_000_000, blocked: false }), charlie);
  const prefs = await api.query.staking.validators(charlie.address);
  assert.equal(prefs.commission.unwrap().toNumber(), 50_000_000);

  // Dave bonds, paying rewards to himself as an account, and nominates Charlie and Alice.
  await submit(api, api.tx.staking.bond(500n * PAL, { Account: dave.address }), dave);
  const alice = keys.addFromUri('//Alice').address;
  await submit(api, api.tx.staking.nominate([charlie.address, alice]), dave);
  const nominations = (await api.query.staking.nominators(dave.address)).unwrap();
  assert.deepEqual(nominations.targets.map((t) => t.toString()).sort(), [charlie.address, alice].sort());

  // Bonded maps the stash to itself, as Apps' useOwnStashes expects.
  assert.equal((await api.query.staking.bonded(dave.address)).unwrap().toString(), dave.address);

  // Dave unbonds 100 PAL, then rebonds 40 of them.
  const unbonded = await submit(api, api.tx.staking.unbond(100n * PAL), dave);
  assert.equal(eventsOf(unbonded, 'staking', 'Unbonded').length, 1);
  await submit(api, api.tx.staking.rebond(40n * PAL), dave);

  const ledger = (await api.query.staking.ledger(dave.address)).unwrap();
  assert.equal(ledger.stash.toString(), dave.address);
  // Polkadot.js calls `.unwrap()` on these compact fields.
  assert.equal(ledger.total.unwrap().toBigInt(), 500n * PAL);
  assert.equal(ledger.active.unwrap().toBigInt(), 440n * PAL);
  assert.equal(ledger.unlocking.length, 1);
  assert.equal(ledger.unlocking[0].value.unwrap().toBigInt(), 60n * PAL);
  assert.equal(ledger.unlocking[0].era.unwrap().toNumber(), api.consts.staking.bondingDuration.toNumber());
  assert.deepEqual(ledger.legacyClaimedRewards.toArray(), []);
});

test('bad input is refused with its named error', async () => {
  const eve = keys.addFromUri('//Eve');
  await assert.rejects(
    submit(api, api.tx.staking.nominate([keys.addFromUri('//Alice').address]), eve),
    /staking\.NotStash/
  );
  await submit(api, api.tx.staking.bond(100n * PAL, 'Stash'), eve);
  await assert.rejects(submit(api, api.tx.staking.nominate([]), eve), /staking\.EmptyTargets/);
  await assert.rejects(submit(api, api.tx.staking.unbond(1_000n * PAL), eve), /staking\.InsufficientActiveBond/);
  await assert.rejects(
    submit(api, api.tx.staking.setMinCommission(1), eve),
    /BadOrigin/
  );
});
