// The validators view: a table of candidates and elected validators, sortable by any column,
// filterable by name and state; ticking rows picks them for a nomination.

import { projectedYield } from '../economics.js';
import { escapeHtml, percent, shortAddress } from '../format.js';

const COLUMNS = [
  ['stash', 'Validator'], ['commission', 'Commission'], ['own', 'Own stake'], ['total', 'Total stake'],
  ['nominators', 'Nominators'], ['points', 'Points'], ['yield', 'Yield (new nominator)'], ['state', 'State']
];

export function createValidatorsView (root, onPick) {
  const state = { sort: 'total', descending: true, filter: '', electedOnly: false, hideBlocked: false, picked: new Set(), rows: [] };
  root.innerHTML = `
    <div class="filters">
      <input type="search" placeholder="Filter by address" data-testid="validator-filter" aria-label="Filter validators">
      <label><input type="checkbox" data-filter="elected"> elected only</label>
      <label><input type="checkbox" data-filter="blocked"> hide blocked</label>
      <span data-testid="picked-count">0 picked</span>
    </div>
    <div class="table-wrap"><table data-testid="validators"><thead><tr><th><span class="visually-hidden">Pick</span></th>${COLUMNS.map(([key, title]) =>
      `<th data-sort="${key}" tabindex="0">${title}</th>`).join('')}</tr></thead><tbody></tbody></table></div>`;
  const body = root.querySelector('tbody');
  root.querySelector('[data-testid=validator-filter]').addEventListener('input', (e) => { state.filter = e.target.value.trim(); draw(); });
  root.querySelector('[data-filter=elected]').addEventListener('change', (e) => { state.electedOnly = e.target.checked; draw(); });
  root.querySelector('[data-filter=blocked]').addEventListener('change', (e) => { state.hideBlocked = e.target.checked; draw(); });
  const sortBy = (th) => {
    state.descending = state.sort === th.dataset.sort ? !state.descending : true;
    state.sort = th.dataset.sort;
    draw();
  };
  root.querySelectorAll('th[data-sort]').forEach((th) => {
    th.addEventListener('click', () => sortBy(th));
    th.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortBy(th); } });
  });
  body.addEventListener('change', (e) => {
    if (e.target.dataset.pick) {
      e.target.checked ? state.picked.add(e.target.dataset.pick) : state.picked.delete(e.target.dataset.pick);
      root.querySelector('[data-testid=picked-count]').textContent = `${state.picked.size} picked`;
      onPick([...state.picked]);
    }
  });

  function value (row, key) {
    if (key === 'state') {
      return (row.elected ? 2 : 0) + (row.blocked ? -1 : 0);
    }
    return key === 'stash' ? row.stash : (row[key] ?? -1);
  }

  function draw () {
    const rows = state.rows
      .filter((row) => !state.filter || row.stash.includes(state.filter))
      .filter((row) => !state.electedOnly || row.elected)
      .filter((row) => !state.hideBlocked || !row.blocked)
      .sort((a, b) => {
        const [x, y] = [value(a, state.sort), value(b, state.sort)];
        const order = typeof x === 'string' ? x.localeCompare(y) : x - y;
        return state.descending ? -order : order;
      });
    root.querySelectorAll('th[data-sort]').forEach((th) => {
      th.setAttribute('aria-sort', th.dataset.sort === state.sort ? (state.descending ? 'descending' : 'ascending') : 'none');
    });
    body.innerHTML = rows.map((row) => `
      <tr data-stash="${row.stash}">
        <td><input type="checkbox" data-pick="${row.stash}" aria-label="pick ${row.stash}" ${state.picked.has(row.stash) ? 'checked' : ''} ${row.blocked || !row.candidate ? 'disabled' : ''}></td>
        <td title="${row.stash}">${escapeHtml(shortAddress(row.stash))}</td>
        <td>${row.commission === null ? '—' : percent(row.commission)}${row.announced
          ? `<br><small class="warn">→ ${percent(row.announced.commission)} from era ${row.announced.era}</small>` : ''}</td>
        <td>${row.own.toLocaleString('en-US', { maximumFractionDigits: 2 })}</td>
        <td>${row.total === null ? '—' : row.total.toLocaleString('en-US', { maximumFractionDigits: 2 })}</td>
        <td>${row.nominators ?? '—'}</td>
        <td>${row.points}</td>
        <td>${row.yield === null ? '—' : percent(row.yield)}</td>
        <td>${[row.elected ? 'elected' : 'waiting', row.blocked ? 'blocked' : '', row.slashed ? '<span class="bad">slashed</span>' : '']
          .filter(Boolean).join(', ')}</td>
      </tr>`).join('');
  }

  return {
    /** The era the table shows. */
    era: null,
    /** Shows `era`'s `rows`, each with a projected yield for a new nominator of `stake` tokens. */
    update (rows, economics, era, stake = 100) {
      this.era = era;
      state.rows = rows.map((row) => ({
        ...row,
        yield: row.candidate && row.commission !== null
          ? projectedYield({ ...economics, commission: row.commission, exposure: row.total ?? row.own, stake })
          : null
      }));
      draw();
    },
    picked: () => [...state.picked]
  };
}
