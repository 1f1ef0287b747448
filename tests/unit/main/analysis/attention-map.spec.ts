import { describe, expect, it } from 'vitest';
import { mapAttention } from '../../../../src/main/analysis/attention-map';

describe('mapAttention', () => {
  it('places weight j at (windowStart + j) / rate and scales the largest to 1, keeping the ratios', () => {
    const row = Float32Array.from({ length: 180 }, (_, j) => (j + 1) / 16290); // sums to 1
    const heat = mapAttention(7, row, 1000, 180, 1_000_000);
    expect(heat.beatId).toBe(7);
    expect(heat.startSec).toBeCloseTo(1000 / 180, 12);
    expect(heat.stepSec).toBeCloseTo(1 / 180, 12);
    expect(heat.weights).toHaveLength(180);
    expect(Math.max(...heat.weights)).toBe(1);
    expect(heat.weights[179]).toBe(1);
    expect(heat.weights[89]! / heat.weights[0]!).toBeCloseTo(90, 4);
  });

  it('drops the weights of padding before the record start and after its end', () => {
    const row = new Float32Array(180).fill(1 / 180);
    row[100] = 0.5;
    const start = mapAttention(1, row, -30, 180, 10_000);
    expect(start.startSec).toBe(0);
    expect(start.weights).toHaveLength(150);
    expect(start.weights[70]).toBe(1); // window sample 100
    const end = mapAttention(2, row, 9_900, 180, 10_000);
    expect(end.weights).toHaveLength(100);
    expect(end.startSec).toBeCloseTo(9_900 / 180, 12);
    expect(end.weights.every((w) => w === 1)).toBe(true); // the 0.5 peak lay past the end
  });

  it('leaves an all-zero row at zero instead of dividing by it', () => {
    const heat = mapAttention(3, new Float32Array(10), 0, 100, 100);
    expect(heat.weights).toEqual(new Array(10).fill(0));
  });
});
