/**
 * Scrolling the strip with the mouse: dragging moves the paper with the pointer (drag left
 * to go forward in time); the wheel scrolls time, except that a vertical wheel first
 * scrolls the page when the strip is taller than the window (a 12-lead record), so every
 * lane stays reachable. Shift + wheel and horizontal trackpad swipes always scroll time.
 * Movements are gathered and applied once per animation frame, so a fast drag makes one
 * page request per frame, not one per pointer event.
 */
import { onScopeDispose, type Ref } from 'vue';

/** Pixels per wheel "line" when the browser reports wheel deltas in lines. */
const LINE_PX = 16;

/** Whether an ancestor of `el` can still scroll vertically in the direction of `deltaY`. */
export function ancestorCanScroll(el: HTMLElement | null, deltaY: number): boolean {
  for (let node = el?.parentElement ?? null; node; node = node.parentElement) {
    const overflow = getComputedStyle(node).overflowY;
    if ((overflow !== 'auto' && overflow !== 'scroll') || node.scrollHeight <= node.clientHeight) continue;
    return deltaY > 0 ? node.scrollTop + node.clientHeight < node.scrollHeight - 1 : node.scrollTop > 0;
  }
  return false;
}

export function useStripScroll(el: Ref<HTMLElement | null>, secPerPx: () => number, scrollBySec: (deltaSec: number) => void) {
  let pendingPx = 0;
  let frame = 0;
  let dragX: number | null = null;

  function flush(): void {
    frame = 0;
    if (pendingPx !== 0) scrollBySec(pendingPx * secPerPx());
    pendingPx = 0;
  }
  function queue(px: number): void {
    pendingPx += px;
    if (!frame) frame = requestAnimationFrame(flush);
  }

  function onPointerDown(event: PointerEvent): void {
    if (event.button !== 0) return;
    dragX = event.clientX;
    el.value?.setPointerCapture(event.pointerId);
  }
  function onPointerMove(event: PointerEvent): void {
    if (dragX === null) return;
    queue(dragX - event.clientX);
    dragX = event.clientX;
  }
  function onPointerUp(event: PointerEvent): void {
    dragX = null;
    if (el.value?.hasPointerCapture(event.pointerId)) el.value.releasePointerCapture(event.pointerId);
  }
  function onWheel(event: WheelEvent): void {
    const scale = event.deltaMode === 1 ? LINE_PX : event.deltaMode === 2 ? (el.value?.clientWidth ?? 800) : 1;
    const horizontal = Math.abs(event.deltaX) > Math.abs(event.deltaY);
    if (!horizontal && !event.shiftKey && ancestorCanScroll(el.value, event.deltaY)) return;
    const delta = horizontal ? event.deltaX : event.deltaY;
    if (delta === 0) return;
    event.preventDefault();
    queue(delta * scale);
  }

  onScopeDispose(() => {
    if (frame) cancelAnimationFrame(frame);
  });

  return { onPointerDown, onPointerMove, onPointerUp, onWheel, isDragging: () => dragX !== null };
}
