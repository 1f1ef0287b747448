/**
 * Slowly varying levels of a feature signal, estimated per block (a fixed number of
 * samples) and smoothed by a running median over neighbouring blocks: robust to outliers
 * (a burst of noise, one huge spike) and quick to follow a sudden amplitude change (a
 * median moves when half its window has changed). O(n) over the samples.
 */

/** Per-block statistics of a feature signal. */
export interface BlockLevels {
  /** Samples per block. */
  blockLength: number;
  /** One value per block. */
  values: Float64Array;
}

/** Maximum of `g` in each block of `blockLength` samples (the last block may be shorter). */
export function blockMaxima(g: Float64Array, blockLength: number): BlockLevels {
  const count = Math.max(1, Math.ceil(g.length / blockLength));
  const values = new Float64Array(count);
  for (let b = 0; b < count; b++) {
    let m = 0;
    const end = Math.min(g.length, (b + 1) * blockLength);
    for (let i = b * blockLength; i < end; i++) if (g[i]! > m) m = g[i]!;
    values[b] = m;
  }
  return { blockLength, values };
}

/**
 * The k-th smallest of a[0, len) (0-based), found in place by Hoare's selection
 * (quickselect): O(len) on average, no allocation. Reorders a[0, len).
 */
export function selectKth(a: Float64Array, len: number, k: number): number {
  let lo = 0, hi = len - 1;
  while (hi > lo) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo, j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!; a[i] = a[j]!; a[j] = t;
        i++; j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}

/**
 * Quantile `q` (0–1) of `g` in each block, from every `stride`-th sample (the baseline
 * level of an envelope when q = 0.5: a QRS fills only a small part of a block).
 */
export function blockQuantiles(g: Float64Array, blockLength: number, q: number, stride = 4): BlockLevels {
  const count = Math.max(1, Math.ceil(g.length / blockLength));
  const values = new Float64Array(count);
  const buf = new Float64Array(Math.ceil(blockLength / stride));
  for (let b = 0; b < count; b++) {
    let m = 0;
    const end = Math.min(g.length, (b + 1) * blockLength);
    for (let i = b * blockLength; i < end; i += stride) buf[m++] = g[i]!;
    values[b] = m > 0 ? selectKth(buf, m, Math.min(m - 1, Math.floor(q * m))) : 0;
  }
  return { blockLength, values };
}

/**
 * Running quantile `q` of per-block values over ±`halfWidth` blocks (fewer at the ends),
 * skipping NaN blocks (blocks to leave out, e.g. flat ones); NaN where all are NaN.
 * @returns a new BlockLevels of the same shape.
 */
export function smoothBlocks(levels: BlockLevels, halfWidth: number, q = 0.5): BlockLevels {
  const v = levels.values;
  const out = new Float64Array(v.length);
  const buf = new Float64Array(2 * halfWidth + 1);
  for (let b = 0; b < v.length; b++) {
    const lo = Math.max(0, b - halfWidth), hi = Math.min(v.length - 1, b + halfWidth);
    let len = 0;
    for (let i = lo; i <= hi; i++) if (!Number.isNaN(v[i]!)) buf[len++] = v[i]!;
    out[b] = len > 0 ? selectKth(buf, len, Math.min(len - 1, Math.floor(q * len))) : NaN;
  }
  return { blockLength: levels.blockLength, values: out };
}

/** Level at sample `i`: linear interpolation between block centres, held at the ends. */
export function levelAt(levels: BlockLevels, i: number): number {
  const v = levels.values;
  const pos = (i + 0.5) / levels.blockLength - 0.5;
  if (pos <= 0) return v[0]!;
  const b = Math.floor(pos);
  if (b >= v.length - 1) return v[v.length - 1]!;
  const f = pos - b;
  return v[b]! * (1 - f) + v[b + 1]! * f;
}
