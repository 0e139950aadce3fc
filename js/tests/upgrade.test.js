// A forkless runtime upgrade decided by stakers, on a live four-validator network of the
// `staging` preset. The chain starts at runtime version 100 (`runtime/upgrade-fixtures`: storage
// version 3 of the staking pallet, which never lists the eras a validator was paid in its ledger)
// while stakers bond, nominate and join a pool through eras. A Root-track referendum, voted with
// bonded funds, authorises the runtime built from this tree (version 101, `fast-runtime` alone);
// anyone applies it, and the staking pallet's migration to storage version 4 lists the eras
// already paid. Every node follows; nothing else a staker owns changes; eras, payouts and
// elections go on; and mis-versioned upgrades are refused without harming the chain.

import { Keyring } from '@polkadot/api';
import { stringToU8a, u8aConcat, u8aToHex } from '@polkadot/util';
import { blake2AsHex, cryptoWaitReady, xxhashAsHex } from '@polkadot/util-crypto';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';

import { finalisedNumber, rawSpec, startValidators } from './lib/network.js';
import { connectApi, eventsOf, submit, waitFor } from './lib/node.js';

const PAL = 10n ** 12n;
/** The runtime the network starts with: version 100, as `runtime/upgrade-fixtures/README.md` says. */
const RUNTIME_100 = readFileSync(new URL('../../runtime/upgrade-fixtures/palisade-spec100-fast.compact.compressed.wasm', import.meta.url));
/** This tree's runtime with `fast-runtime` alone, which `scripts/test.sh` builds. */
const RUNTIME_NEXT = readFileSync(join(dirname(process.env.PALISADE_NODE ?? '.'),
  'wbuild/palisade-runtime/palisade_runtime_fast.compact.compressed.wasm'));
/** The key of the staking pallet's storage version. */
const STAKING_VERSION_KEY = xxhashAsHex('Staking', 128) + xxhashAsHex(':__STORAGE_VERSION__:', 128).slice(2);

let spec;
let nodes = [];
let api;
let keys;
/** The upgrade's block (`system.CodeUpdated`) and the next one, where the migration ran. */
let upgraded;
let migrated;

before(async () => {
  await cryptoWaitReady();
  keys = new Keyring({ type: 'sr25519', ss58Format: 42 });
  // The genesis of the `staging` preset, as this tree's node writes it, built by runtime 100: the
  // two must agree on the genesis config (a field added since would have to be dropped here).
  spec = rawSpec('staging', (plain) => {
    plain.genesis.runtimeGenesis.code = u8aToHex(RUNTIME_100);
    // This node's own runtime has sudo for development chains; version 100 is built without.
    delete plain.genesis.runtimeGenesis.patch.sudo;
  });
  ({ nodes } = await startValidators(spec.path, [
    { args: ['--alice'], options: { prometheus: true } },
    { args: ['--bob'] }, { args: ['--charlie'] }, { args: ['--dave'] }
  ]));
  api = nodes[1].api;
});

after(async () => {
  await Promise.all(nodes.map((node) => node.stop()));
  spec?.remove();
});

/** The staking pallet's storage version at `hash`. */
async function stakingStorageVersion (hash) {
  const raw = await (hash ? api.rpc.state.getStorage(STAKING_VERSION_KEY, hash) : api.rpc.state.getStorage(STAKING_VERSION_KEY));
  return api.createType('u16', raw.unwrap()).toNumber();
}

/** The staking pallet's invariants checked by the runtime at `hash`: `{ ok: null }` if they hold. */
async function invariantsAt (hash) {
  const answer = await api.rpc.state.call('PalisadeStakingChecksApi_check_invariants', '0x', hash);
  return api.createType('Result<Null, Text>', answer).toJSON();
}

/** The value of metric `name` (its first series) among `metrics`, or `undefined`. */
function seriesOf (metrics, name) {
  return [...metrics].find(([series]) => series === name || series.startsWith(`${name}{`))?.[1];
}

/** Alice's node's metric `name` now (its first series), or `undefined`. */
async function metric (name) {
  return seriesOf(await nodes[0].metrics(), name);
}

/** `who`'s account. */
const account = (uri) => keys.addFromUri(uri);

test('the network starts at runtime version 100 with staking storage version 3', async () => {
  assert.equal(api.runtimeVersion.specVersion.toNumber(), 100);
  assert.equal(await stakingStorageVersion(), 3);
});

