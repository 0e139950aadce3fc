// polkadot-api and its staking SDK (`@polkadot-api/sdk-staking`, as newer wallets use them)
// against a live `palisade-node --dev`: a nominator set up with `upsertNomination`, a pool
// member, the account status wallets show for each, the SDK's pool functions, and
// `stopNomination`. Every figure is checked against the chain's own storage and runtime APIs,
// read through Polkadot.js.

import { Keyring } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { createStakingSdk } from '@polkadot-api/sdk-staking';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createClient } from 'polkadot-api';
import { getPolkadotSigner } from 'polkadot-api/signer';
import { getWsProvider } from 'polkadot-api/ws';
import { firstValueFrom } from 'rxjs';
import { WebSocket } from 'ws';

import { fundedAccount, startNode, waitFor, withTimeout } from './lib/node.js';

const PAL = 10n ** 12n;
let node;
let keys;
let client;
let sdk;

before(async () => {
  await cryptoWaitReady();
  keys = new Keyring({ type: 'sr25519', ss58Format: 42 });
  node = await startNode(['--dev']);
  // Node < 22 has no global WebSocket: polkadot-api takes the `ws` package's.
  client = createClient(getWsProvider(`ws://127.0.0.1:${node.rpcPort}`, { websocketClass: WebSocket }));
  sdk = createStakingSdk(client);
});

after(async () => {
  client?.destroy();
  await node?.stop();
});

/** polkadot-api's signer for a Polkadot.js keyring pair. */
function signerOf (pair) {
  return getPolkadotSigner(pair.publicKey, 'Sr25519', (payload) => pair.sign(payload));
}

/** Signs and submits a polkadot-api transaction; resolves once it is in a best block and
 * succeeded, or rejects with its error. */
function papiSubmit (tx, pair) {
  return withTimeout(new Promise((resolve, reject) => {
    const subscription = tx.signSubmitAndWatch(signerOf(pair)).subscribe({
      next: (event) => {
        if (event.type !== 'txBestBlocksState' || !event.found) return;
        subscription.unsubscribe();
        if (event.ok) resolve(event);
        else reject(new Error(JSON.stringify(event.dispatchError)));
      },
      error: reject
    });
  }), 60_000, 'a polkadot-api transaction');
}

/** The account status sdk-staking reports for `address` once it reflects `ready`. */
async function accountStatus (address, ready = () => true) {
  let status;
  await waitFor(async () => {
    status = await withTimeout(firstValueFrom(sdk.getAccountStatus$(address)), 30_000, 'getAccountStatus$');
    return ready(status);
  }, 60_000, `the account status of ${address}`);
  return status;
}

test('upsertNomination bonds and nominates, and getAccountStatus$ shows it as the chain does', async () => {
  const { api } = node;
  const alice = keys.addFromUri('//Alice').address;
  const nominator = await fundedAccount(node.api, 10n * PAL);
  const upsert = sdk.upsertNomination(nominator.address, { bond: 4n * PAL, validators: [alice] });
  await papiSubmit(await upsert.waited, nominator);

  const ledger = (await api.query.staking.ledger(nominator.address)).unwrap();
  assert.equal(ledger.active.toBigInt(), 4n * PAL);
  assert.deepEqual((await api.query.staking.nominators(nominator.address)).unwrap().targets.map(String), [alice]);

  const status = await accountStatus(nominator.address, (s) => s.nomination.nominating !== null);
  const { nomination, balance } = status;
  assert.equal(nomination.currentBond, ledger.active.toBigInt());
  assert.equal(nomination.totalLocked, ledger.total.toBigInt());
  assert.deepEqual(nomination.nominating.validators, [alice]);
  assert.equal(nomination.payee.type, (await api.query.staking.payee(nominator.address)).unwrap().type);
  assert.equal(nomination.minNominationBond, (await api.query.staking.minNominatorBond()).toBigInt());
  // "The least stake that earns rewards": the smallest nominator stake of the last voter
  // snapshot. The SDK reads finalised state and Polkadot.js the best block, so around an
  // election the two may differ for a block or two.
  let minimumActive;
  await waitFor(async () => {
    minimumActive = (await api.query.staking.minimumActiveStake()).toBigInt();
    const { nomination: now } = await accountStatus(nominator.address);
    return now.lastMinRewardingBond === minimumActive;
  }, 60_000, 'the SDK to read the chain\'s MinimumActiveStake');
  assert.ok(minimumActive > 0n, 'an election took nominators');
  assert.deepEqual(nomination.unlocks, []);
  const account = await api.query.system.account(nominator.address);
  assert.equal(balance.raw.free, account.data.free.toBigInt());
  assert.equal(balance.raw.reserved, account.data.reserved.toBigInt());
  assert.equal(status.nominationPool.pool, null);

  // stopNomination chills and unbonds everything.
  await papiSubmit(await sdk.stopNomination(nominator.address).waited, nominator);
  assert.ok((await api.query.staking.nominators(nominator.address)).isNone);
  const unbonded = (await api.query.staking.ledger(nominator.address)).unwrap();
  assert.equal(unbonded.active.toBigInt(), 0n);
  const unlocking = unbonded.unlocking.map((chunk) => ({ value: chunk.value.toBigInt(), era: chunk.era.toNumber() }));
  const stopped = await accountStatus(nominator.address, (s) => s.nomination.unlocks.length > 0);
  assert.deepEqual(stopped.nomination.unlocks, unlocking);
});

