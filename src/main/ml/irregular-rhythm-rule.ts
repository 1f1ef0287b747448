/**
 * A card's rule for beats in an irregular rhythm (../signal/irregular-rhythm): inside
 * atrial fibrillation or flutter, the classes it lists (S and F for the default model) are
 * not called; the probability the network gave them goes to the first class (N). The beats
 * of fibrillation are N by AAMI's labelling, a short interval there is no sign of ectopy,
 * and out of fold on DS1 the network's S and F calls in that rhythm were nearly all wrong.
 *
 * Moving the probability (rather than relabelling the arg-max) keeps each beat's
 * probabilities a distribution, so the confidence, the uncertainty and the review queue
 * see the same decision as the class. The rule applies after the calibration
 * (./calibration), to what the model serves.
 */
import { irregularRhythmBeats } from '../signal/irregular-rhythm';
import type { ModelCard } from './model-card';

type RuleCard = Pick<ModelCard, 'irregularRhythm' | 'model'>;

/** Beats with a per-beat irregular-rhythm flag, when the caller has one drawn over a wider span than these beats. */
export interface IrregularFlags {
  /** 1 for a beat inside an irregular rhythm (count entries), as ../signal/irregular-rhythm draws it. */
  irregular?: Uint8Array | null;
  /** count × RR_FEATURE_COUNT raw RR features (../signal/rr-features). */
  rr: Float32Array;
}

/**
 * The irregular-rhythm flag of each of `beats` for `card`'s rule: the flags the beats carry,
 * else drawn from their own RR features (right for a whole record; a caller with part of
 * one draws the flags over the whole and hands them in); null when the card has no rule.
 */
export function irregularFlagsFor(card: RuleCard, beats: IrregularFlags): Uint8Array | null {
  const rule = card.irregularRhythm;
  if (rule === undefined) return null;
  return beats.irregular ?? irregularRhythmBeats(beats.rr, rule);
}

/**
 * `probabilities` (count × the card's classes, served) with the rule applied to the flagged
 * beats, and their classes re-decided as the arg-max of the moved probabilities; the same
 * arrays when nothing is flagged. `classes` are the card's decisions before the rule.
 */
export function applyIrregularRhythmRule(
  card: RuleCard,
  probabilities: Float32Array,
  classes: Int8Array,
  irregular: Uint8Array | null,
): { probabilities: Float32Array; classes: Int8Array } {
  const rule = card.irregularRhythm;
  if (rule === undefined || irregular === null || !irregular.includes(1)) return { probabilities, classes };
  const names = card.model.classes;
  const K = names.length;
  if (irregular.length * K !== probabilities.length || classes.length !== irregular.length) {
    throw new RangeError(`irregular rhythm: ${irregular.length} flags for ${probabilities.length / K} beats and ${classes.length} classes`);
  }
  const moved = rule.notCalled.map((name) => names.indexOf(name));
  const outP = probabilities.slice();
  const outC = classes.slice();
  for (let i = 0; i < irregular.length; i++) {
    if (irregular[i] !== 1) continue;
    const row = i * K;
    for (const c of moved) {
      outP[row] = outP[row]! + outP[row + c]!;
      outP[row + c] = 0;
    }
    let best = 0;
    for (let k = 1; k < K; k++) if (outP[row + k]! > outP[row + best]!) best = k;
    outC[i] = best;
  }
  return { probabilities: outP, classes: outC };
}
