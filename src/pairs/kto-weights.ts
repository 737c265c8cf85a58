/**
 * KTO loss weights that balance desirable and undesirable examples, after TRL's KTO guidance:
 * choose `desirable_weight` and `undesirable_weight` so that
 * (desirable_weight x #desirable) / (undesirable_weight x #undesirable) lies in [1, 4/3]. The
 * rarer class is up-weighted and the other keeps weight 1, giving a ratio of (about) 1.
 */

export interface KtoWeights {
  desirableWeight: number;
  undesirableWeight: number;
  /** (desirableWeight x desirable) / (undesirableWeight x undesirable); NaN when a class is empty. */
  ratio: number;
  /** True when the ratio lies in TRL's recommended [1, 4/3]. */
  withinGuidance: boolean;
  note?: string;
}

/** Weights for `desirable` and `undesirable` example counts (two decimals, as TRL logs them). */
export function ktoLossWeights(desirable: number, undesirable: number): KtoWeights {
  if (desirable === 0 || undesirable === 0) {
    return {
      desirableWeight: 1,
      undesirableWeight: 1,
      ratio: Number.NaN,
      withinGuidance: false,
      note: desirable === 0 && undesirable === 0 ? 'no examples' : `only ${desirable ? 'desirable' : 'undesirable'} examples; KTO works but TRL advises a conservative learning rate`,
    };
  }
  let desirableWeight = 1;
  let undesirableWeight = 1;
  if (desirable < undesirable) desirableWeight = Math.ceil((undesirable / desirable) * 100) / 100;
  else if (desirable > undesirable) undesirableWeight = Math.floor((desirable / undesirable) * 100) / 100;
  const ratio = (desirableWeight * desirable) / (undesirableWeight * undesirable);
  return { desirableWeight, undesirableWeight, ratio, withinGuidance: ratio >= 1 && ratio <= 4 / 3 };
}
