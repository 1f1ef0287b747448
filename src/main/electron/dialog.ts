/**
 * The native "open recording" dialog, handed to the services as `openDialog`: the user
 * picks a WFDB header (.hea); the services open it like any other path.
 */
import { dialog, type BrowserWindow } from 'electron';

/** Shows the dialog over `getWindow()`; resolves to the chosen header path or null. */
export function createOpenDialog(getWindow: () => BrowserWindow | null): () => Promise<string | null> {
  return async () => {
    const options: Electron.OpenDialogOptions = {
      title: 'Open a WFDB recording',
      properties: ['openFile'],
      filters: [{ name: 'WFDB header', extensions: ['hea'] }],
    };
    const window = getWindow();
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  };
}
