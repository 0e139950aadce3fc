// The "My stake" view: bond, nominations (and which back the account this era), rewards per
// era, what is on its way, the unbonding timeline with dates, slashes and pool membership.

import { rewardsChart, unbondingTimeline } from '../charts.js';
import { dateTime, escapeHtml, percent, shortAddress, tokenSymbol } from '../format.js';

/** An amount as text, and as HTML. */
const plain = (value) => `${value.toLocaleString('en-US', { maximumFractionDigits: 4 })} ${tokenSymbol()}`;
const amount = (value) => escapeHtml(plain(value));

export function renderStake (root, account, stake) {
  if (!account) {
    root.innerHTML = '<p class="empty">Pick an account above to see its stake.</p>';
    return;
  }
  const nominations = stake.targets.length === 0
    ? '<p class="empty">No nominations.</p>'
    : `<ul data-testid="nominations">${stake.targets.map((target) => `
        <li data-target="${target}" data-active="${stake.active.includes(target)}">${escapeHtml(shortAddress(target))}
          ${stake.active.includes(target) ? '<span class="good">active this era</span>' : '<span class="muted">not backing you this era</span>'}</li>`).join('')}</ul>`;
  const pending = stake.pending.length === 0
    ? ''
    : `<p data-testid="pending-rewards">On its way: ${stake.pending.map((p) => `${amount(p.amount)} for era ${p.era}`).join(', ')}</p>`;
  const slashes = stake.slashes.length === 0
    ? '<p class="empty">No slash waiting.</p>'
    : `<ul class="bad">${stake.slashes.map((s) => `<li>${amount(s.amount)} due in era ${s.dueEra} (validator ${escapeHtml(shortAddress(s.validator))})</li>`).join('')}</ul>`;
  root.innerHTML = `
    <div class="cards">
      <article class="card" data-testid="bond"><h3>Bond</h3>
        ${stake.bonded
          ? `<p class="big">${amount(stake.bonded.active)}</p><p>active; ${amount(stake.bonded.total)} held in all. Rewards go to: ${escapeHtml(stake.payee ?? '—')}</p>
             <p>Projected yield: ${percent(stake.projectedYield)} a year</p>`
          : '<p class="empty">Not bonded.</p>'}</article>
      <article class="card"><h3>Nominations</h3>${nominations}</article>
      <article class="card"><h3>Pool</h3><p data-testid="pool">${stake.pool ? `member of pool ${stake.pool.id} (${stake.pool.points.toLocaleString('en-US')} points)` : 'not in a pool'}</p></article>
      <article class="card"><h3>Slashes</h3>${slashes}</article>
    </div>
    <article class="card wide" data-testid="rewards"><h3>Rewards per era</h3>${rewardsChart(stake.rewards, tokenSymbol())}${pending}
      <p class="muted">Paid automatically after each era; no claim needed.</p></article>
    <article class="card wide" data-testid="unbonding"><h3>Unbonding</h3>
      ${unbondingTimeline(stake.unbonding, Date.now(), dateTime, plain)}
      ${stake.unbonding.map((chunk) => `<p class="chunk">${amount(chunk.amount)}: ${chunk.ready
        ? '<strong class="good">ready to withdraw</strong>'
        : `from era ${chunk.era}${chunk.at ? `, which starts about ${dateTime(chunk.at)} (its election, a little earlier, already frees it)` : ''}`}</p>`).join('')}
    </article>`;
}
