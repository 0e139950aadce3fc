// The dashboard: connects to the node named by `?rpc=` (default: a local dev node), draws the
// three views, and redraws them as blocks come.

import { connect, readAccount, readNetwork, readPools, readValidators } from './chain.js';
import { curveOf } from './economics.js';
import { readLimits } from './errors.js';
import { escapeHtml, shortAddress, useChainUnits } from './format.js';
import { loadAccounts } from './signer.js';
import { createActions } from './views/actions.js';
import { renderNetwork } from './views/network.js';
import { renderStake } from './views/stake.js';
import { createValidatorsView } from './views/validators.js';

const endpoint = new URLSearchParams(location.search).get('rpc') ?? 'ws://127.0.0.1:9944';
/** A node on this machine; any other is only used once the visitor agrees. */
const LOOPBACK = /^wss?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/?$/;
const $ = (selector) => document.querySelector(selector);

/** `promise`, or a rejection after `ms`: a read that never answers must not stop the page. */
function withTimeout (promise, ms) {
  let timer;
  const late = new Promise((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the node within ${ms / 1_000} s`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

function showView () {
  const view = (location.hash || '#network').slice(1);
  document.querySelectorAll('main > section').forEach((section) => { section.hidden = section.id !== view; });
  document.querySelectorAll('nav a').forEach((link) => link.classList.toggle('current', link.dataset.view === view));
}

async function main () {
  $('#endpoint').textContent = endpoint;
  showView();
  window.addEventListener('hashchange', showView);
  if (!LOOPBACK.test(endpoint) && !window.confirm(`Connect to ${endpoint}? Only use a node you trust.`)) {
    $('#connection').textContent = 'Not connected.';
    return;
  }
  const slow = setTimeout(() => { $('#connection').textContent = `Still connecting to ${endpoint}…`; }, 15_000);
  const api = await connect(endpoint);
  clearTimeout(slow);
  useChainUnits(api);
  const curve = curveOf(api.consts.staking.inflation);
  const chain = (await api.rpc.system.chain()).toString();
  const accounts = await loadAccounts(api);
  $('#account').innerHTML = '<option value="">—</option>' + accounts.map((a, i) =>
    `<option value="${i}">${escapeHtml(a.name)} · ${escapeHtml(shortAddress(a.address))}</option>`).join('');
  const account = () => ($('#account').value === '' ? null : accounts[Number($('#account').value)] ?? null);

  let picked = [];
  const validators = createValidatorsView($('#validators'), (list) => { picked = list; });
  const pools = await readPools(api);
  createActions($('#actions'), api, {
    account,
    picked: () => picked,
    pools: () => pools,
    limits: () => readLimits(api),
    onDone: () => refresh(true)
  });

  // One refresh at a time; a refresh asked for meanwhile runs once the current one ends (a
  // forced one, after an action or a change of account, also re-reads the validators).
  let drawing = false;
  let queued = null;
  let validatorsReadAt = -Infinity;
  async function refresh (force = false) {
    if (drawing) {
      queued = Boolean(queued) || force;
      return;
    }
    drawing = true;
    try {
      await withTimeout(draw(force), 60_000);
    } catch (error) {
      console.error(error);
      $('#connection').textContent = `Error: ${error.message}`;
    } finally {
      drawing = false;
      if (queued !== null) {
        const again = queued;
        queued = null;
        refresh(again);
      }
    }
  }

  /** Reads the chain and draws every view. */
  async function draw (force) {
    const network = await readNetwork(api);
    renderNetwork($('#network'), network, curve);
    const block = (await api.rpc.chain.getHeader()).number.toNumber();
    // Points change every block: the table is read again every few blocks.
    if (force || block - validatorsReadAt >= 5 || network.era !== validators.era) {
      const rows = await readValidators(api, network.era);
      validators.update(rows, {
        curve, rate: network.stakingRate, issuance: network.issuance, eraMs: network.eraMs, validators: network.elected
      }, network.era);
      validatorsReadAt = block;
    }
    const who = account();
    renderStake($('#stake-summary'), who, who ? await readAccount(api, who.address, network.era) : null);
    $('#connection').textContent = `${chain}: block #${block}`;
    document.body.dataset.era = String(network.era);
  }

  $('#account').addEventListener('change', () => refresh(true));
  await refresh(true);
  document.body.dataset.ready = 'true';
  await api.rpc.chain.subscribeNewHeads(() => refresh());
}

main().catch((error) => {
  $('#connection').textContent = `Cannot reach ${endpoint}: ${error.message}`;
});
