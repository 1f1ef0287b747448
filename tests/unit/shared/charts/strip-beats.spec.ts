import { describe, expect, it } from 'vitest';
import type { ScatterSeriesOption } from 'echarts/charts';
import { BEAT_CLASS_COLORS } from '../../../../src/shared/charts/beats';
import { BAND_ROWS } from '../../../../src/shared/charts/strip-marks';
import {
  bandCaptions,
  beatMarkKind,
  beatSeries,
  nearestBeat,
  selectionGraphics,
  xOfTime,
  type StripBeat,
  type StripGeometry,
} from '../../../../src/shared/charts/strip-beats';

function beat(id: number, timeSec: number, label: StripBeat['label'], extra: Partial<StripBeat> = {}): StripBeat {
  return { id, timeSec, label, reviewed: false, added: false, flagged: label !== 'N', ...extra };
}

const geometry: StripGeometry = { startSec: 100, plotLeftPx: 75, plotWidthPx: 945, pxPerSec: 94.5, paperTopPx: 62, paperHeightPx: 302 };

describe('beatMarkKind', () => {
  it('tells model, flagged and reviewer-labelled beats apart, a person winning over the model', () => {
    expect(beatMarkKind({ reviewed: false, added: false, flagged: false })).toBe('model');
    expect(beatMarkKind({ reviewed: false, added: false, flagged: true })).toBe('flagged');
    expect(beatMarkKind({ reviewed: true, added: false, flagged: true })).toBe('reviewed');
    expect(beatMarkKind({ reviewed: false, added: true, flagged: false })).toBe('reviewed');
  });
});

describe('beatSeries', () => {
  const beats = [
    beat(1, 99.5, 'N'),
    beat(2, 100.4, 'N'),
    beat(3, 101.2, 'V'),
    beat(4, 102.0, 'N', { reviewed: true }),
    beat(5, 103.1, 'S', { added: true, reviewed: true }),
    beat(6, 104.3, 'N', { flagged: true }),
    beat(7, 111, 'V'),
  ];
  const series = beatSeries(beats, 100, 110, 0);
  const byId = (id: string) => series.find((s) => s.id === id) as ScatterSeriesOption | undefined;
  const times = (id: string) => ((byId(id)?.data ?? []) as number[][]).map((d) => d[0]);

  it('draws only the beats inside the page', () => {
    const all = series.filter((s) => String(s.id).startsWith('pred-')).flatMap((s) => (s.data as number[][]).map((d) => d[0]));
    expect(all.sort()).toEqual([100.4, 101.2, 102.0, 103.1, 104.3]);
  });

  it('puts each letter in the beats row and its marker in the marker row', () => {
    for (const s of series) {
      const row = String(s.id).startsWith('pred-') ? BAND_ROWS.prediction : BAND_ROWS.marker;
      for (const d of s.data as number[][]) expect(d[1]).toBe(row);
    }
  });

  it('groups model and reviewer labels apart and boxes the reviewer\'s letters in the class colour', () => {
    expect(times('pred-N')).toEqual([100.4, 104.3]);
    expect(times('pred-reviewed-N')).toEqual([102.0]);
    expect(times('pred-reviewed-S')).toEqual([103.1]);
    const boxed = byId('pred-reviewed-S')?.label as { color: string; backgroundColor: string };
    expect(boxed.backgroundColor).toBe(BEAT_CLASS_COLORS.S);
    expect(boxed.color).toBe('#ffffff');
    const plain = byId('pred-V')?.label as { color: string; backgroundColor?: string };
    expect(plain.color).toBe(BEAT_CLASS_COLORS.V);
    expect(plain.backgroundColor).toBeUndefined();
  });

  it('gives model, flagged and reviewed beats markers of different shapes', () => {
    expect(times('mark-model-N')).toEqual([100.4]);
    expect(times('mark-flagged-N')).toEqual([104.3]);
    expect(times('mark-flagged-V')).toEqual([101.2]);
    expect(times('mark-reviewed-N')).toEqual([102.0]);
    const shapes = new Set(['mark-model-N', 'mark-flagged-N', 'mark-reviewed-N'].map((id) => byId(id)?.symbol));
    expect(shapes.size).toBe(3);
  });
});

describe('xOfTime', () => {
  it('places a time at the plot left plus its seconds times the paper speed', () => {
    expect(xOfTime(geometry, 100)).toBe(75);
    expect(xOfTime(geometry, 102)).toBeCloseTo(75 + 189, 9);
  });
});

describe('selectionGraphics', () => {
  it('outlines the selected beat and shades its column over the paper', () => {
    const [column, outline] = selectionGraphics(beat(3, 101, 'V'), geometry) as { shape: { x: number; y: number; width: number; height: number } }[];
    const x = 75 + 94.5;
    expect((column?.shape.x ?? 0) + (column?.shape.width ?? 0) / 2).toBeCloseTo(x, 9);
    expect(column?.shape.y).toBe(62);
    expect(column?.shape.height).toBe(302);
    expect((outline?.shape.x ?? 0) + (outline?.shape.width ?? 0) / 2).toBeCloseTo(x, 9);
    expect(outline?.shape.y).toBeLessThan(BAND_ROWS.prediction);
    expect((outline?.shape.y ?? 0) + (outline?.shape.height ?? 0)).toBeGreaterThan(BAND_ROWS.prediction);
  });

  it('draws nothing for no selection or a beat off the page', () => {
    expect(selectionGraphics(null, geometry)).toEqual([]);
    expect(selectionGraphics(beat(1, 99, 'N'), geometry)).toEqual([]);
    expect(selectionGraphics(beat(1, 111, 'N'), geometry)).toEqual([]);
  });
});

describe('nearestBeat', () => {
  const beats = [beat(1, 1.0, 'N'), beat(2, 1.8, 'V'), beat(3, 2.5, 'N')];
  it('takes the closest beat within the distance', () => {
    expect(nearestBeat(beats, 1.6, 0.3)?.id).toBe(2);
    expect(nearestBeat(beats, 2.2, 0.35)?.id).toBe(3);
  });
  it('takes none when every beat is farther', () => {
    expect(nearestBeat(beats, 4, 0.3)).toBeNull();
    expect(nearestBeat([], 1, 0.3)).toBeNull();
  });
});

describe('bandCaptions', () => {
  it('names the reference row only when there is one', () => {
    const texts = (list: ReturnType<typeof bandCaptions>) => list.map((g) => (g as { style: { text: string } }).style.text);
    expect(texts(bandCaptions(75, 'atr'))).toEqual(['ref atr', 'beats']);
    expect(texts(bandCaptions(75, null))).toEqual(['beats']);
  });
});