test('stakers bond, nominate, join a pool and delegate their votes to Alice while eras pass', async () => {
  const validators = ['//Alice', '//Bob', '//Charlie', '//Dave'].map(account);
  const nominators = ['//Eve', '//Ferdie'].map(account);
  const [newNominator, poolCreator, poolMember] = ['//Alice//stash', '//Bob//stash', '//Charlie//stash'].map(account);
  await Promise.all([
    ...validators.map((who, i) => submit(api, api.tx.staking.bondExtra((i === 0 ? 800_000n : 880_000n) * PAL), who)),
    ...nominators.map((who) => submit(api, api.tx.staking.bondExtra(970_000n * PAL), who)),
    submit(api, api.tx.utility.batchAll([
      api.tx.staking.bond(980_000n * PAL, 'Staked'),
      api.tx.staking.nominate([validators[0].address, validators[1].address])
    ]), newNominator),
    submit(api, api.tx.nominationPools.create(1_000n * PAL, poolCreator.address, poolCreator.address, poolCreator.address), poolCreator)
  ]);
  await submit(api, api.tx.nominationPools.nominate(1, [validators[2].address, validators[3].address]), poolCreator);
  await submit(api, api.tx.nominationPools.join(500n * PAL, 1), poolMember);

  // Everyone but Alice delegates the Root track's votes, with the funds they have bonded.
  const delegators = [...validators.slice(1), ...nominators, newNominator];
  await Promise.all(delegators.map(async (who) => {
    const bonded = (await api.query.staking.ledger(who.address)).unwrap().active.toBigInt();
    return submit(api, api.tx.convictionVoting.delegate(0, validators[0].address, 'Locked1x', bonded), who);
  }));

  // Era 1 is paid: its validators' pages are claimed, and version 100 lists none of it in their
  // ledgers, which is what the migration is for.
  await waitFor(async () => (await api.query.staking.activeEra()).unwrap().index.toNumber() >= 2 &&
    (await api.query.staking.unpaidEras()).length === 0, 5 * 60_000, 'era 1 to be paid');
  const alice = validators[0].address;
  const claimed = await api.query.staking.claimedRewards(1, alice);
  assert.ok(claimed.length > 0, 'Alice was paid for era 1');
  assert.deepEqual((await api.query.staking.ledger(alice)).unwrap().legacyClaimedRewards.toJSON(), []);
  // Version 100 does not serve the operator's status: the node says so, and exports no era.
  assert.equal(await metric('palisade_staking_status_available'), 0);
  assert.equal(await metric('palisade_staking_active_era'), 0);
});

