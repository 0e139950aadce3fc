// Slashing on a live two-validator `local` network: a second node runs with Alice's keys, so Alice
// authors two blocks in the same BABE slots. Bob's node proves the equivocation on chain
// without anyone's permission; the offence appears in `staking.unappliedSlashes` (as Apps'
// Slashes tab reads it) and is applied once its deferral has passed, shrinking Alice's and her
// nominator's ledgers by exactly the amounts worked out from her exposure.

import { cryptoWaitReady } from '@polkadot/util-crypto';
import { Keyring } from '@polkadot/api';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { startNode, waitFor } from './lib/node.js';

// Alice's libp2p key is fixed so that the others can name her as their bootnode.
const ALICE_NODE_KEY = '0000000000000000000000000000000000000000000000000000000000000001';
const ALICE_PEER_ID = '12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp';
const BILLION = 1_000_000_000n;

let nodes = [];
let twin;
let spec;
let unsubscribe;
/** Every staking event Bob's node imported, with its block hash. */
const seen = [];

/**
 * The `local` chain with two genesis validators, Alice and Bob (Dave nominates both, pool 1
 * Alice alone): its spec from `build-spec --chain local`, without Charlie, and electing eras
 * with one validator. Had both nominated both, the election's `reduce` would be free to leave
 * either of them behind Bob alone (two nominators of the same two validators form a cycle it
 * cuts); with pool 1 on Alice alone, both back her. Alice then holds half of the slots, so her
 * twin equivocates within a minute or two; among three validators it took from two to more
 * than four minutes on the reference machine.
 */
function twoValidatorSpec () {
  const keys = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const charlie = keys.addFromUri('//Charlie').address;
  const json = JSON.parse(execFileSync(process.env.PALISADE_NODE, ['build-spec', '--chain', 'local'], {
    maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore']
  }));
  const genesis = json.genesis.runtimeGenesis.patch;
  genesis.staking.stakers = genesis.staking.stakers
    .filter(([who]) => who !== charlie)
    .map(([who, bond, status]) => [who, bond, status.Nominator ? { Nominator: status.Nominator.filter((v) => v !== charlie) } : status]);
  genesis.session.keys = genesis.session.keys.filter(([who]) => who !== charlie);
  const alice = keys.addFromUri('//Alice').address;
  for (const pool of genesis.poolUpkeep.pools) {
    pool.nominations = [alice];
  }
  // The slash chills Alice: Bob must be enough to elect the eras that apply it and the pool
  // members' shares, or every later election fails with too few validators.
  genesis.staking.minimumValidatorCount = 1;
  const file = join(mkdtempSync(join(tmpdir(), 'palisade-spec-')), 'local-two-validators.json');
  writeFileSync(file, JSON.stringify(json));
  return file;
}

before(async () => {
  await cryptoWaitReady();
  spec = twoValidatorSpec();
  const alice = await startNode(['--chain', spec, '--alice', '--validator', '--node-key', ALICE_NODE_KEY]);
  nodes.push(alice);
  const bootnode = `/ip4/127.0.0.1/tcp/${alice.p2pPort}/p2p/${ALICE_PEER_ID}`;
  nodes.push(await startNode(['--chain', spec, '--bob', '--validator', '--node-key', '02'.padStart(64, '0'), '--bootnodes', bootnode]));
  const bob = nodes[1].api;
  unsubscribe = await bob.rpc.chain.subscribeNewHeads(async (header) => {
    const events = await (await bob.at(header.hash)).query.system.events();
    for (const { event } of events) {
      if (event.section === 'staking') seen.push({ hash: header.hash, event });
    }
  });
  // Pool 1 bonds at genesis after era 0 is elected: from era 1 on, it backs Alice too, and
  // its members share her slash.
  await waitFor(async () => (await bob.query.staking.activeEra()).unwrap().index.toNumber() >= 1,
    3 * 60_000, 'era 1');
  // The twin: another node with Alice's session keys.
  twin = await startNode(['--chain', spec, '--alice', '--validator', '--node-key', '05'.padStart(64, '0'), '--bootnodes', bootnode]);
});

after(async () => {
  unsubscribe?.();
  await Promise.all([...nodes, twin].filter(Boolean).map((node) => node.stop()));
  if (spec) rmSync(dirname(spec), { force: true, recursive: true });
});

/** `fraction` (a Perbill) of `value`, rounded down as the runtime does. */
function slashOf (fraction, value) {
  return fraction * value / BILLION;
}

/** What `who` had at stake behind `validator` in `era`, from the exposures Apps reads. */
async function nominated (api, era, validator, who) {
  const overview = (await api.query.staking.erasStakersOverview(era, validator)).unwrap();
  let total = 0n;
  for (let page = 0; page < overview.pageCount.toNumber(); page++) {
    const exposure = (await api.query.staking.erasStakersPaged(era, validator, page)).unwrap();
    for (const other of exposure.others) {
      if (other.who.toString() === who) total += other.value.toBigInt();
    }
  }
  return total;
}

