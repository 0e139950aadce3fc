// Nominators' and validators' staking calls, built and decoded by Polkadot.js exactly as the
// Apps Staking pages build them, against a live `palisade-node --dev`.

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
  assert.deepEqual(ledger.legacyClaimedRewards.toArray(), []);

  // Apps' Accounts page reads the ledger through this derive.
  const account = await api.derive.staking.account(dave.address);
  assert.equal(account.stashId.toString(), dave.address);
  assert.equal(account.stakingLedger.active.unwrap().toBigInt(), 440n * PAL);
  // Dave's stake was never exposed, so his chunk matures in the current era. The derive
  // counts it as redeemable from the current era on, and as unlocking until the active era
  // reaches it: while the next era is planned but not active, it is both.
  const unlocking = account.unlocking.reduce((sum, chunk) => sum + chunk.value.toBigInt(), 0n);
  assert.ok(unlocking === 60n * PAL || account.redeemable.toBigInt() === 60n * PAL);
});

test('stake never exposed leaves at once: a fresh bond is withdrawn without waiting', async () => {
  const ferdie = keys.addFromUri('//Ferdie');
  await submit(api, api.tx.staking.bond(300n * PAL, 'Staked'), ferdie);
  const { blockHash } = await submit(api, api.tx.staking.unbond(300n * PAL), ferdie);
  const at = await api.at(blockHash);
  const ledger = (await at.query.staking.ledger(ferdie.address)).unwrap();
  const currentEra = (await at.query.staking.currentEra()).unwrap().toNumber();
  assert.equal(ledger.unlocking[0].era.unwrap().toNumber(), currentEra);

  const withdrawn = await submit(api, api.tx.staking.withdrawUnbonded(0), ferdie);
  assert.equal(eventsOf(withdrawn, 'staking', 'Withdrawn').length, 1);
  assert.ok((await api.query.staking.ledger(ferdie.address)).isNone);
});

test('exposed stake waits BondingDuration eras, then is withdrawn', async () => {
  // Bob nominates Alice from genesis, so his stake is exposed in every era.
  const bob = keys.addFromUri('//Bob');
  await submit(api, api.tx.staking.chill(), bob);
  const { blockHash } = await submit(api, api.tx.staking.unbond(1_000n * PAL), bob);
  const at = await api.at(blockHash);
  const chunk = (await at.query.staking.ledger(bob.address)).unwrap().unlocking[0];
  const unlockEra = chunk.era.unwrap().toNumber();
  const currentEra = (await at.query.staking.currentEra()).unwrap().toNumber();
  assert.equal(unlockEra, currentEra + api.consts.staking.bondingDuration.toNumber());
  await assert.rejects(submit(api, api.tx.staking.withdrawUnbonded(0), bob), /staking\.NothingToWithdraw/);

  await waitFor(async () => (await api.query.staking.currentEra()).unwrap().toNumber() >= unlockEra,
    5 * 60_000, `era ${unlockEra}`);
  const withdrawn = await submit(api, api.tx.staking.withdrawUnbonded(0), bob);
  const [event] = eventsOf(withdrawn, 'staking', 'Withdrawn');
  assert.equal(event.data.amount.toBigInt(), 1_000n * PAL);
});

test('eras rotate on the dev chain: Alice is elected each era and earns points', async () => {
  const activeEra = (await api.query.staking.activeEra()).unwrap();
  assert.ok(activeEra.index.toNumber() >= 1, 'several eras have passed');
  assert.ok(activeEra.start.isSome, 'the era start time is recorded');
  const alice = keys.addFromUri('//Alice').address;
  const overview = (await api.query.staking.erasStakersOverview(activeEra.index, alice)).unwrap();
  assert.ok(overview.total.unwrap().toBigInt() >= overview.own.unwrap().toBigInt());
  // Block authors earn points (an era's first block is noted before the era starts, so the
  // era may have none for one block).
  await waitFor(async () => (await api.query.staking.erasRewardPoints(activeEra.index)).total.toNumber() > 0,
    30_000, 'reward points in the active era');
  const elected = await api.derive.staking.electedInfo();
  assert.ok(elected.info.some((info) => info.accountId.toString() === alice));
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

test('a transfer and a bond cost about a hundredth of a PAL, as payment_queryInfo says', async () => {
  const ferdie = keys.addFromUri('//Ferdie');
  const eve = keys.addFromUri('//Eve').address;
  const calls = {
    transferKeepAlive: api.tx.balances.transferKeepAlive(eve, PAL),
    bond: api.tx.staking.bond(100n * PAL, 'Staked'),
  };
  const fees = {};
  for (const [name, call] of Object.entries(calls)) {
    const signed = await call.signAsync(ferdie);
    // The raw RPC: this Polkadot.js decodes its answer with the old one-number weight.
    const info = await node.rpc('payment_queryInfo', [signed.toHex()]);
    fees[name] = BigInt(info.partialFee);
    console.log(`payment_queryInfo ${name}: ${fees[name]} planck (${signed.encodedLength} bytes)`);
    assert.ok(fees[name] >= PAL / 200n && fees[name] <= PAL / 50n, `${name}: ${fees[name]}`);
  }
  // The fee paid is the fee quoted (blocks are far from full, so the multiplier stays 1).
  const result = await submit(api, calls.transferKeepAlive, ferdie);
  const [paid] = eventsOf(result, 'transactionPayment', 'TransactionFeePaid');
  assert.equal(paid.data.actualFee.toBigInt(), fees.transferKeepAlive);
});
