// The dashboard: connects to the node named by `?rpc=` (default: a local dev node), draws the
// three views, and redraws them as blocks come.

import { connect, readAccount, readNetwork, readValidators } from './chain.js';
import { curveOf } from './economics.js';
import { readLimits } from './errors.js';
import { escapeHtml, shortAddress, useChainUnits } from './format.js';
import { loadAccounts } from './signer.js';
import { createActions } from './views/actions.js';
import { renderNetwork } from './views/network.js';
import { renderStake } from './views/stake.js';
import { createValidatorsView } from './views/validators.js';

const endpoint = new URLSearchParams(location.search).get('rpc') ?? 'ws://127.0.0.1:9944';
const $ = (selector) => document.querySelector(selector);

function showView () {
  const view = (location.hash || '#network').slice(1);
  document.querySelectorAll('main > section').forEach((section) => { section.hidden = section.id !== view; });
  document.querySelectorAll('nav a').forEach((link) => link.classList.toggle('current', link.dataset.view === view));
}

async function main () {
  $('#endpoint').textContent = endpoint;
  showView();
  window.addEventListener('hashchange', showView);
  const api = await connect(endpoint);
  useChainUnits(api);
  const curve = curveOf(api.consts.staking.inflation);
  const chain = (await api.rpc.system.chain()).toString();
  const accounts = await loadAccounts(api);
  $('#account').innerHTML = '<option value="">—</option>' + accounts.map((a, i) =>
    `<option value="${i}">${escapeHtml(a.name)} · ${escapeHtml(shortAddress(a.address))}</option>`).join('');
  const account = () => accounts[Number($('#account').value)] ?? null;

  let network = null;
  let picked = [];
  const validators = createValidatorsView($('#validators'), (list) => { picked = list; });
  createActions($('#actions'), api, {
    account,
    picked: () => picked,
    limits: () => readLimits(api),
    onDone: () => refresh(true)
  });

  let drawing = false;
  let lastEra = -1;
  async function refresh (force = false) {
    if (drawing) {
      return;
    }
    drawing = true;
    try {
      network = await readNetwork(api);
      renderNetwork($('#network'), network, curve);
      if (force || network.era !== lastEra) {
        lastEra = network.era;
        const rows = await readValidators(api, network.era);
        validators.update(rows, {
          curve, rate: network.stakingRate, issuance: network.issuance, eraMs: network.eraMs, validators: network.elected
        });
      }
      const who = account();
      renderStake($('#stake-summary'), who, who ? await readAccount(api, who.address, network.era) : null);
      $('#connection').textContent = `${chain}: block #${(await api.rpc.chain.getHeader()).number.toNumber()}`;
      document.body.dataset.era = String(network.era);
    } catch (error) {
      console.error(error);
      $('#connection').textContent = `Error: ${error.message}`;
    } finally {
      drawing = false;
    }
  }
  $('#account').addEventListener('change', () => refresh(true));
  await refresh(true);
  document.body.dataset.ready = 'true';
  await api.rpc.chain.subscribeNewHeads(() => refresh());
}

main().catch((error) => {
  $('#connection').textContent = `Cannot reach ${endpoint}: ${error.message}`;
});
