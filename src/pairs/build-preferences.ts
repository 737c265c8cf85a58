/**
 * Building one problem's preference data from its labelled samples: de-duplicate by normalised
 * code, pair chosen with rejected by the configured strategy (DPO), and emit one KTO example per
 * unique labelled sample. Pure; streaming over problems is in stream.ts.
 */
import { shortHash } from '../io/hash.js';
import type { DpoPair, KtoExample, Sample } from '../records.js';
import { normaliseCode } from './normalise-code.js';
import { seededRandom, shuffleInPlace } from './seeded-random.js';
import { defaultPreferenceOptions, type CompletionSource, type LabelledSample, type PreferenceOptions, type ProblemGroup, type ProblemPreferenceData } from './types.js';

/** The text of `sample` trained on, per `source`. */
export function completionOf(sample: Sample, source: CompletionSource): string {
  const fenced = () => '```python\n' + sample.code.trimEnd() + '\n```';
  switch (source) {
    case 'raw':
      return sample.raw ?? sample.code;
    case 'code':
      return sample.code;
    case 'fenced-code':
      return fenced();
    default:
      return sample.raw ?? fenced();
  }
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Index pairs (chosen i, rejected j) in the order the strategy takes them, capped. */
function pairIndices(c: number, r: number, o: PreferenceOptions, problemId: string): [number, number][] {
  const cap = Math.max(0, o.maxPairsPerProblem);
  if (c === 0 || r === 0 || cap === 0) return [];
  const out: [number, number][] = [];
  if (o.strategy === 'all') {
    // (k mod c, (k + block) mod r): every chosen and every rejected is used once before any is
    // used twice, so a cap spreads over both sides; the gcd(c, r) blocks cover all c x r pairs.
    const lcm = (c * r) / gcd(c, r);
    for (let k = 0; k < c * r && out.length < cap; k += 1) out.push([k % c, (k + Math.floor(k / lcm)) % r]);
    return out;
  }
  const random = seededRandom(o.seed, problemId);
  if (o.strategy === 'random-k') {
    const all: [number, number][] = [];
    for (let i = 0; i < c; i += 1) for (let j = 0; j < r; j += 1) all.push([i, j]);
    return shuffleInPlace(all, random).slice(0, Math.min(cap, Math.max(0, o.k)));
  }
  const order = shuffleInPlace([...Array(r).keys()], random);
  for (let i = 0; i < c && out.length < cap; i += 1) out.push([i, order[i % r]]);
  return out;
}

/** Build DPO pairs, KTO examples and the summary of one problem. */
export function buildProblemPreferences(group: ProblemGroup, options: Partial<PreferenceOptions> = {}): ProblemPreferenceData {
  const o = { ...defaultPreferenceOptions, ...options };
  const chosen: LabelledSample[] = [];
  const rejected: LabelledSample[] = [];
  const formsByLabel = { chosen: new Set<string>(), rejected: new Set<string>() };
  let excluded = 0;
  let duplicates = 0;
  let round = 0;
  for (const s of group.samples) {
    round = s.label.round;
    if (s.label.label === 'excluded') {
      excluded += 1;
      continue;
    }
    const form = normaliseCode(s.sample.code);
    const seen = formsByLabel[s.label.label];
    if (seen.has(form)) {
      duplicates += 1;
      continue;
    }
    seen.add(form);
    (s.label.label === 'chosen' ? chosen : rejected).push(s);
  }
  // identical code labelled both ways: trust neither
  const conflicting = new Set([...formsByLabel.chosen].filter((f) => formsByLabel.rejected.has(f)));
  const usable = (s: LabelledSample) => conflicting.size === 0 || !conflicting.has(normaliseCode(s.sample.code));
  const chosenOk = conflicting.size ? chosen.filter(usable) : chosen;
  const rejectedOk = conflicting.size ? rejected.filter(usable) : rejected;

  const dpo: DpoPair[] = pairIndices(chosenOk.length, rejectedOk.length, o, group.problemId).map(([i, j]) => {
    const c = chosenOk[i];
    const r = rejectedOk[j];
    return {
      id: shortHash(['dpo', c.sample.id, r.sample.id]),
      problemId: group.problemId,
      round: c.label.round,
      prompt: group.prompt,
      chosen: completionOf(c.sample, o.completion),
      rejected: completionOf(r.sample, o.completion),
      chosenSampleId: c.sample.id,
      rejectedSampleId: r.sample.id,
      strategy: o.strategy,
    };
  });
  const mixed = chosenOk.length > 0 && rejectedOk.length > 0;
  const kto: KtoExample[] =
    o.ktoOnlyMixed && !mixed
      ? []
      : [...chosenOk, ...rejectedOk].map((s) => ({
          id: shortHash(['kto', s.sample.id]),
          problemId: group.problemId,
          round: s.label.round,
          sampleId: s.sample.id,
          prompt: group.prompt,
          completion: completionOf(s.sample, o.completion),
          label: s.label.label === 'chosen',
        }));
  const outcome = mixed ? 'mixed' : chosenOk.length > 0 ? 'all-pass' : rejectedOk.length > 0 ? 'all-fail' : 'none-labelled';
  const desirable = kto.filter((k) => k.label).length;
  return {
    problemId: group.problemId,
    dpo,
    kto,
    summary: {
      problemId: group.problemId,
      round,
      outcome,
      chosen: chosen.length,
      rejected: rejected.length,
      excluded,
      duplicates,
      conflicts: conflicting.size,
      pairs: dpo.length,
      ktoDesirable: desirable,
      ktoUndesirable: kto.length - desirable,
    },
  };
}