test('a Root-track referendum voted with bonded funds authorises runtime 101, which anyone applies', async (t) => {
  const started = Date.now();
  const step = (what) => t.diagnostic(`${what}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  const alice = account('//Alice');
  const hash = blake2AsHex(RUNTIME_NEXT, 256);
  const index = await passRootReferendum(alice, { Inline: api.tx.system.authorizeUpgrade(hash).method.toHex() });
  await waitFor(async () => (await api.query.system.authorizedUpgrade()).isSome, 60_000,
    `referendum ${index} to be enacted`);
  step(`referendum ${index} submitted, passed and enacted`);
  const authorised = await api.query.system.authorizedUpgrade();
  assert.equal(authorised.unwrap().codeHash.toHex(), hash, 'the code is authorised');

  // Anyone, here an unsigned transaction, applies the authorised code: just as an era starts,
  // so that the ended era's rewards, paid a few blocks later, are owed across the upgrade.
  const activeEra = async () => (await api.query.staking.activeEra()).unwrap().index.toNumber();
  const era = await activeEra();
  await waitFor(async () => (await activeEra()) > era, 2 * 60_000, 'the next era');
  step('the next era started');
  await api.tx.system.applyAuthorizedUpgrade(u8aToHex(RUNTIME_NEXT)).send();
  const specAt = async (number) => (await api.rpc.state.getRuntimeVersion(await api.rpc.chain.getBlockHash(number))).specVersion.toNumber();
  await waitFor(async () => (await specAt(await finalisedNumber(api))) === 101, 2 * 60_000,
    'the new code in a finalised block');
  // The block that wrote the code ran version 100; the next one runs 101 and its migrations.
  let number = await finalisedNumber(api);
  while ((await specAt(number - 1)) === 101) number--;
  upgraded = { number, hash: await api.rpc.chain.getBlockHash(number) };
  const events = await (await api.at(upgraded.hash)).query.system.events();
  assert.ok(events.some(({ event }) => event.section === 'system' && event.method === 'CodeUpdated'));
  await waitFor(async () => (await finalisedNumber(api)) > number, 60_000, 'the next block finalised');
  migrated = await api.rpc.chain.getBlockHash(number + 1);
  step(`the code applied in block ${number} and the migration run in ${number + 1}, both finalised`);
  assert.equal((await api.query.system.authorizedUpgrade()).isNone, true, 'the authorisation is used');
});

test('the migration ran once, listing the eras already paid, and changed nothing else a staker owns', async () => {
  const [before, after] = await Promise.all([api.at(upgraded.hash), api.at(migrated)]);
  assert.equal(await stakingStorageVersion(upgraded.hash), 3);
  assert.equal(await stakingStorageVersion(migrated), 4);
  const lastUpgrade = (await after.query.system.lastRuntimeUpgrade()).unwrap();
  assert.equal(lastUpgrade.specVersion.toNumber(), 101);

  // The migration's block may also pay the era that just ended (its automatic payout starts a
  // few blocks into the era): what it paid is counted, so every other difference is the
  // migration's. Nothing else in the block moves stake.
  const events = (await after.query.system.events()).map(({ event }) => event);
  for (const moved of ['Slashed', 'Bonded', 'Unbonded', 'Withdrawn']) {
    assert.ok(!events.some((event) => event.section === 'staking' && event.method === moved), `staking.${moved} in the migration's block`);
  }
  const paid = new Map();
  const bonded = new Map();
  const add = (map, key, amount) => map.set(key, (map.get(key) ?? 0n) + amount);
  for (const event of events.filter((event) => event.section === 'staking' && event.method === 'Rewarded')) {
    const { stash, dest, amount } = event.data;
    add(paid, stash.toString(), amount.toBigInt());
    if (dest.isStaked) add(bonded, stash.toString(), amount.toBigInt());
  }

  // The backfill finished within the block: each validator's ledger lists every era of the
  // history whose pages are all claimed, and nothing else changed in any ledger but what the
  // block's rewards bonded.
  assert.equal((await after.query.staking.claimedErasBackfill()).isNone, true, 'the backfill is done');
  const oldest = (await after.query.staking.activeEra()).unwrap().index.toNumber() - api.consts.staking.historyDepth.toNumber();
  const paidInFull = new Map();
  for (const [key, pages] of await after.query.staking.claimedRewards.entries()) {
    const [era, validator] = key.args.map((arg) => arg.toString());
    const overview = await after.query.staking.erasStakersOverview(era, validator);
    if (overview.isSome && pages.length === Math.max(overview.unwrap().pageCount.toNumber(), 1) && Number(era) >= oldest) {
      paidInFull.set(validator, [...(paidInFull.get(validator) ?? []), Number(era)].sort((a, b) => a - b));
    }
  }
  assert.ok(paidInFull.size >= 4, 'every validator was paid for some era');
  const ledgers = async (at) => new Map((await at.query.staking.ledger.entries()).map(([key, ledger]) => [key.args[0].toString(), ledger.unwrap()]));
  const [ledgersBefore, ledgersAfter] = await Promise.all([ledgers(before), ledgers(after)]);
  assert.deepEqual([...ledgersAfter.keys()].sort(), [...ledgersBefore.keys()].sort());
  for (const [stash, ledger] of ledgersBefore) {
    const now = ledgersAfter.get(stash);
    const reward = bonded.get(stash) ?? 0n;
    assert.deepEqual(ledger.legacyClaimedRewards.toJSON(), [], `${stash}: version 100 listed nothing`);
    assert.deepEqual(now.legacyClaimedRewards.toJSON(), paidInFull.get(stash) ?? [], `${stash}'s claimed eras`);
    assert.equal(now.active.toBigInt(), ledger.active.toBigInt() + reward, `${stash}'s active bond`);
    assert.equal(now.total.toBigInt(), ledger.total.toBigInt() + reward, `${stash}'s total bond`);
    assert.deepEqual(now.unlocking.toJSON(), ledger.unlocking.toJSON(), `${stash}'s unlocking chunks`);
    assert.equal(now.stash.toString(), ledger.stash.toString());
  }

  // Exposures, pending slashes and pools are untouched.
  const entries = async (at, query) => JSON.stringify((await query(at).entries()).map(([key, value]) => [key.toHex(), value.toJSON()]).sort());
  for (const [name, query] of Object.entries({
    erasStakersOverview: (at) => at.query.staking.erasStakersOverview,
    erasStakersPaged: (at) => at.query.staking.erasStakersPaged,
    unappliedSlashes: (at) => at.query.staking.unappliedSlashes,
    bondedPools: (at) => at.query.nominationPools.bondedPools,
    poolMembers: (at) => at.query.nominationPools.poolMembers
  })) {
    assert.equal(await entries(after, query), await entries(before, query), `${name} unchanged`);
  }

  // What each staker is owed, asked of the runtime API at both blocks (the state before the
  // migration is read by the new code, which the upgrade's block stored): less only by what the
  // block paid.
  const owed = async (stash, hash) => api.createType('Vec<(u32, u128)>',
    await api.rpc.state.call('PalisadeStakingApi_pending_rewards', api.createType('AccountId', stash).toHex(), hash))
    .reduce((sum, [, amount]) => sum + amount.toBigInt(), 0n);
  let owing = 0;
  for (const stash of ledgersBefore.keys()) {
    const owedBefore = await owed(stash, upgraded.hash);
    if (owedBefore > 0n) owing++;
    assert.equal(await owed(stash, migrated) + (paid.get(stash) ?? 0n), owedBefore, `${stash}'s unpaid rewards`);
  }
  assert.ok(owing >= 4, `rewards were owed across the upgrade (to ${owing} stakers)`);

  // The invariants hold on the migrated state, checked by the new runtime itself.
  assert.deepEqual(await invariantsAt(migrated), { ok: null });
});

