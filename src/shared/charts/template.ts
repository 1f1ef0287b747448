/**
 * Thumbnails of template groups: each member waveform and the group's mean as SVG polyline
 * `points` text, scaled into a small box. One polyline per member keeps a card to about
 * 21 small SVG elements, cheaper than an ECharts instance per card (each would build its
 * own zrender tree and ResizeObserver); the panel draws dozens of cards at once.
 */
import type { TemplateGroup } from '../review';

/** Size of a thumbnail and the inset kept clear around the waveforms, px. */
export interface ThumbBox {
  widthPx: number;
  heightPx: number;
  padPx: number;
}

/** What a template card draws. */
export interface TemplateThumb {
  /** `points` text of the mean waveform. */
  mean: string;
  /** `points` text of each member waveform. */
  members: string[];
  /** x of the R peak (the beat's fiducial point), px; null when it lies outside the window. */
  rPeakXPx: number | null;
  /** Value range the box spans, in the group's units. */
  range: { min: number; max: number };
}

/** Smallest and largest finite value of a waveform (Infinity, -Infinity when none). */
function extremes(values: readonly number[]): { lo: number; hi: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return { lo, hi };
}

/**
 * Value range of a group: the mean's extremes, widened to cover the members' extremes
 * except the most extreme tenth of members on each side, so one noisy member (an artefact
 * among 20) cannot flatten the mean into a line. One pass over the samples, no sort.
 */
export function templateRange(group: Pick<TemplateGroup, 'mean' | 'members'>): { min: number; max: number } {
  let { lo, hi } = extremes(group.mean);
  const perMember = group.members.map(extremes).filter((e) => e.lo <= e.hi);
  if (perMember.length > 0) {
    const drop = Math.floor(perMember.length / 10);
    const los = perMember.map((e) => e.lo).sort((a, b) => a - b);
    const his = perMember.map((e) => e.hi).sort((a, b) => b - a);
    lo = Math.min(lo, los[drop] as number);
    hi = Math.max(hi, his[drop] as number);
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return { min: -1, max: 1 };
  if (hi - lo < 1e-9) return { min: lo - 0.5, max: hi + 0.5 };
  return { min: lo, max: hi };
}

/**
 * Polyline `points` of a waveform in the box: x spreads the samples over the box's width,
 * y maps `range` onto its height (up is positive), values outside the range are clamped to
 * the edge. Where the samples outnumber the pixel columns, each column keeps its minimum
 * and maximum in time order, so a narrow QRS spike survives the thinning. Non-finite
 * samples are skipped.
 */
export function waveformPoints(values: readonly number[], box: ThumbBox, range: { min: number; max: number }): string {
  const n = values.length;
  if (n === 0) return '';
  const innerW = Math.max(1, box.widthPx - 2 * box.padPx);
  const innerH = Math.max(1, box.heightPx - 2 * box.padPx);
  const span = range.max - range.min || 1;
  const x = (i: number) => box.padPx + (n === 1 ? innerW / 2 : (i / (n - 1)) * innerW);
  const y = (v: number) => box.padPx + (1 - (Math.min(range.max, Math.max(range.min, v)) - range.min) / span) * innerH;
  const out: string[] = [];
  // Rounding to 0.1 px by hand: toFixed is several times slower, and a card draws ~3,000 points.
  const round = (px: number) => Math.round(px * 10) / 10;
  const push = (i: number) => {
    const v = values[i] as number;
    if (Number.isFinite(v)) out.push(`${round(x(i))},${round(y(v))}`);
  };
  const columns = Math.ceil(innerW);
  if (n <= 2 * columns) {
    for (let i = 0; i < n; i++) push(i);
    return out.join(' ');
  }
  for (let c = 0; c < columns; c++) {
    const from = Math.floor((c * n) / columns);
    const to = Math.floor(((c + 1) * n) / columns);
    let iMin = -1;
    let iMax = -1;
    for (let i = from; i < to; i++) {
      const v = values[i] as number;
      if (!Number.isFinite(v)) continue;
      if (iMin < 0 || v < (values[iMin] as number)) iMin = i;
      if (iMax < 0 || v > (values[iMax] as number)) iMax = i;
    }
    if (iMin < 0) continue;
    push(Math.min(iMin, iMax));
    if (iMin !== iMax) push(Math.max(iMin, iMax));
  }
  return out.join(' ');
}

/** Everything a template card draws, for a box of the given size. */
export function templateThumb(group: TemplateGroup, box: ThumbBox): TemplateThumb {
  const range = templateRange(group);
  const n = group.mean.length;
  const rIndex = group.offsetSec * group.frameRateHz;
  const innerW = Math.max(1, box.widthPx - 2 * box.padPx);
  const rPeakXPx = n > 1 && rIndex >= 0 && rIndex <= n - 1 ? box.padPx + (rIndex / (n - 1)) * innerW : null;
  return {
    mean: waveformPoints(group.mean, box, range),
    members: group.members.map((m) => waveformPoints(m, box, range)),
    rPeakXPx,
    range,
  };
}
