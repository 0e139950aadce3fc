// A launch from fresh keys, as the validator guide's "Launching a new network" says: its blocks
// marked `sh launch` run as written (in order, for four operators, each in its own directory, on
// free ports in place of 30333, 9944 and 9615): each operator generates its stash, session and
// network keys; a coordinator builds the spec from the `staging` preset with them
// (`build-spec` → edit → `--raw`); each starts its validator and inserts its keys with
// `author_insertKey`, then restarts without unsafe RPC. The chain authors and finalises with
// those keys alone. A fifth operator then joins as the guide's steps 3 to 5 say (a node of its
// own, `author_rotateKeysWithOwner`, `bond`, `session.setKeys`, `validate`) and is elected.

import { Keyring } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';

import { finalisedNumber } from './lib/network.js';
import { accepts, connectApi, freePorts, submit, waitFor } from './lib/node.js';

const PAL = 10n ** 12n;
const GUIDE = readFileSync(new URL('../../docs/validator-guide.md', import.meta.url), 'utf8');
const NODE_DIR = dirname(process.env.PALISADE_NODE ?? '.');

let root;
/** The operators: `{ name, dir, ports, peerId, keys, process }`. */
const operators = [];
let api;

/** The guide's blocks fenced with `tag` (e.g. `sh launch`), in order, without their indentation. */
function guideBlocks (tag) {
  const blocks = [];
  let current;
  for (const line of GUIDE.split('\n')) {
    const trimmed = line.trimStart();
    if (current === undefined) {
      if (trimmed === '```' + tag) current = { indent: line.length - trimmed.length, lines: [] };
    } else if (trimmed === '```') {
      blocks.push(current.lines.join('\n'));
      current = undefined;
    } else {
      current.lines.push(line.slice(current.indent));
    }
  }
  return blocks;
}

const LAUNCH = guideBlocks('sh launch');
const [GENERATE_KEYS, BUILD_SPEC, RUN_NODE, INSERT_KEYS] = LAUNCH;
/** Section 4's request for session keys owned by a stash. */
const ROTATE_KEYS = guideBlocks('sh checked').find((block) => block.includes('author_rotateKeysWithOwner'));

/** `block` with the guide's ports replaced by `operator`'s. */
function onPorts (block, { ports }) {
  return block.replaceAll('30333', String(ports.p2p)).replaceAll('9944', String(ports.rpc))
    .replaceAll('9615', String(ports.metrics));
}

/** Runs `script` with bash in `dir`, `palisade-node` on the PATH; returns its output. */
function sh (script, dir, env = {}) {
  return execFileSync('bash', ['-euo', 'pipefail', '-c', script], {
    cwd: dir, env: { ...process.env, PATH: `${NODE_DIR}:${process.env.PATH}`, ...env }, stdio: ['ignore', 'pipe', 'pipe']
  }).toString();
}

