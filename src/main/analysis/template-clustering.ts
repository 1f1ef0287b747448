/**
 * Morphology groups ("templates") of the beats, assigned incrementally as the analysis goes
 * chunk by chunk.
 *
 * Method: leader clustering (Hartigan, "Clustering Algorithms", 1975, ch. 3) by correlation,
 * the way Holter systems group beats by template: each beat is compared with the mean shape
 * of every group of its predicted class and joins the best one when their correlation
 * reaches {@link DEFAULT_CLUSTERING}.threshold (0.9); otherwise it starts a new group, or,
 * once its class has `maxGroupsPerClass` groups, joins the nearest one.
 *
 * Why this method:
 * - one pass, in time order, O(beats × groups): it runs inside each chunk and never revisits
 *   earlier beats, so a beat's group id is final when its chunk is sent (stable ids; k-means
 *   or hierarchical clustering would renumber earlier beats as data arrives);
 * - deterministic for a given record and model, so a resumed analysis that re-runs the
 *   earlier chunks reproduces the ids it gave before;
 * - the shape compared is the model's own input window (z-scored, so amplitude and offset do
 *   not matter), cropped to −0.25 s … +0.45 s around R (P wave to T wave, without the
 *   neighbouring beats that enter a 1-s window at fast rates) and averaged in pairs of
 *   samples (90 Hz keeps the QRS shape, halves the work); Pearson correlation of 0.9 is the
 *   usual "same template" threshold;
 * - groups stay within one predicted class, so that relabelling a group relabels beats the
 *   model put together, and a few odd beats of one class cannot absorb another class's shape;
 * - the cap keeps the template panel readable: without it, noise and artefacts would each
 *   start a group of their own.
 */

/** Clustering settings. */
export interface ClusteringOptions {
  /** Correlation a beat needs with a group's mean shape to join it (default 0.9). */
  threshold?: number;
  /** Most groups per predicted class; later beats join the nearest (default 8). */
  maxGroupsPerClass?: number;
  /** Span compared, seconds before and after R (default 0.25 and 0.45). */
  beforeSec?: number;
  afterSec?: number;
  /** Window samples averaged into one feature (default 2). */
  decimate?: number;
}

/** The defaults of {@link ClusteringOptions}. */
export const DEFAULT_CLUSTERING: Required<ClusteringOptions> = Object.freeze({
  threshold: 0.9,
  maxGroupsPerClass: 8,
  beforeSec: 0.25,
  afterSec: 0.45,
  decimate: 2,
});

/** Where the windows come from: their length, rate and the R peak's position in them. */
export interface WindowGeometry {
  length: number;
  rateHz: number;
  rIndex: number;
}

interface Group {
  id: number;
  sum: Float64Array;
  /** The mean shape, centred and scaled to unit norm (a dot product is then a correlation). */
  unit: Float64Array;
}

/** Centres `v` and scales it to unit norm in place; false when it is flat. */
function toUnit(v: Float64Array): boolean {
  let mean = 0;
  for (const x of v) mean += x;
  mean /= v.length || 1;
  let norm = 0;
  for (let i = 0; i < v.length; i++) {
    v[i]! -= mean;
    norm += v[i]! * v[i]!;
  }
  if (!(norm > 1e-12)) return false;
  const scale = 1 / Math.sqrt(norm);
  for (let i = 0; i < v.length; i++) v[i]! *= scale;
  return true;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Incremental template clustering (see the file header); one instance per analysis. */
export class TemplateClusterer {
  private readonly options: Required<ClusteringOptions>;
  private readonly from: number;
  private readonly features: number;
  private readonly groups = new Map<number, Group[]>();
  private nextId = 0;

  constructor(private readonly geometry: WindowGeometry, options: ClusteringOptions = {}) {
    this.options = { ...DEFAULT_CLUSTERING, ...options };
    const { rIndex, rateHz, length } = geometry;
    this.from = Math.max(0, rIndex - Math.round(this.options.beforeSec * rateHz));
    const to = Math.min(length, rIndex + Math.round(this.options.afterSec * rateHz));
    this.features = Math.max(1, Math.floor((to - this.from) / Math.max(1, this.options.decimate)));
  }

  /** Groups made so far. */
  get groupCount(): number {
    return this.nextId;
  }

  /** The compared shape of window `i` of `windows`, centred and unit-norm (all 0 when flat). */
  shapeOf(windows: Float32Array, i: number): Float64Array {
    const { decimate } = this.options;
    const base = i * this.geometry.length + this.from;
    const v = new Float64Array(this.features);
    for (let k = 0; k < this.features; k++) {
      let s = 0;
      for (let j = 0; j < decimate; j++) s += windows[base + k * decimate + j]!;
      v[k] = s / decimate;
    }
    if (!toUnit(v)) v.fill(0);
    return v;
  }

  /**
   * Group ids of the next beats: `windows` count × length model windows and `classes` their
   * predicted class indices. Ids are ≥ 0, given in order of first use, never changed.
   */
  assign(windows: Float32Array, classes: ArrayLike<number>): Int32Array {
    const count = classes.length;
    if (windows.length !== count * this.geometry.length) throw new RangeError(`${windows.length} window values for ${count} beats of ${this.geometry.length}`);
    const ids = new Int32Array(count);
    for (let i = 0; i < count; i++) ids[i] = this.place(this.shapeOf(windows, i), classes[i]!);
    return ids;
  }

  private place(shape: Float64Array, cls: number): number {
    let list = this.groups.get(cls);
    if (list === undefined) {
      list = [];
      this.groups.set(cls, list);
    }
    let best: Group | undefined;
    let bestR = -Infinity;
    for (const g of list) {
      const r = dot(shape, g.unit);
      if (r > bestR) {
        bestR = r;
        best = g;
      }
    }
    if (best === undefined || (bestR < this.options.threshold && list.length < this.options.maxGroupsPerClass)) {
      const group: Group = { id: this.nextId++, sum: Float64Array.from(shape), unit: Float64Array.from(shape) };
      list.push(group);
      return group.id;
    }
    for (let k = 0; k < shape.length; k++) best.sum[k]! += shape[k]!;
    best.unit.set(best.sum);
    if (!toUnit(best.unit)) best.unit.fill(0);
    return best.id;
  }
}
