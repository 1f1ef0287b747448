/**
 * What the start screen offers: the app's own facts (name, version, transport, whether a
 * native open dialog exists), the sample recordings shipped with the app and the recently
 * opened ones. `ready` turns true once the app info has loaded: the shell marks itself
 * `app-ready` then.
 */
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { getApi } from '../api';
import type { AppInfo, MlBackendInfo, RecentRecording, SampleRecording } from '../../../shared/domain';
import type { ErrorInfo } from '../../../shared/result';

export const useLibraryStore = defineStore('library', () => {
  const api = getApi();
  const appInfo = ref<AppInfo | null>(null);
  const samples = ref<SampleRecording[]>([]);
  const recent = ref<RecentRecording[]>([]);
  /** The last failure of a library call (app info, samples, recent, the open dialog). */
  const error = ref<ErrorInfo | null>(null);
  const loaded = ref(false);
  /** The models' TensorFlow.js backend; null until the services have chosen it. */
  const mlBackend = ref<MlBackendInfo | null>(null);

  const ready = computed(() => loaded.value);
  const hasNativeDialog = computed(() => appInfo.value?.hasNativeDialog ?? false);

  /** Loads app info, samples and recent recordings; failures land in `error`. */
  async function load(): Promise<void> {
    const [info, sampleList] = await Promise.all([api.calls['app:info'](), api.calls['library:samples']()]);
    if (info.ok) appInfo.value = info.value;
    else error.value = info.error;
    if (sampleList.ok) samples.value = sampleList.value;
    else error.value = sampleList.error;
    await refreshRecent();
    loaded.value = true;
  }

  /**
   * Asks which backend the models run on. The services choose it on first request (loading
   * wasm or native libraries takes a moment), so this is called after start, not awaited.
   */
  async function loadMlBackend(): Promise<void> {
    const result = await api.calls['ml:backend']();
    if (result.ok) mlBackend.value = result.value;
    else error.value = result.error;
  }

  /** Re-reads the recent list (after a recording was opened). */
  async function refreshRecent(): Promise<void> {
    const result = await api.calls['library:recent']();
    if (result.ok) recent.value = result.value;
    else error.value = result.error;
  }

  /** Shows the native open dialog; resolves to the chosen header path, or null. */
  async function chooseWithDialog(): Promise<string | null> {
    const result = await api.calls['dialog:openRecording']();
    if (!result.ok) {
      error.value = result.error;
      return null;
    }
    return result.value.path;
  }

  return { appInfo, samples, recent, error, ready, hasNativeDialog, mlBackend, load, loadMlBackend, refreshRecent, chooseWithDialog };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useLibraryStore, import.meta.hot));
