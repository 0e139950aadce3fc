// Starts a palisade-node on free loopback ports, connects Polkadot.js to it, and stops it.

import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { mnemonicGenerate } from '@polkadot/util-crypto';
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NODE = process.env.PALISADE_NODE;

/** `count` distinct TCP ports on 127.0.0.1 that nothing listens on right now: all are held
 * until all are chosen, so that none is handed out twice. */
export async function freePorts (count) {
  const servers = await Promise.all(Array.from({ length: count }, () => new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  })));
  const ports = servers.map((server) => server.address().port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/**
 * Starts a node with `args`; resolves once Polkadot.js is connected to it (within `timeoutMs`).
 * With `prometheus`, the node serves its metrics on a free port (`metrics()` reads them).
 */
export async function startNode (args, timeoutMs = 120_000, { prometheus = false } = {}) {
  if (!NODE) {
    throw new Error('PALISADE_NODE must name the palisade-node binary (scripts/test.sh sets it)');
  }
  const dir = mkdtempSync(join(tmpdir(), 'palisade-js-'));
  const logPath = join(dir, 'node.log');
  const [rpcPort, p2pPort, metricsPort] = await freePorts(3);
  const metricsArgs = prometheus ? ['--prometheus-port', String(metricsPort)] : ['--no-prometheus'];
  const child = spawn(NODE, [
    ...args,
    '--base-path', join(dir, 'base'),
    '--rpc-port', String(rpcPort),
    '--port', String(p2pPort),
    ...metricsArgs, '--no-telemetry', '--no-mdns'
  ], { stdio: ['ignore', 'ignore', openSync(logPath, 'w')] });
  const log = () => readFileSync(logPath, 'utf8').split('\n').slice(-40).join('\n');
  // However the test process ends, the node must not outlive it.
  const killNode = () => child.kill('SIGKILL');
  process.once('exit', killNode);

  const deadline = Date.now() + timeoutMs;
  const fail = (why) => {
    child.kill('SIGKILL');
    return new Error(`${why}\n--- node log (${logPath}) ---\n${log()}`);
  };
  while (!(await accepts(rpcPort))) {
    if (child.exitCode !== null) {
      throw fail(`palisade-node exited (${child.exitCode})`);
    }
    if (Date.now() > deadline) {
      throw fail(`palisade-node did not open its RPC port within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const provider = new WsProvider(`ws://127.0.0.1:${rpcPort}`);
  const api = await withTimeout(
    ApiPromise.create({ provider, noInitWarn: true }),
    Math.max(deadline - Date.now(), 10_000),
    'Polkadot.js to initialise'
  ).catch((error) => {
    provider.disconnect();
    throw fail(error.message);
  });

  return {
    api,
    log,
    /** The node's whole log so far. */
    fullLog: () => readFileSync(logPath, 'utf8'),
    p2pPort,
    rpcPort,
    /** Sends a raw JSON-RPC request (for methods this Polkadot.js version does not know). */
    rpc: (method, params) => provider.send(method, params),
    /** The node's Prometheus metrics as `name{labels}` → value (with `prometheus` only). */
    async metrics () {
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      return new Map(text.split('\n')
        .filter((line) => line && !line.startsWith('#'))
        .map((line) => {
          const at = line.lastIndexOf(' ');
          return [line.slice(0, at), Number(line.slice(at + 1))];
        }));
    },
    /** Freezes the node's process (SIGSTOP): it keeps its state and its votes, and does nothing. */
    pause: () => child.kill('SIGSTOP'),
    /** Lets a paused node go on (SIGCONT). */
    resume: () => child.kill('SIGCONT'),
    async stop () {
      await api.disconnect();
      process.off('exit', killNode);
      killNode();
      rmSync(dir, { force: true, recursive: true });
    }
  };
}

/** Polkadot.js, connected to the node whose RPC listens on 127.0.0.1:`port`. */
export async function connectApi (port, timeoutMs = 60_000) {
  const provider = new WsProvider(`ws://127.0.0.1:${port}`);
  return withTimeout(ApiPromise.create({ provider, noInitWarn: true }), timeoutMs, 'Polkadot.js to initialise')
    .catch((error) => {
      provider.disconnect();
      throw error;
    });
}

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
export function accepts (port) {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

/** `promise`, or a rejection naming `what` after `ms`. */
export function withTimeout (promise, ms, what) {
  let timer;
  const timeout = new Promise((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// The next nonce of each signer, kept here rather than asked of the node each time: after a
// short fork the node can report a nonce whose retracted transaction is not yet back in its
// pool, and a second transaction with that nonce is rejected as a replacement.
const nextNonces = new Map();

async function takeNonce (api, signer) {
  const key = `${api.genesisHash.toHex()}/${signer.address}`;
  const onChain = (await api.rpc.system.accountNextIndex(signer.address)).toNumber();
  const nonce = Math.max(onChain, nextNonces.get(key) ?? 0);
  nextNonces.set(key, nonce + 1);
  return { key, nonce };
}

/**
 * Signs and submits `tx` with `signer`; resolves with the events once it is in a block (the
 * array also carries that block's hash as `blockHash`), or rejects with `pallet.Error` if it
 * failed.
 */
export async function submit (api, tx, signer, timeoutMs = 60_000) {
  const { key, nonce } = await takeNonce(api, signer);
  return withTimeout(new Promise((resolve, reject) => {
    tx.signAndSend(signer, { nonce }, ({ dispatchError, events, status }) => {
      if (!status.isInBlock) {
        return;
      }
      if (dispatchError) {
        if (dispatchError.isModule) {
          const { name, section } = api.registry.findMetaError(dispatchError.asModule);
          reject(new Error(`${section}.${name}`));
        } else {
          reject(new Error(dispatchError.toString()));
        }
      } else {
        resolve(Object.assign(events.map(({ event }) => event), { blockHash: status.asInBlock }));
      }
    }).catch((error) => {
      // The pool refused it, so its nonce is still free: ask the node again next time.
      nextNonces.delete(key);
      reject(error);
    });
  }), timeoutMs, `${tx.method.section}.${tx.method.method} to be included`);
}

/** The events of `section.method` among `events`. */
export function eventsOf (events, section, method) {
  return events.filter((event) => event.section === section && event.method === method);
}

/** Polls `condition` every second until it holds; rejects naming `what` after `timeoutMs`. */
export async function waitFor (condition, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** A fresh sr25519 account (a random mnemonic) that Alice has sent `amount`; on dev chains. */
export async function fundedAccount (api, amount) {
  const keys = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const who = keys.addFromUri(mnemonicGenerate());
  await submit(api, api.tx.balances.transferKeepAlive(who.address, amount), keys.addFromUri('//Alice'));
  return who;
}
