// Starts Substrate API Sidecar (the npm release pinned in package.json) against a node, on a
// free loopback port, and stops it.

import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { freePorts } from './node.js';

const SIDECAR = fileURLToPath(new URL('../../node_modules/.bin/substrate-api-sidecar', import.meta.url));

/** Starts Sidecar against the node at `rpcPort`; resolves once it answers (within `timeoutMs`). */
export async function startSidecar (rpcPort, timeoutMs = 60_000) {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-sidecar-'));
  const logPath = join(dir, 'sidecar.log');
  const [port] = await freePorts(1);
  const log = openSync(logPath, 'a');
  const child = spawn(SIDECAR, [], {
    env: {
      ...process.env,
      SAS_SUBSTRATE_URL: `ws://127.0.0.1:${rpcPort}`,
      SAS_EXPRESS_BIND_HOST: '127.0.0.1',
      SAS_EXPRESS_PORT: String(port),
      SAS_LOG_LEVEL: 'warn'
    },
    stdio: ['ignore', log, log]
  });
  closeSync(log);
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(`${base}/node/version`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      kill();
      throw new Error(`Sidecar did not start:\n${readFileSync(logPath, 'utf8')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return {
    /** GETs `path`; resolves with the HTTP status and the body (parsed if JSON). */
    async get (path) {
      const response = await fetch(`${base}${path}`);
      const text = await response.text();
      let body = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Not JSON (e.g. Express' 404 page).
      }
      return { status: response.status, body };
    },
    stop () {
      process.off('exit', kill);
      kill();
      rmSync(dir, { force: true, recursive: true });
    }
  };
}
