// Who can sign: the accounts of the Polkadot.js browser extension (or any extension that
// injects the same interface), and, on development chains only, the well-known dev accounts.

import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];

/** `[{ address, name, source, signer? , pair? }]`: extension accounts, then dev accounts. */
export async function loadAccounts (api) {
  const accounts = [];
  const chainType = (await api.rpc.system.chainType()).type;
  try {
    const { web3Enable, web3Accounts } = await import('@polkadot/extension-dapp');
    const extensions = await web3Enable('Palisade staking dashboard');
    if (extensions.length > 0) {
      for (const account of await web3Accounts({ ss58Format: api.registry.chainSS58 })) {
        accounts.push({ address: account.address, name: account.meta.name ?? account.address, source: account.meta.source });
      }
    }
  } catch (error) {
    console.warn('no browser extension', error);
  }
  if (chainType === 'Development' || chainType === 'Local') {
    await cryptoWaitReady();
    const keyring = new Keyring({ type: 'sr25519', ss58Format: api.registry.chainSS58 });
    for (const name of DEV_NAMES) {
      const pair = keyring.addFromUri(`//${name}`, { name });
      accounts.push({ address: pair.address, name: `${name} (dev)`, source: 'dev', pair });
    }
  }
  return accounts;
}

/** Signs and sends `tx` from `account`; `onStatus` hears each status. Resolves with the result once in a block. */
export async function signAndSend (tx, account, onStatus) {
  if (account.pair) {
    return send(tx, account.pair, {}, onStatus);
  }
  // The extension shows the payload to its owner and signs it.
  const { web3FromSource } = await import('@polkadot/extension-dapp');
  const injected = await web3FromSource(account.source);
  return send(tx, account.address, { signer: injected.signer }, onStatus);
}

function send (tx, signer, options, onStatus) {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    tx.signAndSend(signer, options, (result) => {
      onStatus?.(result.status.type);
      if (result.status.isInBlock || result.status.isFinalized) {
        unsubscribe();
        resolve(result);
      } else if (result.isError) {
        unsubscribe();
        reject(new Error(`the transaction was ${result.status.type}`));
      }
    }).then((u) => { unsubscribe = u; }, reject);
  });
}
