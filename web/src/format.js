// How the dashboard writes amounts, shares, times and accounts.

let decimals = 12;
let token = 'UNIT';

/** Takes the chain's token and decimals from its properties. */
export function useChainUnits (api) {
  decimals = api.registry.chainDecimals[0] ?? 12;
  token = api.registry.chainTokens[0] ?? 'UNIT';
}

/** The token's symbol, e.g. PAL. */
export function tokenSymbol () {
  return token;
}

/** A balance in plancks (BN, bigint or string) as a number of tokens. */
export function toTokens (value) {
  return Number(BigInt(value.toString())) / 10 ** decimals;
}

/** Tokens (a decimal string a person typed) in plancks, or null if it is not a number. */
export function toPlancks (text) {
  const match = /^\s*(\d+)(?:\.(\d*))?\s*$/.exec(text ?? '');
  if (!match) {
    return null;
  }
  const fraction = (match[2] ?? '').slice(0, decimals).padEnd(decimals, '0');
  return BigInt(match[1]) * 10n ** BigInt(decimals) + BigInt(fraction || '0');
}

/** A balance as `1,234.5678 PAL`. */
export function balance (value, digits = 4) {
  return `${toTokens(value).toLocaleString('en-US', { maximumFractionDigits: digits })} ${token}`;
}

/** A fraction as a percentage, e.g. `12.5 %`. */
export function percent (fraction, digits = 2) {
  return `${(fraction * 100).toLocaleString('en-US', { maximumFractionDigits: digits })} %`;
}

/** A Perbill (parts per billion) as a fraction. */
export function perbill (value) {
  return Number(value.toString()) / 1e9;
}

/** A duration in milliseconds, e.g. `2 h 5 min` or `40 s`. */
export function duration (ms) {
  const seconds = Math.max(0, Math.round(ms / 1_000));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  if (days > 0) {
    return `${days} d ${hours} h`;
  }
  if (hours > 0) {
    return `${hours} h ${minutes} min`;
  }
  return minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}

/** A time in milliseconds since the epoch as a local date and time. */
export function dateTime (ms) {
  return new Date(ms).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/** An address shortened for tables, e.g. `5Grw…utQY`. */
export function shortAddress (address) {
  const text = address.toString();
  return text.length > 12 ? `${text.slice(0, 4)}…${text.slice(-4)}` : text;
}

/** Escapes text for HTML. */
export function escapeHtml (text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
