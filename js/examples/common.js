// What the example scripts share: PAL amounts, a connection to the node, and sending a
// transaction with its error in words.

import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';

const PLANCKS_PER_PAL = 10n ** 12n;

/** `value` PAL (a decimal string) in plancks. */
export function plancks (value) {
  const [whole, fraction = ''] = value.split('.');
  return BigInt(whole) * PLANCKS_PER_PAL + BigInt(fraction.padEnd(12, '0').slice(0, 12));
}

/** `plancks` as PAL with `decimals` decimals (at most 12). */
export function pal (plancks, decimals) {
  const value = BigInt(plancks.toString());
  const fraction = (value % PLANCKS_PER_PAL).toString().padStart(12, '0').slice(0, decimals);
  return `${value / PLANCKS_PER_PAL}.${fraction} PAL`;
}

/** The API of the node at PALISADE_WS (ws://127.0.0.1:9944 by default). */
export async function connect () {
  await cryptoWaitReady();
  const provider = new WsProvider(process.env.PALISADE_WS ?? 'ws://127.0.0.1:9944');
  return ApiPromise.create({ provider, noInitWarn: true });
}

/** The sr25519 account of a secret URI (a mnemonic, or `//Alice` on dev chains). */
export function account (secret) {
  return new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(secret);
}

/** Signs and sends `tx`; resolves with its events once in a block, or rejects with the error. */
export function send (api, tx, signer) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, ({ dispatchError, events, status }) => {
      if (!status.isInBlock) return;
      if (dispatchError) {
        const reason = dispatchError.isModule
          ? (({ section, name, docs }) => `${section}.${name}: ${docs.join(' ')}`)(api.registry.findMetaError(dispatchError.asModule))
          : dispatchError.toString();
        reject(new Error(reason));
      } else {
        resolve(events.map(({ event }) => event));
      }
    }).catch(reject);
  });
}
