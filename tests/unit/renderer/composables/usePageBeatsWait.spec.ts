import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, ref, shallowRef } from 'vue';
import { usePageBeatsWait } from '../../../../src/renderer/src/composables/usePageBeatsWait';

function setup(reviewing = true) {
  const scope = effectScope();
  const page = ref({ key: 'rec', startSec: 0, endSec: 10 });
  const beatsSpan = shallowRef<{ from: number; to: number } | null>({ from: 0, to: 15 });
  const waiting = scope.run(() => usePageBeatsWait({ reviewing: ref(reviewing), page, beatsSpan, maxWaitMs: 150 }))!;
  return { scope, page, beatsSpan, waiting };
}

describe('usePageBeatsWait', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('does not wait when the loaded beats cover the page', () => {
    const { waiting, scope } = setup();
    expect(waiting.value).toBe(false);
    scope.stop();
  });

  it('waits for a jumped-to page until its beats are loaded', async () => {
    const { waiting, page, beatsSpan, scope } = setup();
    page.value = { key: 'rec', startSec: 600, endSec: 610 };
    await nextTick();
    expect(waiting.value).toBe(true);
    beatsSpan.value = { from: 595, to: 615 };
    expect(waiting.value).toBe(false);
    scope.stop();
  });

  it('stops waiting after the longest wait when the beats do not come', async () => {
    const { waiting, page, scope } = setup();
    page.value = { key: 'rec', startSec: 600, endSec: 610 };
    await nextTick();
    expect(waiting.value).toBe(true);
    vi.advanceTimersByTime(149);
    expect(waiting.value).toBe(true);
    vi.advanceTimersByTime(2);
    expect(waiting.value).toBe(false);
    scope.stop();
  });

  it('never waits without a review', async () => {
    const { waiting, page, scope } = setup(false);
    page.value = { key: 'rec', startSec: 600, endSec: 610 };
    await nextTick();
    expect(waiting.value).toBe(false);
    scope.stop();
  });
});
