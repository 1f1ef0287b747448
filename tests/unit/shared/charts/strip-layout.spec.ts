import { describe, expect, it } from 'vitest';
import { PX_PER_MM } from '../../../../src/shared/charts/paper';
import { BAND_HEIGHT_PX, MARGIN_MM, stripLayout } from '../../../../src/shared/charts/strip-layout';

const twoEcg = [{ isVoltage: true }, { isVoltage: true }];

describe('stripLayout', () => {
  it('shows as many seconds as the plot width holds at the paper speed', () => {
    const layout = stripLayout(1200, twoEcg, { speedMmPerSec: 25, gainMmPerMv: 10 }, false);
    expect(layout.plotLeftPx).toBeCloseTo(MARGIN_MM * PX_PER_MM, 9);
    expect(layout.durationSec * 25 * PX_PER_MM).toBeCloseTo(layout.plotWidthPx, 9);
  });

  it('halves the page duration when the speed doubles', () => {
    const slow = stripLayout(1200, twoEcg, { speedMmPerSec: 25, gainMmPerMv: 10 }, false);
    const fast = stripLayout(1200, twoEcg, { speedMmPerSec: 50, gainMmPerMv: 10 }, false);
    expect(fast.durationSec * 2).toBeCloseTo(slow.durationSec, 9);
  });

  it('stacks lanes without gaps, each starting on a large square', () => {
    const layout = stripLayout(1000, twoEcg, { speedMmPerSec: 25, gainMmPerMv: 10 }, false);
    const [a, b] = layout.lanes;
    expect(a?.topMm).toBe(0);
    expect(b?.topMm).toBe(a?.heightMm);
    for (const lane of layout.lanes) {
      expect(lane.topMm % 5).toBe(0);
      expect(lane.heightPx).toBeCloseTo(lane.heightMm * PX_PER_MM, 9);
      expect(lane.topPx).toBeCloseTo(BAND_HEIGHT_PX + lane.topMm * PX_PER_MM, 9);
    }
    expect(layout.paperHeightMm).toBe((a?.heightMm ?? 0) + (b?.heightMm ?? 0));
  });

  it('makes room for a second axis row when there is wall-clock time', () => {
    const scale = { speedMmPerSec: 25, gainMmPerMv: 10 };
    expect(stripLayout(1000, twoEcg, scale, true).axisHeightPx).toBeGreaterThan(stripLayout(1000, twoEcg, scale, false).axisHeightPx);
  });

  it('never yields a negative plot on a narrow container', () => {
    const layout = stripLayout(20, twoEcg, { speedMmPerSec: 25, gainMmPerMv: 10 }, false);
    expect(layout.plotWidthPx).toBe(0);
    expect(layout.durationSec).toBe(0);
  });

  it('gives a lane the height its spec asks for, stacking the next below it', () => {
    const layout = stripLayout(1200, [{ isVoltage: true, heightMm: 60 }, { isVoltage: true }], { speedMmPerSec: 25, gainMmPerMv: 10 }, false);
    expect(layout.lanes.map((l) => [l.topMm, l.heightMm])).toEqual([[0, 60], [60, 40]]);
    expect(layout.paperHeightMm).toBe(100);
  });
});