/** A new operator: its directory and free ports, and its keys from the guide's first block. */
async function newOperator (name) {
  const dir = join(root, name);
  mkdirSync(dir);
  const [p2p, rpc, metrics] = await freePorts(3);
  sh(GENERATE_KEYS, dir);
  const operator = {
    name,
    dir,
    ports: { p2p, rpc, metrics },
    peerId: readFileSync(join(dir, 'peer-id'), 'utf8').trim(),
    keys: Object.fromEntries(['stash', 'babe', 'grandpa'].map((key) => [key, JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8'))]))
  };
  operators.push(operator);
  return operator;
}

/** Starts `operator`'s node with the guide's run command (without unsafe RPC if `safe`). */
async function startOperatorNode (operator, bootnodes, safe = false) {
  let command = onPorts(RUN_NODE, operator);
  if (safe) command = command.replace(' --rpc-methods unsafe', '');
  const log = openSync(join(operator.dir, 'node.log'), 'a');
  operator.process = spawn('bash', ['-c', `exec ${command}`], {
    cwd: operator.dir,
    env: { ...process.env, PATH: `${NODE_DIR}:${process.env.PATH}`, NAME: operator.name, BOOTNODES: bootnodes },
    stdio: ['ignore', log, log]
  });
  await waitFor(() => accepts(operator.ports.rpc), 60_000, `${operator.name}'s RPC port`);
}

/** Stops `operator`'s node and waits for it to exit. */
async function stopOperatorNode (operator) {
  const exited = new Promise((resolve) => operator.process.once('exit', resolve));
  operator.process.kill('SIGTERM');
  await exited;
}

/** The bootnode address of `operator`. */
const bootnodeOf = ({ ports, peerId }) => `/ip4/127.0.0.1/tcp/${ports.p2p}/p2p/${peerId}`;

/** However the test process ends, the operators' nodes must not outlive it. */
const killNodes = () => operators.forEach((operator) => operator.process?.kill('SIGKILL'));

before(async () => {
  await cryptoWaitReady();
  assert.equal(LAUNCH.length, 4, 'the guide\'s launch has four blocks');
  assert.ok(ROTATE_KEYS, 'the guide asks the node for keys with author_rotateKeysWithOwner');
  root = mkdtempSync(join(tmpdir(), 'palisade-launch-'));
  process.once('exit', killNodes);
});

after(async () => {
  await api?.disconnect();
  killNodes();
  process.off('exit', killNodes);
  if (root) rmSync(root, { force: true, recursive: true });
});

test('four operators launch a network from their own fresh keys, as the validator guide says', async () => {
  for (const name of ['one', 'two', 'three', 'four']) await newOperator(name);

  // The coordinator builds the spec from the operators' public keys.
  const coordinator = join(root, 'coordinator');
  mkdirSync(join(coordinator, 'operators'), { recursive: true });
  for (const { dir, name } of operators) copyFileSync(join(dir, 'public.json'), join(coordinator, 'operators', `${name}.json`));
  sh(BUILD_SPEC, coordinator);
  for (const { dir } of operators) copyFileSync(join(coordinator, 'palisade-spec.json'), join(dir, 'palisade-spec.json'));

  // Each starts its node, inserts its session keys, and restarts without unsafe RPC.
  const bootnodes = (operator) => operators.filter((other) => other !== operator).map(bootnodeOf).join(' ');
  for (const [index, operator] of operators.entries()) {
    await startOperatorNode(operator, index === 0 ? '' : bootnodeOf(operators[0]));
    const answers = sh(onPorts(INSERT_KEYS, operator), operator.dir);
    assert.equal(answers.match(/"result":null/g)?.length, 2, `both keys inserted: ${answers}`);
  }
  for (const operator of operators) {
    await stopOperatorNode(operator);
    await startOperatorNode(operator, bootnodes(operator), true);
  }

  api = await connectApi(operators[0].ports.rpc);
  await waitFor(async () => (await finalisedNumber(api)) >= 5, 3 * 60_000, 'block 5 finalised');

  // The validators are the operators' stashes, with their keys; none is a development key.
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const stashes = operators.map(({ keys }) => keys.stash.ss58Address).sort();
  assert.deepEqual((await api.query.session.validators()).map(String).sort(), stashes);
  const babe = (await api.query.babe.authorities()).map(([key]) => key.toHex()).sort();
  assert.deepEqual(babe, operators.map(({ keys }) => keys.babe.publicKey).sort());
  const grandpa = (await api.query.grandpa.authorities()).map(([key]) => key.toHex()).sort();
  assert.deepEqual(grandpa, operators.map(({ keys }) => keys.grandpa.publicKey).sort());
  assert.ok(!stashes.includes(keyring.addFromUri('//Alice').address));
  for (const operator of operators) {
    const rejected = sh(`curl -s -H 'Content-Type: application/json' http://127.0.0.1:${operator.ports.rpc} -d '{"id":1,"jsonrpc":"2.0","method":"author_rotateKeys","params":[]}'`, operator.dir);
    assert.match(rejected, /unsafe|not allowed|-32601/i, `${operator.name}'s node refuses unsafe RPC after its restart`);
  }
  const finalised = await finalisedNumber(api);
  await waitFor(async () => (await finalisedNumber(api)) >= finalised + 5, 60_000, 'finality to go on');
});

test('a fifth operator joins by bond, setKeys and validate, and is elected', async () => {
  const fifth = await newOperator('five');
  copyFileSync(join(operators[0].dir, 'palisade-spec.json'), join(fifth.dir, 'palisade-spec.json'));
  await startOperatorNode(fifth, operators.slice(0, 4).map(bootnodeOf).join(' '));

  // Keys from its own node, owned by its stash (step 4 of the guide).
  const stash = fifth.keys.stash.ss58Address;
  const answer = JSON.parse(sh(onPorts(ROTATE_KEYS, fifth), fifth.dir, { STASH: stash }));
  const { keys, proof } = answer.result;

  // Funded by the first operator, it bonds, registers its keys and validates (step 5).
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const first = keyring.addFromUri(operators[0].keys.stash.secretPhrase);
  const signer = keyring.addFromUri(fifth.keys.stash.secretPhrase);
  await submit(api, api.tx.balances.transferKeepAlive(stash, 50_000n * PAL), first);
  await submit(api, api.tx.staking.bond(20_000n * PAL, 'Staked'), signer);
  await submit(api, api.tx.session.setKeys(keys, proof), signer);
  await submit(api, api.tx.staking.validate({ commission: 10_000_000, blocked: false }), signer);

  await waitFor(async () => (await api.query.session.validators()).map(String).includes(stash),
    5 * 60_000, 'the fifth operator to be elected and active');
  const era = (await api.query.staking.activeEra()).unwrap().index.toNumber();
  assert.ok((await api.query.staking.erasStakersOverview(era, stash)).isSome, 'exposed in the active era');
});