test('every node follows runtime 101 and finalises; eras, elections and payouts go on', async () => {
  const alice = account('//Alice').address;
  const eraAtUpgrade = (await (await api.at(migrated)).query.staking.activeEra()).unwrap().index.toNumber();
  // The era after the upgrade ends and is paid by the new runtime, which lists it in Alice's ledger.
  await waitFor(async () => {
    const ledger = (await api.query.staking.ledger(alice)).unwrap();
    return ledger.legacyClaimedRewards.some((era) => era.toNumber() === eraAtUpgrade);
  }, 5 * 60_000, `era ${eraAtUpgrade} to be paid and listed`);
  const active = (await api.query.staking.activeEra()).unwrap().index.toNumber();
  assert.ok(active > eraAtUpgrade, `a new era was elected and started: ${active} after ${eraAtUpgrade}`);
  for (const node of nodes) {
    await waitFor(async () => (await finalisedNumber(node.api)) > upgraded.number + 10, 60_000,
      'the node to finalise past the upgrade');
    const head = await node.api.rpc.chain.getFinalizedHead();
    assert.equal((await node.api.rpc.state.getRuntimeVersion(head)).specVersion.toNumber(), 101);
  }
  const head = await api.rpc.chain.getFinalizedHead();
  assert.equal(await stakingStorageVersion(head), 4, 'the migration did not run again');
  assert.deepEqual(await invariantsAt(head), { ok: null });

  // Alice's node exports her standing now that the runtime serves it.
  await waitFor(async () => (await metric('palisade_staking_status_available')) === 1, 30_000, 'the operator status');
  // The runtime API behind them, as a client connected after the upgrade reads it.
  const client = await connectApi(nodes[0].rpcPort);
  try {
    const status = (await client.call.palisadeStakingApi.operatorStatus(u8aToHex(account('//Alice').publicKey))).toJSON();
    assert.equal(status.validator.stash, alice);
    assert.equal(status.validator.elected, true);
    assert.ok(status.activeEra > eraAtUpgrade);
  } finally {
    await client.disconnect();
  }
  const metrics = await nodes[0].metrics();
  const exported = (name) => seriesOf(metrics, name);
  assert.ok(exported('palisade_staking_active_era') >= eraAtUpgrade);
  assert.equal(exported('palisade_validator_elected'), 1);
  assert.equal(exported('palisade_validator_validating'), 1);
  assert.equal(exported('palisade_validator_slash_pending'), 0);
  assert.ok([...metrics].some(([series, value]) => series.startsWith('palisade_validator_info{') && series.includes(`stash="${alice}"`) && value === 1));
  const stages = [...metrics].filter(([series]) => series.startsWith('palisade_staking_election_stage{'));
  assert.equal(stages.length, 9);
  assert.equal(stages.reduce((sum, [, value]) => sum + value, 0), 1, 'one election stage at a time');
});

