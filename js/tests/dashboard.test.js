// The staking dashboard (web/) in a real browser: Debian's Chromium, driven by playwright-core,
// against a live `palisade-node --dev`. A dev account bonds, nominates a validator picked from
// the table, sees its nomination active and a reward on its chart, unbonds and sees the chunk
// on the timeline with its date; a refused bond shows its error in plain words. Screenshots of
// each view are saved under js/test-results/dashboard/ (not committed).

import { Keyring } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { freePorts, startNode, waitFor } from './lib/node.js';

const DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));
const SHOTS = fileURLToPath(new URL('../test-results/dashboard/', import.meta.url));
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

let node;
let server;
let browser;
let page;
let url;

/** Serves the built dashboard from web/dist on a free loopback port. */
async function serveDashboard () {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error('web/dist is missing: build the dashboard first (npm --prefix web run build; scripts/test.sh does)');
  }
  const [port] = await freePorts(1);
  server = createServer((request, response) => {
    let file;
    try {
      const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
      file = join(DIST, path);
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    } catch {
      file = null;
    }
    if (!file || !file.startsWith(DIST) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return port;
}

/** Saves a screenshot of the page as `name`.png. */
async function shot (name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Submits the action form `action` with `fields` and waits for its outcome: done or an error. */
async function act (action, fields = {}) {
  const form = page.locator(`form[data-action=${action}]`);
  await form.locator('.fee').evaluate((fee) => { fee.textContent = 'Fee: —'; });
  for (const [name, value] of Object.entries(fields)) {
    const field = form.locator(`[name=${name}]`);
    if (await field.evaluate((el) => el.tagName === 'SELECT')) {
      await field.selectOption(value);
    } else {
      await field.fill(value);
    }
  }
  await form.locator('button').focus();
  await waitFor(async () => /Fee: about/.test(await form.locator('.fee').textContent()), 30_000, `the fee of ${action}`);
  const fee = await form.locator('.fee').textContent();
  await form.locator('button').click();
  const outcome = form.locator('[data-testid=done], [data-testid=error]');
  await outcome.first().waitFor({ timeout: 60_000 });
  return { fee, text: await outcome.first().textContent(), ok: await form.locator('[data-testid=done]').count() > 0 };
}

before(async () => {
  await cryptoWaitReady();
  mkdirSync(SHOTS, { recursive: true });
  node = await startNode(['--dev']);
  const port = await serveDashboard();
  url = `http://127.0.0.1:${port}/?rpc=ws://127.0.0.1:${node.rpcPort}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync']
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Every request and WebSocket the page opens, to prove none leaves the loopback.
  const external = [];
  const note = (address) => {
    if (new URL(address).hostname !== '127.0.0.1') external.push(address);
  };
  page.on('request', (request) => note(request.url()));
  page.on('websocket', (socket) => note(socket.url()));
  page.external = external;
});

after(async () => {
  try {
    await browser?.close();
  } finally {
    server?.close();
    await node?.stop();
  }
});

test('the dashboard shows the network, lets a dev account stake, and explains a refusal', async () => {
  try {
    await walkThrough();
  } catch (error) {
    await shot('failure');
    throw error;
  }
});

async function walkThrough () {
  const api = node.api;
  const keys = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const eve = keys.addFromUri('//Eve').address;

  // The page loads and shows the current era.
  await page.goto(`${url}#network`);
  await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
  // The page and a read of the chain can straddle an era's first block: asked again until equal.
  await waitFor(async () => Number(await page.locator('[data-testid=era-index]').textContent()) ===
    (await api.query.staking.activeEra()).unwrap().index.toNumber(), 30_000, 'the page to show the active era');
  assert.match(await page.locator('[data-testid=next-era]').textContent(), /\d+ (s|min|h)/);
  assert.match(await page.locator('[data-testid=payout-estimate]').textContent(), /≈ [\d,.]+ /);
  await shot('network');

  // Eve, a dev account, is picked. A bond below the existential deposit is refused in plain words.
  const options = await page.locator('[data-testid=account] option').allTextContents();
  await page.selectOption('[data-testid=account]', { index: options.findIndex((o) => o.startsWith('Eve (dev)')) });
  await page.goto(`${url}#stake`);
  await page.waitForSelector('body[data-ready=true]');
  const refused = await act('bond', { amount: '0.000000000001', payee: 'Staked' });
  assert.ok(!refused.ok, 'a bond below the existential deposit is refused');
  assert.match(refused.text, /staking\.BelowExistentialDeposit: a bond must be at least the existential deposit, [\d.,]+ /);

  // She bonds 1,000, with the fee shown first.
  const bonded = await act('bond', { amount: '1000', payee: 'Staked' });
  assert.ok(bonded.ok, bonded.text);
  assert.match(bonded.fee, /Fee: about [\d.]+ /);
  assert.match(bonded.text, /staking\.Bonded/);
  const ledger = (await api.query.staking.ledger(eve)).unwrap();
  const bond = 1_000n * 10n ** BigInt(api.registry.chainDecimals[0]);
  assert.equal(ledger.active.unwrap().toBigInt(), bond);

  // She nominates a validator she picks from the table.
  const [validator] = (await api.query.session.validators()).map((v) => v.toString());
  await page.goto(`${url}#validators`);
  const row = page.locator(`tr[data-stash="${validator}"]`);
  await row.waitFor({ timeout: 30_000 });
  await row.locator('input[type=checkbox]').check();
  await shot('validators');
  await page.goto(`${url}#stake`);
  const nominated = await act('nominate');
  assert.ok(nominated.ok, nominated.text);
  assert.match(nominated.text, /staking\.Nominated/);
  assert.deepEqual((await api.query.staking.nominators(eve)).unwrap().targets.map(String), [validator]);

  // After the next election her nomination is active, and after that era is paid, her chart has it.
  await waitFor(async () => await page.locator(`[data-testid=nominations] li[data-target="${validator}"][data-active=true]`).count() > 0,
    5 * 60_000, 'the nomination to be active this era');
  const activeEra = Number(await page.locator('body').getAttribute('data-era'));
  await waitFor(async () => (await page.locator('.reward-point').evaluateAll((points, from) =>
    points.filter((p) => Number(p.dataset.era) >= from && Number(p.dataset.amount) > 0).length, activeEra)) > 0,
  5 * 60_000, 'a reward of the era she was active in on her chart');
  await shot('stake-rewarded');
  // The chart's rewards are exactly what she was paid (bonded: her payee is Staked) and what
  // is still on its way to her.
  await waitFor(async () => {
    const charted = (await page.locator('.reward-point').evaluateAll((points) => points.map((p) => p.dataset.plancks)))
      .reduce((sum, plancks) => sum + BigInt(plancks), 0n);
    const pending = (await api.call.palisadeStakingApi.pendingRewards(eve))
      .reduce((sum, [, amount]) => sum + amount.toBigInt(), 0n);
    const active = (await api.query.staking.ledger(eve)).unwrap().active.unwrap().toBigInt();
    return charted === active - bond + pending;
  }, 60_000, 'the chart to add up to what she was paid and is owed');

  // She unbonds 100: the chunk is on the timeline, dated as the runtime API expects.
  const unbonded = await act('unbond', { amount: '100' });
  assert.ok(unbonded.ok, unbonded.text);
  const [chunk] = (await api.call.palisadeStakingApi.unbondingSchedule(eve)).map((c) => ({
    era: c.era.toNumber(), at: c.expectedAt.unwrapOr(null)?.toNumber()
  }));
  assert.ok(chunk.at > Date.now(), 'the chunk unlocks later: she was exposed');
  const mark = page.locator(`.unbonding-chunk[data-era="${chunk.era}"]`);
  await mark.waitFor({ timeout: 30_000 });
  // The expected date moves with the era's real start: page and chain compared until they agree.
  await waitFor(async () => {
    const [shown, now] = [Number(await mark.getAttribute('data-at')),
      (await api.call.palisadeStakingApi.unbondingSchedule(eve))[0].expectedAt.unwrapOr(null)?.toNumber()];
    const date = new Date(shown).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
    return shown === now && (await mark.textContent()).includes(date);
  }, 30_000, 'the chunk to show the date the runtime API gives');
  await shot('stake-unbonding');

  // On a phone-sized screen every view fits its width (the validators table scrolls in its
  // card), and nothing was asked of anything but the loopback.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const view of ['network', 'validators', 'stake']) {
    await page.goto(`${url}#${view}`);
    await page.waitForSelector('body[data-ready=true]');
    await shot(`${view}-phone`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the ${view} view fits a phone's width (${overflow} px too wide)`);
  }
  assert.deepEqual(page.external, [], 'the page requests nothing outside the loopback');
}
