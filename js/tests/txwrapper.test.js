// Offline signing with txwrapper (`@substrate/txwrapper-core` and `-substrate`, the packages
// for any FRAME chain, as exchanges and custodians use them) against a live `palisade-node --dev`: the online side fetches what a transaction
// needs (metadata, versions, a recent block, the nonce), the offline side builds and signs
// `utility.batchAll(staking.bond, staking.nominate)` and `nominationPools.join` from the
// chain's own metadata, and the chain's storage shows each took effect.

import { Keyring } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { construct, getRegistryBase } from '@substrate/txwrapper-core';
import { methods } from '@substrate/txwrapper-substrate';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { fundedAccount, startNode, waitFor } from './lib/node.js';

const PAL = 10n ** 12n;
let node;
let keys;

before(async () => {
  await cryptoWaitReady();
  keys = new Keyring({ type: 'sr25519', ss58Format: 42 });
  node = await startNode(['--dev']);
});

after(async () => {
  await node?.stop();
});

/** What the online machine hands the offline signer for `address`'s next transaction. */
async function onlineInfo (address) {
  const metadataRpc = await node.rpc('state_getMetadata', []);
  const { specVersion, transactionVersion } = await node.rpc('state_getRuntimeVersion', []);
  const blockHash = await node.rpc('chain_getBlockHash', []);
  const genesisHash = await node.rpc('chain_getBlockHash', [0]);
  const { block } = await node.rpc('chain_getBlock', [blockHash]);
  const nonce = await node.rpc('system_accountNextIndex', [address]);
  const registry = getRegistryBase({
    chainProperties: await node.rpc('system_properties', []),
    specTypes: {},
    metadataRpc
  });
  const info = {
    address,
    blockHash,
    blockNumber: Number(block.header.number),
    eraPeriod: 64,
    genesisHash,
    metadataRpc,
    nonce,
    specVersion,
    tip: 0,
    transactionVersion
  };
  return { info, options: { metadataRpc, registry } };
}

/** Signs `unsigned` with `pair` offline and submits it; resolves with its hash. */
async function signAndSubmit (unsigned, pair, options) {
  const { registry } = options;
  const payload = construct.signingPayload(unsigned, { registry });
  const { signature } = registry
    .createType('ExtrinsicPayload', payload, { version: unsigned.version })
    .sign(pair);
  const tx = construct.signedTx(unsigned, signature, options);
  const hash = await node.rpc('author_submitExtrinsic', [tx]);
  assert.equal(hash, construct.txHash(tx), 'the node hashes the transaction as txwrapper does');
  return hash;
}

test('an offline-signed batchAll(bond, nominate) bonds and nominates', async () => {
  const { api } = node;
  const alice = keys.addFromUri('//Alice').address;
  const staker = await fundedAccount(node.api, 10n * PAL);
  const { info, options } = await onlineInfo(staker.address);

  const bond = methods.staking.bond({ value: (3n * PAL).toString(), payee: 'Staked' }, info, options);
  const nominate = methods.staking.nominate({ targets: [alice] }, info, options);
  const batch = methods.utility.batchAll({ calls: [bond.method, nominate.method] }, info, options);
  // The offline side can show the signer what it signs, decoded from the chain's metadata.
  const decoded = options.registry.createType('Call', batch.method);
  assert.equal(`${decoded.section}.${decoded.method}`, 'utility.batchAll');
  await signAndSubmit(batch, staker, options);

  await waitFor(async () => (await api.query.staking.nominators(staker.address)).isSome, 60_000, 'the nomination');
  const ledger = (await api.query.staking.ledger(staker.address)).unwrap();
  assert.equal(ledger.active.toBigInt(), 3n * PAL);
  assert.equal(ledger.total.toBigInt(), 3n * PAL);
  const nominations = (await api.query.staking.nominators(staker.address)).unwrap();
  assert.deepEqual(nominations.targets.map(String), [alice]);
  assert.equal((await api.query.staking.payee(staker.address)).unwrap().toString(), 'Staked');
});

test('an offline-signed nominationPools.join makes a pool member', async () => {
  const { api } = node;
  const member = await fundedAccount(node.api, 5n * PAL);
  const { info, options } = await onlineInfo(member.address);
  const amount = 2n * PAL;
  const expectedPoints = (await api.call.nominationPoolsApi.balanceToPoints(1, amount)).toBigInt();

  const join = methods.nominationPools.join({ amount: amount.toString(), poolId: 1 }, info, options);
  await signAndSubmit(join, member, options);

  await waitFor(async () => (await api.query.nominationPools.poolMembers(member.address)).isSome, 60_000, 'the pool join');
  const record = (await api.query.nominationPools.poolMembers(member.address)).unwrap();
  assert.equal(record.poolId.toNumber(), 1);
  assert.equal(record.points.toBigInt(), expectedPoints);
  assert.equal((await api.call.nominationPoolsApi.pointsToBalance(1, record.points)).toBigInt(), amount);
});
