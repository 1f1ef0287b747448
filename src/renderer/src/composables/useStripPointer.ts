/**
 * The mouse on the strip, beyond scrolling (useStripScroll): a click (a press that did not
 * drag) selects the nearest beat, a double-click adds a beat there, and the pointer's time
 * is the strip's cursor (where the add-beat key adds), cleared when the pointer leaves.
 */
import type { Ref } from 'vue';

/** A press that moves less than this is a click, not a drag, px. */
const CLICK_SLOP_PX = 4;

/** How the strip maps x to time, read at the moment of each event. */
export interface StripPointerGeometry {
  startSec: number;
  plotLeftPx: number;
  plotWidthPx: number;
  pxPerSec: number;
}

export interface StripPointerHandlers {
  /** A click at a time inside the signal area. */
  click(timeSec: number): void;
  doubleClick(timeSec: number): void;
  /** The cursor moved to a time (null: left the signal area). */
  cursor(timeSec: number | null): void;
}

export function useStripPointer(el: Ref<HTMLElement | null>, geometry: () => StripPointerGeometry, on: StripPointerHandlers) {
  let down: { x: number; y: number } | null = null;

  /** The time under a client x, or null outside the signal area. */
  function timeAt(clientX: number): number | null {
    const box = el.value?.getBoundingClientRect();
    if (!box) return null;
    const g = geometry();
    const x = clientX - box.left - g.plotLeftPx;
    if (x < 0 || x > g.plotWidthPx || g.pxPerSec <= 0) return null;
    return g.startSec + x / g.pxPerSec;
  }

  function onPointerDown(event: PointerEvent): void {
    if (event.button === 0) down = { x: event.clientX, y: event.clientY };
  }
  function onPointerMove(event: PointerEvent): void {
    on.cursor(timeAt(event.clientX));
  }
  function onPointerUp(event: PointerEvent): void {
    const start = down;
    down = null;
    if (!start || Math.hypot(event.clientX - start.x, event.clientY - start.y) > CLICK_SLOP_PX) return;
    const t = timeAt(event.clientX);
    if (t !== null) on.click(t);
  }
  function onPointerLeave(): void {
    on.cursor(null);
  }
  function onDoubleClick(event: MouseEvent): void {
    const t = timeAt(event.clientX);
    if (t !== null) on.doubleClick(t);
  }

  return { onPointerDown, onPointerMove, onPointerUp, onPointerLeave, onDoubleClick, timeAt };
}
