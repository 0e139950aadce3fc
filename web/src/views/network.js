// The network view: era progress, stake, this era's payout estimate, the inflation curve with
// the chain's staking rate marked, and where the next election is.

import { inflationChart } from '../charts.js';
import { eraPayout, stakerInflation } from '../economics.js';
import { duration, escapeHtml, percent, tokenSymbol } from '../format.js';

const ELECTION = {
  Idle: 'no election running',
  Fetching: 'running: the provider elects, then staking takes the result a page per block',
  Ready: 'elected: the new validators take over at the next era',
  Clearing: 'the last election failed; it is being cleared before a new one'
};

export function renderNetwork (root, network, curve) {
  const progress = network.eraBlocks ? network.eraDone / network.eraBlocks : 0;
  const payout = eraPayout(curve, network.stakingRate, network.issuance, network.eraMs);
  const amount = (value) => `${value.toLocaleString('en-US', { maximumFractionDigits: 2 })} ${escapeHtml(tokenSymbol())}`;
  const stage = ELECTION[network.election] ?? network.election;
  const phase = escapeHtml(network.providerPhase && network.providerPhase !== 'Off'
    ? `${stage} (provider: ${network.providerPhase})`
    : stage);
  root.innerHTML = `
    <div class="cards">
      <article class="card" data-testid="era">
        <h3>Era <span data-testid="era-index">${network.era}</span></h3>
        <div class="bar" role="progressbar" aria-valuenow="${Math.round(progress * 100)}" aria-valuemin="0" aria-valuemax="100">
          <div style="width:${(progress * 100).toFixed(1)}%"></div></div>
        <p>${network.eraDone} of ${network.eraBlocks} blocks; the next era in about
          <strong data-testid="next-era">${duration(network.msToNextEra)}</strong></p>
      </article>
      <article class="card"><h3>Staked</h3>
        <p class="big" data-testid="total-staked">${amount(network.totalStake)}</p>
        <p>${percent(network.stakingRate)} of ${amount(network.issuance)} issued</p></article>
      <article class="card"><h3>This era's payout</h3>
        <p class="big" data-testid="payout-estimate">≈ ${amount(payout)}</p>
        <p>to stakers, at ${percent(stakerInflation(curve, network.stakingRate))} a year; paid automatically after the era</p></article>
      <article class="card"><h3>Election</h3>
        <p data-testid="election">${phase}</p>
        <p>${network.elected} validator${network.elected === 1 ? '' : 's'} this era</p></article>
    </div>
    <article class="card wide"><h3>Inflation to stakers by staking rate</h3>
      ${inflationChart((rate) => stakerInflation(curve, rate), Math.min(network.stakingRate, 1))}
      <p>Yearly inflation paid to stakers is highest at the ideal rate (${percent(curve.ideal, 0)} staked), between ${percent(curve.min)} and ${percent(curve.max)}.</p>
    </article>`;
}
