import { describe, expect, it } from 'vitest';
import { TemplateClusterer, type WindowGeometry } from '../../../../src/main/analysis/template-clustering';

const GEOMETRY: WindowGeometry = { length: 180, rateHz: 180, rIndex: 90 };

/** A z-scored-like window: Gaussian bumps (centre offset from R in samples, width, height). */
function shape(bumps: [number, number, number][], scale = 1, offset = 0, noise = 0, seed = 1): Float32Array {
  let s = seed;
  const rand = (): number => ((s = (s * 16807) % 2147483647) / 2147483647) - 0.5;
  return Float32Array.from({ length: GEOMETRY.length }, (_, j) => {
    let v = 0;
    for (const [at, width, height] of bumps) v += height * Math.exp(-(((j - GEOMETRY.rIndex - at) / width) ** 2) / 2);
    return scale * v + offset + noise * rand();
  });
}

/** Narrow upright QRS with a T wave; wide inverted QRS (a ventricular shape). */
const NARROW: [number, number, number][] = [[0, 2, 1], [50, 8, 0.3]];
const WIDE: [number, number, number][] = [[5, 9, -1], [45, 10, 0.4]];

function concat(windows: Float32Array[]): Float32Array {
  const out = new Float32Array(windows.length * GEOMETRY.length);
  windows.forEach((w, i) => out.set(w, i * GEOMETRY.length));
  return out;
}

describe('TemplateClusterer.assign', () => {
  it('puts beats of one shape in one group whatever their amplitude and offset, and a different shape in another', () => {
    const c = new TemplateClusterer(GEOMETRY);
    const windows = [shape(NARROW), shape(NARROW, 2.5, 0.7), shape(WIDE), shape(NARROW, 0.6, -1, 0.05, 7), shape(WIDE, 1.3, 0, 0.05, 3)];
    const ids = c.assign(concat(windows), [0, 0, 0, 0, 0]);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[3]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(ids[4]).toBe(ids[2]);
    expect(c.groupCount).toBe(2);
  });

  it('keeps predicted classes apart even for the same shape', () => {
    const c = new TemplateClusterer(GEOMETRY);
    const ids = c.assign(concat([shape(NARROW), shape(NARROW)]), [0, 2]);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('gives the same ids chunk by chunk as in one call (ids are final when given)', () => {
    const windows = Array.from({ length: 12 }, (_, i) => shape(i % 3 === 0 ? WIDE : NARROW, 1 + i / 10, 0, 0.1, i + 1));
    const classes = windows.map((_, i) => (i % 3 === 0 ? 2 : 0));
    const whole = new TemplateClusterer(GEOMETRY).assign(concat(windows), classes);
    const chunked = new TemplateClusterer(GEOMETRY);
    const parts = [chunked.assign(concat(windows.slice(0, 5)), classes.slice(0, 5)), chunked.assign(concat(windows.slice(5)), classes.slice(5))];
    expect([...parts[0]!, ...parts[1]!]).toEqual([...whole]);
  });

  it('merges beats into the nearest group of their class once the class has maxGroupsPerClass groups', () => {
    const c = new TemplateClusterer(GEOMETRY, { maxGroupsPerClass: 2 });
    const third: [number, number, number][] = [[-20, 3, 1], [0, 3, -1]];
    const ids = c.assign(concat([shape(NARROW), shape(WIDE), shape(third), shape(WIDE, 2)]), [0, 0, 0, 0]);
    expect(c.groupCount).toBe(2);
    expect(new Set(ids).size).toBe(2);
    expect(ids[3]).toBe(ids[1]);
  });

  it('refuses windows that do not match the class count', () => {
    expect(() => new TemplateClusterer(GEOMETRY).assign(new Float32Array(100), [0])).toThrow(RangeError);
  });
});