test('a pool member: getAccountStatus$, the pool functions and unbondNominationPool agree with the chain', async () => {
  const { api } = node;
  const member = await fundedAccount(node.api, 5n * PAL);
  const unsafe = client.getUnsafeApi();
  await papiSubmit(unsafe.tx.NominationPools.join({ amount: 2n * PAL, pool_id: 1 }), member);

  const record = (await api.query.nominationPools.poolMembers(member.address)).unwrap();
  // The SDK reads finalised state: compared with the chain's at the finalised head, until
  // both are read at the same one (a payout between the reads changes pending rewards).
  let status;
  let chain;
  await waitFor(async () => {
    status = await accountStatus(member.address, (s) => s.nominationPool.pool === 1);
    const at = await api.at(await api.rpc.chain.getFinalizedHead());
    chain = {
      points: (await at.query.nominationPools.poolMembers(member.address)).unwrap().points.toBigInt(),
      bond: (await at.call.nominationPoolsApi.pointsToBalance(1, record.points)).toBigInt(),
      pending: (await at.call.nominationPoolsApi.pendingRewards(member.address)).toBigInt()
    };
    const { nominationPool } = status;
    return nominationPool.points === chain.points && nominationPool.currentBond === chain.bond &&
      nominationPool.pendingRewards === chain.pending;
  }, 60_000, 'the SDK and the finalised chain to agree on the member');
  assert.equal(chain.points, record.points.toBigInt());
  assert.equal(status.nomination.nominating, null, 'a pool member does not nominate itself');

  // The pool as the SDK shows it, and as the chain stores it at the finalised head (where
  // the SDK reads; pool upkeep may compound rewards into the pool between reads).
  const poolAccount = (await api.call.nominationPoolsApi.poolAccounts(1))[0].toString();
  let pool;
  let stored;
  await waitFor(async () => {
    pool = await withTimeout(firstValueFrom(sdk.getNominationPool$(1)), 30_000, 'getNominationPool$');
    const at = await api.at(await api.rpc.chain.getFinalizedHead());
    const bonded = (await at.query.nominationPools.bondedPools(1)).unwrap();
    stored = {
      memberCount: bonded.memberCounter.toNumber(),
      points: bonded.points.toBigInt(),
      bond: (await at.query.staking.ledger(poolAccount)).unwrap().active.toBigInt(),
      nominations: (await at.query.staking.nominators(poolAccount)).unwrap().targets.map(String),
      state: bonded.state.type
    };
    return pool.points === stored.points && pool.bond === stored.bond;
  }, 60_000, 'the SDK and the finalised chain to agree on pool 1');
  assert.equal(pool.addresses.pool, poolAccount);
  assert.deepEqual(
    { memberCount: pool.memberCount, points: pool.points, bond: pool.bond, nominations: pool.nominations, state: pool.state },
    stored
  );
  const listed = (await sdk.getNominationPools()).find((p) => p.id === 1);
  assert.ok(listed, 'getNominationPools lists pool 1');
  // `bond` is left out: sdk-staking 0.5.0 indexes the pools' bonds by pool id instead of by
  // position in `getNominationPools`, so pool 1 shows pool 2's bond (none here).
  assert.deepEqual([listed.memberCount, listed.points], [pool.memberCount, pool.points]);

  // Unbonding through the SDK: the member's points move to an unbonding era.
  await papiSubmit(await sdk.unbondNominationPool(member.address, PAL).waited, member);
  const after = (await api.query.nominationPools.poolMembers(member.address)).unwrap();
  const unbondingPoints = [...after.unbondingEras.values()].reduce((sum, points) => sum + points.toBigInt(), 0n);
  assert.equal(after.points.toBigInt() + unbondingPoints, record.points.toBigInt());
  assert.equal(unbondingPoints, (await api.call.nominationPoolsApi.balanceToPoints(1, PAL)).toBigInt());
  const unbonding = await accountStatus(member.address, (s) => s.nominationPool.unlocks.length > 0);
  assert.equal(unbonding.nominationPool.points, after.points.toBigInt());
});
