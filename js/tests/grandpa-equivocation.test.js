// A GRANDPA equivocation on a live four-validator `staging` network: two voters with Alice's
// GRANDPA key cast different prevotes in one round, an honest validator (Bob) reports it, the
// chain proves it and slashes Alice and her nominators after the deferral, paying the reporter
// a tenth of Alice's own slash.
//
// Two running nodes with one key see the same chain and vote within milliseconds of each other
// for the same block, so a plain twin seldom equivocates. Here the round is stalled first: with
// Charlie's and Dave's nodes frozen, Alice and Bob cannot finalise (3 of 4 votes are needed) and
// stay in one round, having prevoted the head of that time. Blocks keep coming. A twin holding only
// Alice's GRANDPA key (no BABE key: it authors nothing, so it cannot equivocate in BABE) then
// joins, catches up to the stalled round and prevotes the newer head: the same round and key,
// another block.

import { Keyring } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { finalisedNumber, findFinalised, palisade, rawSpec, startValidators } from './lib/network.js';
import { startNode, waitFor } from './lib/node.js';

const BILLION = 1_000_000_000n;
/** `offences.Offence`'s kind for GRANDPA (BABE's is `babe:equivocatio`). */
const GRANDPA_KIND = 'grandpa:equivoca';

let spec;
let keystore;
let network;
let twin;
let unsubscribe;
/** Every `offences` and `staking` event Bob's node imported, with its block hash. */
const seen = [];

before(async () => {
  await cryptoWaitReady();
  spec = rawSpec('staging', () => {});
  network = await startValidators(spec.path, [
    { args: ['--alice'] }, { args: ['--bob'] }, { args: ['--charlie'] }, { args: ['--dave'] }
  ]);
  const bob = network.nodes[1].api;
  unsubscribe = await bob.rpc.chain.subscribeNewHeads(async (header) => {
    const events = await (await bob.at(header.hash)).query.system.events();
    for (const { event } of events) {
      if (event.section === 'staking' || event.section === 'offences') seen.push({ hash: header.hash, event });
    }
  });
  // The twin's keystore: Alice's GRANDPA key alone.
  keystore = mkdtempSync(join(tmpdir(), 'palisade-twin-keystore-'));
  palisade(['key', 'insert', '--chain', spec.path, '--keystore-path', keystore, '--scheme', 'ed25519',
    '--key-type', 'gran', '--suri', '//Alice']);
});

after(async () => {
  unsubscribe?.();
  for (const node of network?.nodes ?? []) node.resume();
  await Promise.all([...(network?.nodes ?? []), twin].filter(Boolean).map((node) => node.stop()));
  spec?.remove();
  if (keystore) rmSync(keystore, { force: true, recursive: true });
});

