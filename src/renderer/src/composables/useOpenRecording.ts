/**
 * The ways to open a recording, each followed by a refresh of the recent list: by path, by
 * upload, and through the native dialog (Electron). Failures stay in the recording store's
 * `openError` (or the library's `error` for the dialog) for the panel to show.
 */
import { useLibraryStore } from '../stores/library';
import { useRecordingStore, type UploadFile } from '../stores/recording';

export function useOpenRecording() {
  const recording = useRecordingStore();
  const library = useLibraryStore();

  async function openPath(path: string): Promise<boolean> {
    const opened = await recording.open(path.trim());
    if (opened) await library.refreshRecent();
    return opened;
  }

  async function openUpload(files: UploadFile[]): Promise<boolean> {
    const opened = await recording.upload(files);
    if (opened) await library.refreshRecent();
    return opened;
  }

  async function openWithDialog(): Promise<boolean> {
    const path = await library.chooseWithDialog();
    return path === null ? false : openPath(path);
  }

  /**
   * At start: reopens the most recent recording, or the first sample when nothing was ever
   * opened (or the recent one is gone). Does nothing when a recording is already open, so a
   * choice the user made meanwhile wins.
   */
  async function openStartupRecording(): Promise<void> {
    const candidates = [library.recent[0]?.path, library.samples[0]?.path];
    for (const path of candidates) {
      if (path === undefined || recording.info !== null) continue;
      if (await openPath(path)) return;
    }
  }

  return { openPath, openUpload, openWithDialog, openStartupRecording };
}
