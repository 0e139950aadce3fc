// Small SVG charts, drawn by hand so the page needs no chart library: the inflation curve, the
// rewards per era, and the unbonding timeline. Each returns an SVG element's markup.

import { escapeHtml } from './format.js';

const W = 320;
const H = 160;
const PAD = { left: 52, right: 10, top: 10, bottom: 28 };

function frame (inner, label) {
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(label)}">${inner}</svg>`;
}

function scale (min, max, from, to) {
  const span = max - min || 1;
  return (value) => from + (value - min) / span * (to - from);
}

/** The stakers' yearly inflation against the staking rate, with the chain's rate marked. */
export function inflationChart (curveAt, rate) {
  const x = scale(0, 1, PAD.left, W - PAD.right);
  const points = Array.from({ length: 101 }, (_, i) => [i / 100, curveAt(i / 100)]);
  const top = Math.max(...points.map(([, y]) => y)) * 1.1;
  const y = scale(0, top, H - PAD.bottom, PAD.top);
  const line = points.map(([px, py]) => `${x(px).toFixed(1)},${y(py).toFixed(1)}`).join(' ');
  const here = curveAt(rate);
  return frame(`
    <polyline class="curve" points="${line}" fill="none"/>
    <line class="axis" x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}"/>
    <line class="axis" x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}"/>
    <line class="marker" x1="${x(rate)}" y1="${PAD.top}" x2="${x(rate)}" y2="${H - PAD.bottom}"/>
    <circle class="marker-dot" cx="${x(rate)}" cy="${y(here)}" r="4"/>
    <text x="${PAD.left}" y="${H - 8}">0 %</text>
    <text x="${W - PAD.right}" y="${H - 8}" text-anchor="end">100 % staked</text>
    <text x="${PAD.left - 4}" y="${y(top / 1.1) + 4}" text-anchor="end">${(top / 1.1 * 100).toFixed(1)} %</text>
    <text x="${Math.min(x(rate) + 6, W - 90)}" y="${PAD.top + 12}" class="marker-label">now ${(rate * 100).toFixed(1)} %</text>`,
  'Stakers\' yearly inflation by staking rate');
}

/** Rewards per era as bars, one per era, each with its era under it. */
export function rewardsChart (rewards, unit) {
  if (rewards.length === 0) {
    return '<p class="empty">No rewards yet: they come once an era you were exposed in has ended.</p>';
  }
  const max = Math.max(...rewards.map((r) => r.amount), 1e-18);
  const y = scale(0, max * 1.15, H - PAD.bottom, PAD.top);
  const slot = (W - PAD.left - PAD.right) / rewards.length;
  const bars = rewards.map((reward, i) => {
    const left = PAD.left + i * slot + slot * 0.15;
    const top = y(reward.amount);
    return `<g class="reward-point" data-era="${reward.era}" data-amount="${reward.amount}" data-plancks="${reward.plancks}">
      <rect x="${left.toFixed(1)}" y="${top.toFixed(1)}" width="${(slot * 0.7).toFixed(1)}" height="${(H - PAD.bottom - top).toFixed(1)}">
        <title>era ${reward.era}: ${reward.amount} ${escapeHtml(unit)}</title></rect>
      <text x="${(left + slot * 0.35).toFixed(1)}" y="${H - 12}" text-anchor="middle">${reward.era}</text></g>`;
  }).join('');
  return frame(`${bars}
    <line class="axis" x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}"/>
    <text x="${PAD.left - 4}" y="${PAD.top + 8}" text-anchor="end">${max.toPrecision(3)}</text>
    <text x="${W - PAD.right}" y="${H - 1}" text-anchor="end">era</text>`, `Rewards per era in ${unit}`);
}

/** The unbonding chunks on a line from now to the last one's date. */
export function unbondingTimeline (chunks, now, formatDate, formatAmount) {
  if (chunks.length === 0) {
    return '<p class="empty">Nothing is unbonding.</p>';
  }
  const last = Math.max(now + 1, ...chunks.map((chunk) => chunk.at ?? now));
  const x = scale(now, last, PAD.left, W - PAD.right - 40);
  const marks = chunks.map((chunk, i) => {
    const at = chunk.at ?? now;
    const cx = x(Math.max(at, now));
    const row = 50 + (i % 3) * 34;
    return `<g class="unbonding-chunk" data-era="${chunk.era}" data-at="${chunk.at ?? ''}">
      <circle cx="${cx.toFixed(1)}" cy="30" r="5"/>
      <line class="tick" x1="${cx.toFixed(1)}" y1="35" x2="${cx.toFixed(1)}" y2="${row - 10}"/>
      <text x="${cx.toFixed(1)}" y="${row}" text-anchor="middle">${escapeHtml(formatAmount(chunk.amount))}</text>
      <text x="${cx.toFixed(1)}" y="${row + 13}" text-anchor="middle" class="date">${escapeHtml(chunk.at ? formatDate(chunk.at) : `era ${chunk.era}`)}</text></g>`;
  }).join('');
  return frame(`<line class="axis" x1="${PAD.left}" y1="30" x2="${W - PAD.right}" y2="30"/>
    <text x="${PAD.left}" y="20">now</text>${marks}`, 'Unbonding timeline');
}