test('two votes of Alice\'s GRANDPA key in one round are reported by Bob and slashed after the deferral', async (t) => {
  const started = Date.now();
  const step = (what) => t.diagnostic(`${what}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const [, bob, charlie, dave] = network.nodes;
  const api = bob.api;
  const keys = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const [aliceStash, bobStash] = ['//Alice', '//Bob'].map((uri) => keys.addFromUri(uri).address);

  // Finality stalls with two of four voters; blocks keep coming. Charlie's and Dave's nodes are
  // frozen, not restarted later from scratch: a voter that forgot its vote in the stalled round
  // would cast another one, and equivocate too.
  charlie.pause();
  dave.pause();
  const stalled = await finalisedNumber(api);
  await waitFor(async () => (await api.rpc.chain.getHeader()).number.toNumber() >= stalled + 8, 3 * 60_000,
    'eight blocks past the stalled finality');
  assert.ok((await finalisedNumber(api)) <= stalled + 1, 'finality stalled');
  step('finality stalled, eight blocks on');

  // The twin votes in the stalled round with Alice's key; Bob reports it.
  twin = await startNode(['--chain', spec.path, '--validator', '--keystore-path', keystore,
    '--node-key', '05'.padStart(64, '0'), '--bootnodes', network.bootnode]);
  await waitFor(() => seen.some(({ event }) => event.method === 'SlashReported'), 4 * 60_000,
    'the equivocation to be reported');
  step('the twin started and was reported');
  await twin.stop();
  twin = undefined;

  // Charlie and Dave go on: finality resumes.
  charlie.resume();
  dave.resume();
  await waitFor(async () => (await finalisedNumber(api)) > stalled + 8, 3 * 60_000, 'finality to resume');
  step('finality resumed');

  // On the finalised chain: a GRANDPA offence, not a BABE one, reported in a block Bob
  // authored; one offender among four: (3·1/4)² = 56.25 %.
  const isEvent = (section, method) => (event) => event.section === section && event.method === method;
  const report = await findFinalised(api, stalled, isEvent('staking', 'SlashReported'), 60_000, 'the report, finalised');
  const offence = report.events.find(isEvent('offences', 'Offence'));
  assert.equal(Buffer.from(offence.data.kind.toU8a()).toString('latin1'), GRANDPA_KIND);
  assert.equal((await api.derive.chain.getHeader(report.hash)).author.toString(), bobStash, 'Bob included his report');
  const reported = report.events.find(isEvent('staking', 'SlashReported'));
  assert.equal(reported.data.validator.toString(), aliceStash);
  const fraction = reported.data.fraction.toBigInt();
  assert.equal(fraction, 562_500_000n);

  // What each staker loses: the fraction of its stake behind Alice in the offence era.
  const era = reported.data.offenceEra.toNumber();
  const exposure = (await api.query.staking.erasStakersOverview(era, aliceStash)).unwrap();
  const expected = { [aliceStash]: fraction * exposure.own.toBigInt() / BILLION };
  for (let page = 0; page < exposure.pageCount.toNumber(); page++) {
    for (const other of (await api.query.staking.erasStakersPaged(era, aliceStash, page)).unwrap().others) {
      expected[other.who.toString()] = fraction * other.value.toBigInt() / BILLION;
    }
  }
  assert.ok(Object.keys(expected).length >= 3, 'Eve and Ferdie nominate Alice in the staging preset');
  // Applied once era `offence era + SlashDeferDuration` is active.
  const due = era + api.consts.staking.slashDeferDuration.toNumber();
  const applied = await findFinalised(api, report.number, isEvent('staking', 'Slashed'), 5 * 60_000, 'the slash to be applied');
  step('the slash applied');
  const header = await api.rpc.chain.getHeader(applied.hash);
  const [before, after] = await Promise.all([header.parentHash, applied.hash].map((hash) => api.at(hash)));

  // Until then it waited in `unappliedSlashes(due)`, where Apps' Slashes tab shows it: Alice's
  // and her nominators' shares of her exposure, Bob (whose node saw both votes) the reporter,
  // paid a tenth of Alice's own slash.
  const slash = (await before.query.staking.unappliedSlashes(due)).find((s) => s.validator.toString() === aliceStash);
  assert.ok(slash, `the slash waited for era ${due}`);
  assert.equal(slash.own.toBigInt(), expected[aliceStash]);
  const { [aliceStash]: _, ...nominators } = expected;
  assert.deepEqual(Object.fromEntries(slash.others.map(([who, value]) => [who.toString(), value.toBigInt()])), nominators);
  assert.deepEqual(slash.reporters.map(String), [bobStash]);
  assert.equal(slash.payout.toBigInt(), expected[aliceStash] / 10n);

  // The ledgers shrink by exactly those amounts, and Bob is paid.
  const slashed = Object.fromEntries(applied.events.filter(isEvent('staking', 'Slashed'))
    .map((event) => [event.data.staker.toString(), event.data.amount.toBigInt()]));
  assert.deepEqual(slashed, expected);
  for (const who of Object.keys(expected)) {
    const total = async (at) => (await at.query.staking.ledger(who)).unwrap().total.toBigInt();
    assert.equal(await total(before) - await total(after), expected[who], `${who}'s ledger`);
  }
  const free = async (at) => (await at.query.system.account(bobStash)).data.free.toBigInt();
  assert.equal(await free(after) - await free(before), slash.payout.toBigInt(), 'Bob\'s reward');
});
