// Proof of stake on a live `--chain local` network of four nodes on loopback: the genesis
// validators Alice, Bob and Charlie, and Eve's node. Eve bonds, registers session keys with their
// ownership proof and validates; the next era's election makes her a validator that authors
// blocks, and the nominations of the era show up in the exposures Polkadot.js reads. The
// elections are mined by the genesis validators' off-chain workers, as their logs show.

import { Keyring } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { startNode, submit, waitFor, withTimeout } from './lib/node.js';

const PAL = 10n ** 12n;
// Alice's libp2p key is fixed so that the others can name her as their bootnode.
const ALICE_NODE_KEY = '0000000000000000000000000000000000000000000000000000000000000001';
const ALICE_PEER_ID = '12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp';

// The election pallets' logs, where a validator's off-chain worker reports its mining.
const ELECTION_LOGS = '-lruntime::multiblock-election=debug';

let nodes = [];
let keys;

before(async () => {
  await cryptoWaitReady();
  keys = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const alice = await startNode(['--chain', 'local', '--alice', '--validator', ELECTION_LOGS, '--node-key', ALICE_NODE_KEY]);
  nodes.push(alice);
  const bootnode = `/ip4/127.0.0.1/tcp/${alice.p2pPort}/p2p/${ALICE_PEER_ID}`;
  nodes.push(await startNode(['--chain', 'local', '--bob', '--validator', ELECTION_LOGS, '--node-key', '02'.padStart(64, '0'), '--bootnodes', bootnode]));
  nodes.push(await startNode(['--chain', 'local', '--charlie', '--validator', ELECTION_LOGS, '--node-key', '03'.padStart(64, '0'), '--bootnodes', bootnode]));
  // Eve's node starts with an empty keystore: her keys are generated below, through the
  // unsafe RPC method `author_rotateKeysWithOwner`, which a node serves only when asked to.
  nodes.push(await startNode(['--chain', 'local', '--validator', '--name', 'eve', '--rpc-methods', 'unsafe', '--node-key', '05'.padStart(64, '0'), '--bootnodes', bootnode]));
});

after(async () => {
  await Promise.all(nodes.map((node) => node.stop()));
});

test('a new validator joins through bonding, session keys and validate, and authors blocks', async () => {
  const [alice, , , eveNode] = nodes;
  const api = alice.api;
  const eve = keys.addFromUri('//Eve');
  const ferdie = keys.addFromUri('//Ferdie');

  // Keys and their ownership proof come from Eve's own node. The owner is the SCALE encoding
  // of her account id: its 32 bytes.
  const owner = '0x' + Buffer.from(eve.publicKey).toString('hex');
  const generated = await withTimeout(
    eveNode.rpc('author_rotateKeysWithOwner', [owner]), 30_000, 'author_rotateKeysWithOwner'
  );
  assert.ok(generated.proof, 'this chain checks ownership proofs, so the node returns one');

  await submit(api, api.tx.staking.bond(50_000n * PAL, 'Staked'), eve);
  await submit(api, api.tx.session.setKeys(generated.keys, generated.proof), eve);
  await submit(api, api.tx.staking.validate({ commission: 10_000_000, blocked: false }), eve);
  // Ferdie backs Eve through Polkadot.js, as the Apps Nominate modal does.
  await submit(api, api.tx.staking.bond(20_000n * PAL, 'Stash'), ferdie);
  await submit(api, api.tx.staking.nominate([eve.address]), ferdie);

  // The next election elects Eve; her era starts within a few sessions.
  await waitFor(async () => (await api.query.session.validators()).some((v) => v.toString() === eve.address),
    5 * 60_000, 'Eve in session.validators');
  const era = (await api.query.staking.activeEra()).unwrap().index;
  // Nobody else mined that election: a validator's off-chain worker mined it, as its log says,
  // and its unsigned solution is in a block of the round before the era began.
  const mined = nodes.slice(0, 3).filter((node) => node.fullLog().includes('initial offchain worker output: Ok(())'));
  assert.ok(mined.length > 0, 'a genesis validator logged its unsigned submission');
  assert.ok(await unsignedSolutionBefore(api, era.toNumber()), 'an unsigned solution elected the era');

  // Ferdie's nomination is in Eve's exposure for the era.
  const overview = (await api.query.staking.erasStakersOverview(era, eve.address)).unwrap();
  assert.equal(overview.own.unwrap().toBigInt(), 50_000n * PAL);
  assert.equal(overview.nominatorCount.toNumber(), 1);
  const page = (await api.query.staking.erasStakersPaged(era, eve.address, 0)).unwrap();
  assert.deepEqual(page.others.map((o) => o.who.toString()), [ferdie.address]);
  assert.equal(page.others[0].value.unwrap().toBigInt(), 20_000n * PAL);
  // Dave nominates Alice, Bob and Charlie from genesis: he is exposed behind them.
  const dave = keys.addFromUri('//Dave').address;
  const aliceExposure = await api.query.staking.erasStakersPaged(era, keys.addFromUri('//Alice').address, 0);
  assert.ok(aliceExposure.unwrap().others.some((o) => o.who.toString() === dave));

  // Eve authors blocks: authors earn reward points in the active era.
  await waitFor(async () => {
    const points = await api.query.staking.erasRewardPoints(era);
    return [...points.individual.keys()].some((v) => v.toString() === eve.address);
  }, 3 * 60_000, 'a block authored by Eve');

  // The derives Apps uses decode the elected set.
  const elected = await api.derive.staking.electedInfo();
  assert.ok(elected.info.some((info) => info.accountId.toString() === eve.address));
  const eveInfo = elected.info.find((info) => info.accountId.toString() === eve.address);
  assert.equal(eveInfo.exposurePaged.unwrap().others.length, 1);
});

// Whether a block of the election before era `era` (the 20 blocks before its first block, a
// `fast-runtime` era) holds a validator's unsigned solution.
async function unsignedSolutionBefore (api, era) {
  const head = (await api.rpc.chain.getHeader()).number.toNumber();
  let first;
  for (let number = head; number > 0 && (first === undefined || number >= first - 20); number--) {
    const hash = await api.rpc.chain.getBlockHash(number);
    const active = (await (await api.at(hash)).query.staking.activeEra()).unwrap().index.toNumber();
    if (active >= era) continue;
    first ??= number + 1;
    const { block } = await api.rpc.chain.getBlock(hash);
    if (block.extrinsics.some((extrinsic) => extrinsic.method.section === 'multiBlockElectionUnsigned')) {
      return true;
    }
  }
  return false;
}
