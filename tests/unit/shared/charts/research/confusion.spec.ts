import { describe, expect, it } from 'vitest';
import { buildConfusionOption, cellTextColor, confusionCells } from '../../../../../src/shared/charts/research';

describe('confusionCells', () => {
  it('gives one cell per reference/predicted pair with its share of the reference row', () => {
    const cells = confusionCells([[8, 2], [1, 3]]);
    expect(cells).toContainEqual([0, 0, 8, 0.8]);
    expect(cells).toContainEqual([1, 0, 2, 0.2]);
    expect(cells).toContainEqual([0, 1, 1, 0.25]);
    expect(cells).toHaveLength(4);
  });

  it('gives shares of 0 for a class without reference beats instead of dividing by zero', () => {
    expect(confusionCells([[0, 0], [0, 5]]).filter((c) => c[1] === 0).map((c) => c[3])).toEqual([0, 0]);
  });
});

describe('cellTextColor', () => {
  it('writes counts white on dark cells and dark on light ones', () => {
    expect(cellTextColor(0.95)).toBe('#ffffff');
    expect(cellTextColor(0.1)).not.toBe('#ffffff');
  });
});

describe('buildConfusionOption', () => {
  it('puts the classes on both axes, reference rows from the top, and maps colour to the row share', () => {
    const option = buildConfusionOption({ classes: ['N', 'S', 'V'], confusion: [[5, 0, 0], [1, 1, 0], [0, 0, 3]] });
    expect(option.xAxis).toMatchObject({ type: 'category', data: ['N', 'S', 'V'] });
    expect(option.yAxis).toMatchObject({ type: 'category', data: ['N', 'S', 'V'], inverse: true });
    expect(option.visualMap).toMatchObject({ dimension: 3, min: 0, max: 1 });
    const data = (option.series as { data: { value: number[] }[] }[])[0]?.data ?? [];
    expect(data).toHaveLength(9);
    expect(data.find((d) => d.value[0] === 0 && d.value[1] === 1)?.value[2]).toBe(1);
  });
});
