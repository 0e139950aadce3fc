// The chain's staking economics, as the staking pallet computes them: the NPoS inflation curve
// (`pallet-staking-reward-fn`, parameters from `api.consts.staking.inflation`), an era's payout,
// and the yield a new nominator of a validator can expect. Plain numbers: for display only.

const PERQUINTILL = 1e18;
/** Milliseconds in a year of 365.25 days, as the pallet counts them. */
export const MILLISECONDS_PER_YEAR = 1_000 * 3_600 * 24 * 365.25;

/** The curve's parameters as fractions, from the runtime constant. */
export function curveOf (inflation) {
  const fraction = (value) => Number(BigInt(value.toString())) / PERQUINTILL;
  return {
    ideal: fraction(inflation.idealStakingRate),
    min: fraction(inflation.minInflation),
    max: fraction(inflation.maxInflation),
    falloff: fraction(inflation.falloff)
  };
}

/** The yearly inflation paid to stakers at `rate` (a fraction of the issuance staked). */
export function stakerInflation (curve, rate) {
  const adjustment = rate <= curve.ideal
    ? (curve.ideal === 0 ? 1 : rate / curve.ideal)
    : Math.pow(2, (curve.ideal - rate) / curve.falloff);
  return curve.min + (curve.max - curve.min) * adjustment;
}

/** What the stakers of an era of `eraMs` are paid, at `rate`, out of `issuance` (a number). */
export function eraPayout (curve, rate, issuance, eraMs) {
  return issuance * stakerInflation(curve, rate) * (eraMs / MILLISECONDS_PER_YEAR);
}

/**
 * The yearly return a new nominator of a validator can expect: the validator's share of the
 * era payout (every elected validator earning the same points), less its commission, over its
 * exposure with the new stake in it. `validators` is the number elected.
 */
export function projectedYield ({ curve, rate, issuance, eraMs, validators, commission, exposure, stake }) {
  if (validators === 0) {
    return 0;
  }
  const perValidator = eraPayout(curve, rate, issuance, eraMs) / validators;
  const erasPerYear = MILLISECONDS_PER_YEAR / eraMs;
  const backing = exposure + stake;
  return backing > 0 ? perValidator * (1 - commission) * erasPerYear / backing : 0;
}
