// A refused transaction in plain words: the chain's error name, and what it means for the
// staker and what to do, with the chain's own figures filled in.

import { balance } from './format.js';

/** Plain words for the errors a staker meets, given `limits` read from the chain. */
const PLAIN = {
  'staking.InsufficientBond': ({ minNominatorBond, minValidatorBond }) =>
    `your bond would fall below the ${balance(minNominatorBond, 2)} minimum to nominate ` +
    `(${balance(minValidatorBond, 2)} to validate); bond more, or chill first`,
  'staking.BelowExistentialDeposit': ({ existentialDeposit }) =>
    `a bond must be at least the existential deposit, ${balance(existentialDeposit, 4)}`,
  'staking.NotEnoughFreeBalance': () =>
    'this account cannot spare that much and stay alive: bond less, or add free balance',
  'staking.ZeroAmount': () => 'the amount is zero',
  'staking.AlreadyBonded': () => 'this account is bonded already: use "Bond more"',
  'staking.NotStash': () => 'this account is not bonded: bond first',
  'staking.InsufficientActiveBond': () => 'you cannot unbond more than your active bond',
  'staking.NoMoreChunks': () =>
    'too many unbonding requests at once: wait until one is free to withdraw (see the timeline), or rebond',
  'staking.NoUnlockChunk': () => 'nothing is unbonding, so nothing can be rebonded',
  'staking.NothingToWithdraw': () => 'nothing has finished unbonding yet: see the timeline for when it does',
  'staking.EmptyTargets': () => 'pick at least one validator',
  'staking.TooManyTargets': ({ maxNominations }) => `pick at most ${maxNominations} validators`,
  'staking.BadTarget': () => 'a validator you picked is not a candidate, or blocks new nominations',
  'staking.TooManyNominators': () => 'the chain has as many nominators as it allows; join a pool instead',
  'staking.SlashesPending': () =>
    'a validator you backed was reported for an offence; your funds can be withdrawn once its slash is applied or cancelled',
  'staking.RewardDestinationRestricted': () => 'this account cannot receive rewards there',
  'nominationPools.MinimumBondNotMet': () =>
    'below the pool\'s minimum: join with more, or leave with all of your points',
  'nominationPools.AccountBelongsToOtherPool': () => 'this account is a member of a pool already',
  'nominationPools.PoolNotFound': () => 'there is no such pool',
  'nominationPools.NotOpen': () => 'the pool does not take new members',
  'nominationPools.PoolMemberNotFound': () => 'this account is not a pool member',
  'balances.InsufficientBalance': () => 'not enough balance',
  'balances.FundsUnavailable': () => 'the funds are held or frozen',
  'payment.InabilityToPayFees': () => 'not enough free balance to pay the fee'
};

/** The chain's figures the plain words quote. */
export async function readLimits (api) {
  const [minNominatorBond, minValidatorBond] = await Promise.all([
    api.query.staking.minNominatorBond(),
    api.query.staking.minValidatorBond()
  ]);
  return {
    minNominatorBond,
    minValidatorBond,
    existentialDeposit: api.consts.balances.existentialDeposit,
    maxNominations: api.consts.staking.maxNominations.toNumber()
  };
}

/** `{ name, words }` for a `DispatchError` (or an RPC error's message). */
export function explain (api, error, limits) {
  let name;
  let docs = '';
  if (error?.isModule) {
    const meta = api.registry.findMetaError(error.asModule);
    name = `${meta.section}.${meta.name}`;
    // The pallet's own doc line, without its Rust link syntax.
    docs = meta.docs.join(' ').replace(/\[`([^`]+)`\]\([^)]*\)/g, '$1').replace(/\[`([^`]+)`\]/g, '$1');
  } else if (error?.isToken) {
    name = `balances.${error.asToken.type}`;
  } else if (error?.type) {
    name = error.type;
  } else {
    const message = String(error?.message ?? error);
    name = /Inability to pay some fees/.test(message) ? 'payment.InabilityToPayFees' : message;
  }
  const plain = limits ? PLAIN[name] : undefined;
  return { name, words: plain ? plain(limits) : (docs || name) };
}
