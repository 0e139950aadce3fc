// Nomination pools through Polkadot.js against a live `palisade-node --dev`, with the guide's
// script (js/examples/pool-member.js): a fresh account with 2 PAL joins the genesis pool with
// 1 PAL, is paid each era with no call of its own, unbonds and withdraws.

import { Keyring } from '@polkadot/api';
import { cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import { startNode, waitFor } from './lib/node.js';

const SCRIPT = fileURLToPath(new URL('../examples/pool-member.js', import.meta.url));
const PAL = 10n ** 12n;
let node;
let member;
/** The fresh member's secret, as the guide's script takes it. */
const SECRET = mnemonicGenerate();

before(async () => {
  await cryptoWaitReady();
  node = await startNode(['--dev']);
  const keys = new Keyring({ type: 'sr25519', ss58Format: 42 });
  member = keys.addFromUri(SECRET);
  await new Promise((resolve, reject) => {
    node.api.tx.balances.transferKeepAlive(member.address, 2n * PAL)
      .signAndSend(keys.addFromUri('//Alice'), ({ status, dispatchError }) => {
        if (dispatchError) reject(new Error(dispatchError.toString()));
        else if (status.isInBlock) resolve();
      }).catch(reject);
  });
});

after(async () => {
  await node?.stop();
});

/** Runs the guide's script with `args`; resolves with what it printed. */
function poolMember (args, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    execFile('node', [SCRIPT, ...args], {
      env: { ...process.env, PALISADE_WS: `ws://127.0.0.1:${node.rpcPort}` },
      timeout: timeoutMs
    }, (error, stdout, stderr) => {
      if (error) reject(new Error(`pool-member.js ${args.join(' ')}: ${error.message}\n${stdout}${stderr}`));
      else resolve(stdout);
    });
  });
}

test('pools decode where Polkadot.js Apps reads them', async () => {
  const { api } = node;
  assert.equal(api.consts.nominationPools.palletId.toUtf8(), 'py/nopls');
  assert.ok((await api.query.nominationPools.lastPoolId()).toNumber() >= 1);
  const pool = (await api.query.nominationPools.bondedPools(1)).unwrap();
  assert.equal(pool.state.toString(), 'Open');
  assert.equal(pool.memberCounter.toNumber(), 4);
  assert.ok((await api.query.nominationPools.rewardPools(1)).isSome);
  assert.ok((await api.query.nominationPools.metadata(1)).isEmpty);
  const depositor = new Keyring({ type: 'sr25519' }).addFromUri('//Charlie//stash').address;
  const depositorMember = (await api.query.nominationPools.poolMembers(depositor)).unwrap();
  assert.equal(depositorMember.poolId.toNumber(), 1);
  const pending = await api.call.nominationPoolsApi.pendingRewards(depositor);
  assert.equal(typeof pending.toBigInt(), 'bigint');
  assert.match(await poolMember(['pools']), /pool 1 \(no name\): Open, 4 members, 116\.000000000 PAL bonded, nominating 1 validators/);
});

test('a member with 2 PAL joins with 1 PAL, is paid with no claim, unbonds and withdraws', async (t) => {
  const { api } = node;
  // What joining costs a member who has 2 PAL: the fee the chain quotes for the call.
  const { partialFee } = await api.tx.nominationPools.join(PAL, 1).paymentInfo(member.address);
  t.diagnostic(`join fee: ${partialFee.toBigInt()} plancks`);
  assert.ok(partialFee.toBigInt() > 0n && partialFee.toBigInt() < PAL / 5n, `join fee ${partialFee}`);
  assert.match(await poolMember(['join', SECRET, '1', '1']), /joined pool 1 with 1\.000000000 PAL/);
  assert.match(await poolMember(['status', SECRET]), /rewards: paid \(PermissionlessWithdraw\)/);

  // The chain pays the member each era (the default permission) with no call from it: its
  // points stay, its free balance grows. Three eras of it, recorded for the closing figures.
  const free = async () => (await api.query.system.account(member.address)).data.free.toBigInt();
  const startFree = await free();
  for (let paid = 0; paid < 3; paid++) {
    const printed = await poolMember(['rewards', SECRET], 300_000);
    assert.match(printed, /rewarded \d+\.\d{9} PAL; paid: \+\d+\.\d{9} PAL/);
    assert.doesNotMatch(printed, /paid: \+0\.000000000 PAL/, 'a payment, not a repeat of the last one');
    const era = (await api.query.staking.currentEra()).unwrap().toNumber();
    const points = (await api.query.nominationPools.poolMembers(member.address)).unwrap().points.toBigInt();
    const inPool = (await api.call.nominationPoolsApi.memberTotalBalance(member.address)).toBigInt();
    t.diagnostic(`era ${era}: ${points} points, ${inPool} plancks in the pool, free ${await free()} plancks (${printed.trim().split('\n').at(-1)})`);
    assert.equal(points, PAL, 'paid, not compounded');
  }
  assert.ok(await free() > startFree, 'the rewards reached the free balance');
  const sweep = await api.query.poolUpkeep.sweptEra();
  assert.ok(sweep.isSome, 'the chain swept the pool members');

  // Leaving: a full bonding duration, then withdraw.
  const unbonded = await poolMember(['unbond', SECRET, 'all']);
  const era = Number(/withdrawable from era (\d+)/.exec(unbonded)?.[1]);
  assert.ok(era > 0, unbonded);
  assert.match(await poolMember(['withdraw', SECRET]), new RegExp(`nothing to withdraw yet: the next chunk unlocks in era ${era}`));
  await waitFor(async () => (await api.query.staking.currentEra()).unwrap().toNumber() >= era, 300_000, `era ${era}`);
  assert.match(await poolMember(['withdraw', SECRET]), /withdrawn: 1\.000000000 PAL/);
  assert.ok((await api.query.nominationPools.poolMembers(member.address)).isNone);
  assert.match(await poolMember(['status', SECRET]), /not a pool member/);
});