test('upgrades to a lower version or another chain\'s runtime are refused, and the chain goes on', async () => {
  const alice = account('//Alice');
  const version = api.runtimeVersion;
  const otherChain = runtimeVersionOnly(version, 'not-palisade');
  const batch = api.tx.utility.forceBatch([api.tx.system.setCode(u8aToHex(RUNTIME_100)), api.tx.system.setCode(u8aToHex(otherChain))]);
  const preimage = batch.method.toHex();
  await submit(api, api.tx.preimage.notePreimage(preimage), alice, 120_000);
  const codeHash = await api.rpc.state.getStorageHash(':code');
  const index = await passRootReferendum(alice, { Lookup: { hash: blake2AsHex(preimage, 256), len: (preimage.length - 2) / 2 } });

  // The referendum passed; its call is dispatched: both upgrades fail, naming why.
  let failures;
  await waitFor(findFailures, 60_000, 'the upgrades to be tried');
  assert.deepEqual(failures.map(({ section, name }) => `${section}.${name}`),
    ['system.SpecVersionNeedsToIncrease', 'system.InvalidSpecName']);
  assert.equal((await api.rpc.state.getStorageHash(':code')).toHex(), codeHash.toHex(), 'the code is unchanged');
  assert.equal((await api.rpc.state.getRuntimeVersion()).specVersion.toNumber(), 101);
  const finalised = await finalisedNumber(api);
  await waitFor(async () => (await finalisedNumber(api)) >= finalised + 3, 60_000, 'finality to go on');

  /** Looks for the `ItemFailed` events in the blocks since the referendum was approved. */
  async function findFailures () {
    const info = (await api.query.referenda.referendumInfoFor(index)).unwrap();
    if (!info.isApproved) return false;
    const since = info.asApproved[0].toNumber();
    for (let number = since; number <= await finalisedNumber(api); number++) {
      const at = await api.at(await api.rpc.chain.getBlockHash(number));
      const failed = (await at.query.system.events()).map(({ event }) => event)
        .filter((event) => event.section === 'utility' && event.method === 'ItemFailed');
      if (failed.length > 0) {
        failures = failed.map((event) => api.registry.findMetaError(event.data.error.asModule));
        return true;
      }
    }
    return false;
  }
});

/**
 * Submits `proposal` on the Root track as `alice`, places its decision deposit and votes aye
 * with her bonded funds (the others' delegated to her); resolves with the referendum's index
 * once it is approved.
 */
async function passRootReferendum (alice, proposal) {
  const submitted = await submit(api, api.tx.referenda.submit({ system: 'Root' }, proposal, { After: 1 }), alice);
  const [{ data: { index, track } }] = eventsOf(submitted, 'referenda', 'Submitted');
  assert.equal(track.toNumber(), 0, 'the Root track');
  await submit(api, api.tx.referenda.placeDecisionDeposit(index), alice);
  const bonded = (await api.query.staking.ledger(alice.address)).unwrap().active.toBigInt();
  await submit(api, api.tx.convictionVoting.vote(index, {
    Standard: { vote: { aye: true, conviction: 'Locked1x' }, balance: bonded }
  }), alice);
  await waitFor(async () => (await api.query.referenda.referendumInfoFor(index)).unwrap().isApproved,
    3 * 60_000, `referendum ${index} to be approved`);
  return index;
}

/**
 * A WASM module holding only a runtime version, as runtimes embed it: `version` with the spec
 * name `specName` and a higher spec version. The chain reads a proposed runtime's version this
 * way before anything else.
 */
function runtimeVersionOnly (version, specName) {
  const section = (name, payload) => {
    const body = u8aConcat(leb128(name.length), stringToU8a(name), payload);
    // A custom section: id 0, then its length as unsigned LEB128.
    return u8aConcat(new Uint8Array([0]), leb128(body.length), body);
  };
  const encoded = api.createType('RuntimeVersion', {
    ...version.toJSON(), specName, specVersion: version.specVersion.toNumber() + 1, apis: []
  }).toU8a();
  const apis = u8aConcat(...version.apis.map(([id, apiVersion]) => u8aConcat(id.toU8a(), api.createType('u32', apiVersion).toU8a())));
  return u8aConcat(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]),
    section('runtime_version', encoded), section('runtime_apis', apis));
}

/** `value` as unsigned LEB128. */
function leb128 (value) {
  const bytes = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return new Uint8Array(bytes);
}