test('an equivocating validator is reported on chain and slashed with its nominators after the deferral', async () => {
  const api = nodes[1].api;
  const keys = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const alice = keys.addFromUri('//Alice').address;
  const dave = keys.addFromUri('//Dave').address;

  // Bob's node reports the equivocation; pallet-offences hands it to staking.
  await waitFor(() => seen.some(({ event }) => event.method === 'SlashReported'), 4 * 60_000,
    'the equivocation to be reported');
  await twin.stop();
  twin = undefined;
  const reported = seen.find(({ event }) => event.method === 'SlashReported').event;
  assert.equal(reported.data.validator.toString(), alice);
  const era = reported.data.offenceEra.toNumber();
  const fraction = reported.data.fraction.toBigInt();
  // One offender among two validators: min((3·1/2)², 1) = 100 %.
  assert.equal(fraction, BILLION);

  // The slash of each staker, worked out from the offence era's exposure: Alice, Dave, and
  // nomination pool 1 (a virtual staker: its members' held funds pay its slash).
  const own = (await api.query.staking.erasStakersOverview(era, alice)).unwrap().own.toBigInt();
  const daveStake = await nominated(api, era, alice, dave);
  assert.ok(daveStake > 0n, 'Dave nominates Alice in the local preset');
  const [pool] = (await api.call.nominationPoolsApi.poolAccounts(1)).map((a) => a.toString());
  const poolStake = await nominated(api, era, alice, pool);
  assert.ok(era >= 1 && poolStake > 0n, 'pool 1 backs Alice in the offence era');
  const expected = {
    [alice]: slashOf(fraction, own),
    [dave]: slashOf(fraction, daveStake),
    [pool]: slashOf(fraction, poolStake)
  };

  // Deferred to the offence era + SlashDeferDuration, where Apps' Slashes tab finds it.
  const due = era + api.consts.staking.slashDeferDuration.toNumber();
  let slash;
  await waitFor(async () => {
    slash = (await api.query.staking.unappliedSlashes(due)).find((s) => s.validator.toString() === alice);
    return slash !== undefined || seen.some(({ event }) => event.method === 'Slashed');
  }, 60_000, 'the slash to be worked out');
  if (slash) {
    assert.equal(slash.own.toBigInt(), expected[alice]);
    const others = Object.fromEntries(slash.others.map(([who, value]) => [who.toString(), value.toBigInt()]));
    const { [alice]: _, ...nominators } = expected;
    assert.deepEqual(others, nominators);
    // The reporter is the author of the block that included the report, never the offender;
    // it is paid a tenth of Alice's own slash, nothing of Dave's.
    const reporters = slash.reporters.map((who) => who.toString());
    assert.ok(!reporters.includes(alice), 'the offender is not its own reporter');
    assert.equal(slash.payout.toBigInt(), reporters.length > 0 ? expected[alice] / 10n : 0n);
  }

  // Applied once era `due` is active.
  await waitFor(() => seen.some(({ event }) => event.method === 'Slashed'), 4 * 60_000,
    'the slash to be applied');
  const applied = seen.find(({ event }) => event.method === 'Slashed').hash;
  const slashed = Object.fromEntries(seen
    .filter(({ hash, event }) => event.method === 'Slashed' && hash.eq(applied))
    .map(({ event }) => [event.data.staker.toString(), event.data.amount.toBigInt()]));
  assert.deepEqual(slashed, expected);

  // The ledgers shrink by exactly those amounts in the block that applied them.
  const header = await api.rpc.chain.getHeader(applied);
  const [before, after] = await Promise.all([header.parentHash, applied].map((hash) => api.at(hash)));
  for (const who of Object.keys(expected)) {
    const total = async (at) => (await at.query.staking.ledger(who)).unwrap().total.toBigInt();
    assert.equal(await total(before) - await total(after), expected[who], `${who}'s ledger`);
  }
  assert.equal((await api.query.staking.unappliedSlashes(due)).length, 0);
  const record = (await api.query.staking.validatorSlashInEra(era, alice)).unwrap();
  assert.equal(record[1].toBigInt(), expected[alice]);
  // The pool's members owe its slash: the first sweep after it applies each share of at least
  // the existential deposit (the pools apply no smaller one: it waits for the member to leave).
  const ed = api.consts.balances.existentialDeposit.toBigInt();
  const members = ['//Charlie//stash', '//Dave//stash', '//Eve//stash', '//Ferdie//stash']
    .map((uri) => keys.addFromUri(uri).address);
  const pending = async (who) => (await api.call.nominationPoolsApi.memberPendingSlash(who)).toBigInt();
  await waitFor(async () => (await Promise.all(members.map(pending))).every((slash) => slash < ed),
    4 * 60_000, 'the pool members\' slashes to be applied');
  const left = (await api.call.nominationPoolsApi.poolPendingSlash(1)).toBigInt();
  assert.ok(left < ed * BigInt(members.length), `the pool still waits for ${left} of its slash`);
});
