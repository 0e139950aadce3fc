// docs/nominator-guide.md's script, js/examples/nominator.js, run as the guide runs it against a
// live `palisade-node --dev`: bond, nominate, a reward arrives, unbond, withdraw.

import { Keyring } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import { startNode, waitFor } from './lib/node.js';

const SCRIPT = fileURLToPath(new URL('../examples/nominator.js', import.meta.url));
const SECRET = '//Ferdie';
let node;
let ferdie;

before(async () => {
  await cryptoWaitReady();
  ferdie = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(SECRET).address;
  node = await startNode(['--dev']);
});

after(async () => {
  await node?.stop();
});

/** Runs the guide's script with `args`; resolves with what it printed. */
function nominator (args, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    execFile('node', [SCRIPT, ...args], {
      env: { ...process.env, PALISADE_WS: `ws://127.0.0.1:${node.rpcPort}` },
      timeout: timeoutMs
    }, (error, stdout, stderr) => {
      if (error) reject(new Error(`nominator.js ${args.join(' ')}: ${error.message}\n${stdout}${stderr}`));
      else resolve(stdout);
    });
  });
}

test('the guide bonds, nominates and sees a reward', async () => {
  assert.match(await nominator(['status', SECRET]), /not bonded/);
  assert.match(await nominator(['bond', SECRET, '5000']), /bonded 5000\.0000 PAL/);
  const alice = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri('//Alice').address;
  assert.match(await nominator(['nominate', SECRET]), new RegExp(`nominating ${alice}`));
  const status = await nominator(['status', SECRET]);
  assert.match(status, /bonded: 5000\.0000 PAL \(active 5000\.0000 PAL\), rewards go to Staked/);
  assert.match(status, new RegExp(`nominating: ${alice}`));

  // Exposed from the next era, paid when it ends: within about three dev eras.
  assert.match(await nominator(['rewards', SECRET, '1'], 270_000), /rewarded: \d+\.\d{4} PAL/);
  const ledger = (await node.api.query.staking.ledger(ferdie)).unwrap();
  assert.ok(ledger.active.toBigInt() > 5000n * 10n ** 12n, 'the reward is bonded');
});

test('the guide unbonds, is told when it can withdraw, and withdraws then', async () => {
  const unbonded = await nominator(['unbond', SECRET, '1000']);
  const era = Number(/withdrawable from era (\d+)/.exec(unbonded)?.[1]);
  assert.ok(era > 0, unbonded);
  assert.match(await nominator(['withdraw', SECRET]), new RegExp(`nothing to withdraw yet: the next chunk unlocks in era ${era}`));

  await waitFor(async () => (await node.api.query.staking.currentEra()).unwrap().toNumber() >= era,
    240_000, `era ${era}`);
  assert.match(await nominator(['withdraw', SECRET]), /withdrawn: 1000\.0000 PAL/);
  assert.doesNotMatch(await nominator(['status', SECRET]), /unlocking/);
});
