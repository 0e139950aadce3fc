// Chain specs and multi-validator networks on loopback, built with the node's own commands as
// the validator guide's launch steps use them.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startNode, waitFor } from './node.js';

const NODE = process.env.PALISADE_NODE;

/** Runs `palisade-node args`; returns its standard output. */
export function palisade (args) {
  return execFileSync(NODE, args, { maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] })
    .toString();
}

/**
 * A raw chain spec from the `chain` preset (`build-spec` → edit → `--raw`): `edit` changes the
 * plain spec's JSON in place first. Returns the raw spec's path and `remove()`, which deletes
 * both files.
 */
export function rawSpec (chain, edit) {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-spec-'));
  const plain = JSON.parse(palisade(['build-spec', '--chain', chain, '--disable-default-bootnode']));
  edit(plain);
  const plainPath = join(dir, `${chain}-plain.json`);
  writeFileSync(plainPath, JSON.stringify(plain));
  const rawPath = join(dir, `${chain}-raw.json`);
  writeFileSync(rawPath, palisade(['build-spec', '--chain', plainPath, '--raw', '--disable-default-bootnode']));
  return { path: rawPath, remove: () => rmSync(dir, { force: true, recursive: true }) };
}

/** The libp2p peer id of the node key `nodeKey` (hex), which `--node-key` sets. */
export function peerIdOf (nodeKey) {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-node-key-'));
  try {
    writeFileSync(join(dir, 'node-key'), nodeKey);
    return palisade(['key', 'inspect-node-key', '--file', join(dir, 'node-key')]).trim();
  } finally {
    rmSync(dir, { force: true, recursive: true });
  }
}

/**
 * The first finalised block from number `from` on whose events include one `matches`, as
 * `{ number, hash, events }`; waits for it up to `timeoutMs`. Reads the finalised chain block by block,
 * so no block is missed, as a subscription to new heads can when the best chain reorganises.
 */
export async function findFinalised (api, from, matches, timeoutMs, what) {
  let next = from;
  let found;
  await waitFor(async () => {
    for (const last = await finalisedNumber(api); next <= last && !found; next++) {
      const hash = await api.rpc.chain.getBlockHash(next);
      const events = (await (await api.at(hash)).query.system.events()).map(({ event }) => event);
      if (events.some(matches)) found = { number: next, hash, events };
    }
    return found !== undefined;
  }, timeoutMs, what);
  return found;
}

/**
 * Starts one validator per entry of `validators` (each `{ args, options }`) on the chain spec
 * at `spec`, the first with node key `00…01` and the bootnode of the others; resolves once
 * every node has finalised block `finalised`.
 */
export async function startValidators (spec, validators, finalised = 3) {
  const nodes = [];
  const key = (index) => String(index + 1).padStart(64, '0');
  const first = await startNode(['--chain', spec, '--validator', '--node-key', key(0), ...validators[0].args],
    120_000, validators[0].options);
  nodes.push(first);
  const bootnode = `/ip4/127.0.0.1/tcp/${first.p2pPort}/p2p/${peerIdOf(key(0))}`;
  for (const [index, { args, options }] of validators.entries()) {
    if (index === 0) continue;
    nodes.push(await startNode(['--chain', spec, '--validator', '--node-key', key(index), '--bootnodes', bootnode, ...args],
      120_000, options));
  }
  await Promise.all(nodes.map((node) => waitFor(
    async () => (await finalisedNumber(node.api)) >= finalised, 3 * 60_000, `block ${finalised} finalised`)));
  return { nodes, bootnode };
}

/** The number of the node's finalised head. */
export async function finalisedNumber (api) {
  const head = await api.rpc.chain.getFinalizedHead();
  return (await api.rpc.chain.getHeader(head)).number.toNumber();
}
