import { describe, expect, it } from 'vitest';
import { renderSyntheticBeatsSvg, syntheticBeatsOption } from '../../../../../src/main/ml/gan/gan-figure';

const L = 20;
const beats = (count: number, height: number): Float32Array => Float32Array.from({ length: count * L }, (_, i) => (i % L === 10 ? height : 0));

describe('syntheticBeatsOption', () => {
  it('gives each class a real and a synthetic panel, one line per beat, on one amplitude scale', () => {
    const option = syntheticBeatsOption([{ name: 'S', real: beats(3, 2), synthetic: beats(2, 5) }, { name: 'V', real: beats(1, -1), synthetic: beats(4, 1) }], L, 10);
    expect(option.grid).toHaveLength(4);
    expect(option.series).toHaveLength(3 + 2 + 1 + 4);
    const yAxes = option.yAxis as { min: number; max: number }[];
    expect(new Set(yAxes.map((a) => `${a.min},${a.max}`)).size).toBe(1);
    expect(yAxes[0]!.min).toBeLessThan(-1);
    expect(yAxes[0]!.max).toBeGreaterThan(5);
    expect((option.xAxis as { max: number }[])[0]!.max).toBe(2); // 20 samples at 10 Hz
  });
});

describe('renderSyntheticBeatsSvg', () => {
  it('renders an SVG document naming each panel', () => {
    const svg = renderSyntheticBeatsSvg([{ name: 'F', real: beats(2, 1), synthetic: beats(2, 1) }], L, 10);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('F — real (2)');
    expect(svg).toContain('F — synthetic (GAN) (2)');
  });
});
