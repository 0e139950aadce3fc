// The actions: each form shows its fee estimate before it is sent, then what the chain did:
// the events of the transaction, or its error in plain words.

import { explain } from '../errors.js';
import { balance, escapeHtml, toPlancks } from '../format.js';
import { signAndSend } from '../signer.js';

const PAYEES = ['Staked', 'Stash', 'None'];

/** Each action: its form fields and the transaction it builds (or an error message). */
function actions (api, picked, account, pools) {
  const amountField = { name: 'amount', label: 'Amount', type: 'text', placeholder: '0.0' };
  const amount = (fields) => {
    const plancks = toPlancks(fields.amount);
    if (plancks === null) {
      throw new Error('type an amount, e.g. 100 or 12.5');
    }
    return plancks;
  };
  return {
    bond: { title: 'Bond', fields: [amountField, { name: 'payee', label: 'Rewards to', options: PAYEES }],
      build: (f) => api.tx.staking.bond(amount(f), f.payee) },
    bondExtra: { title: 'Bond more', fields: [amountField], build: (f) => api.tx.staking.bondExtra(amount(f)) },
    nominate: { title: 'Nominate the picked validators', fields: [],
      build: () => api.tx.staking.nominate(picked()) },
    unbond: { title: 'Unbond', fields: [amountField], build: (f) => api.tx.staking.unbond(amount(f)) },
    rebond: { title: 'Rebond', fields: [amountField], build: (f) => api.tx.staking.rebond(amount(f)) },
    withdraw: { title: 'Withdraw unbonded', fields: [], build: () => api.tx.staking.withdrawUnbonded(0) },
    chill: { title: 'Stop nominating (chill)', fields: [], build: () => api.tx.staking.chill() },
    payee: { title: 'Change where rewards go', fields: [{ name: 'payee', label: 'Rewards to', options: PAYEES }],
      build: (f) => api.tx.staking.setPayee(f.payee) },
    joinPool: { title: 'Join a pool', fields: [amountField, { name: 'pool', label: 'Pool', options: pools().map((pool) =>
      ({ value: pool.id, label: `${pool.id} · ${pool.state}, ${pool.members} members` })) }],
      build: (f) => api.tx.nominationPools.join(amount(f), Number(f.pool)) },
    leavePool: { title: 'Leave your pool (unbond all of it)', fields: [],
      build: async () => {
        const member = (await api.query.nominationPools.poolMembers(account().address)).unwrapOr(null);
        if (!member) {
          throw new Error('this account is not a pool member');
        }
        return api.tx.nominationPools.unbond(account().address, member.points);
      } },
    withdrawPool: { title: 'Withdraw what you unbonded from a pool', fields: [],
      build: () => api.tx.nominationPools.withdrawUnbonded(account().address, 0) }
  };
}

export function createActions (root, api, { account, picked, pools, limits, onDone }) {
  const all = actions(api, picked, account, pools);
  root.innerHTML = Object.entries(all).map(([key, action]) => `
    <form class="action card" data-action="${key}">
      <h3>${action.title}</h3>
      ${action.fields.map((field) => field.options
        ? `<label>${field.label} <select name="${field.name}">${field.options.map((o) => typeof o === 'string'
          ? `<option>${o}</option>`
          : `<option value="${o.value}">${escapeHtml(o.label)}</option>`).join('')}</select></label>`
        : `<label>${field.label} <input name="${field.name}" type="${field.type}" inputmode="decimal" placeholder="${field.placeholder}"></label>`).join('')}
      <p class="fee" data-testid="fee-${key}">Fee: —</p>
      <button type="submit">Send</button>
      <div class="outcome" data-testid="outcome-${key}" aria-live="polite"></div>
    </form>`).join('');

  for (const form of root.querySelectorAll('form')) {
    const key = form.dataset.action;
    const fee = form.querySelector('.fee');
    const outcome = form.querySelector('.outcome');
    const fields = () => Object.fromEntries(new FormData(form).entries());
    // Only the latest estimate is shown: a slow one never overwrites a newer one.
    let asked = 0;
    const estimate = async () => {
      const who = account();
      const ticket = ++asked;
      if (!who) {
        fee.textContent = 'Fee: pick an account first';
        return;
      }
      fee.textContent = 'Fee: estimating…';
      let text;
      try {
        const tx = await all[key].build(fields());
        const info = await tx.paymentInfo(who.address);
        text = `Fee: about ${balance(info.partialFee, 6)}`;
      } catch (error) {
        text = `Fee: ${error.message}`;
      }
      if (ticket === asked) {
        fee.textContent = text;
      }
    };
    form.addEventListener('input', estimate);
    form.addEventListener('focusin', estimate);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const who = account();
      if (!who) {
        outcome.innerHTML = '<p class="bad">Pick an account first.</p>';
        return;
      }
      form.querySelector('button').disabled = true;
      outcome.innerHTML = '<p>Signing…</p>';
      try {
        await estimate();
        const tx = await all[key].build(fields());
        const result = await signAndSend(tx, who, (status) => { outcome.innerHTML = `<p>${escapeHtml(status)}…</p>`; });
        const failed = result.events.find(({ event }) => api.events.system.ExtrinsicFailed.is(event));
        if (failed) {
          const { name, words } = explain(api, failed.event.data[0], await limits().catch(() => null));
          outcome.innerHTML = `<p class="bad" data-testid="error"><strong>${escapeHtml(name)}</strong>: ${escapeHtml(words)}</p>`;
        } else {
          // What the transaction did for the staker: its staking and pool events.
          const events = result.events
            .map(({ event }) => `${event.section}.${event.method}`)
            .filter((name) => name.startsWith('staking.') || name.startsWith('nominationPools.'));
          outcome.innerHTML = `<p class="good" data-testid="done">Done in block ${result.status.isInBlock ? result.status.asInBlock.toHex().slice(0, 10) : ''}…: ${escapeHtml(events.join(', ') || 'no events')}</p>`;
          onDone();
        }
      } catch (error) {
        const { name, words } = explain(api, error, await limits().catch(() => null));
        outcome.innerHTML = `<p class="bad" data-testid="error"><strong>${escapeHtml(name)}</strong>: ${escapeHtml(words)}</p>`;
      } finally {
        form.querySelector('button').disabled = false;
      }
    });
  }
}
