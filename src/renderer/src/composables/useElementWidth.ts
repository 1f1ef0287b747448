/**
 * The content width of an element in CSS px, kept up to date with a ResizeObserver (0 until
 * mounted). Layouts that must be pixel-exact (the paper) are computed from it.
 */
import { onMounted, onScopeDispose, ref, type Ref } from 'vue';

export function useElementWidth(el: Ref<HTMLElement | null>): Ref<number> {
  const widthPx = ref(0);
  let observer: ResizeObserver | null = null;
  onMounted(() => {
    const host = el.value;
    if (!host) return;
    widthPx.value = host.clientWidth;
    observer = new ResizeObserver(() => {
      if (host.clientWidth !== widthPx.value) widthPx.value = host.clientWidth;
    });
    observer.observe(host);
  });
  onScopeDispose(() => observer?.disconnect());
  return widthPx;
}
