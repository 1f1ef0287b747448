/**
 * Hands a file the services wrote (an `ExportedFile`, bytes in base64) to the browser as a
 * download: a Blob, an object URL, a click on a hidden `<a download>`, and the URL revoked
 * once the browser has taken it. The same in Electron (its default download handling) and
 * over the loopback transport. Not a store: the report store's helper.
 */
import type { ExportedFile } from '../../../shared/report';

/** How long the object URL lives after the click, ms (browsers read it asynchronously). */
const REVOKE_AFTER_MS = 10_000;

/** The bytes of base64 text. */
export function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Starts the browser download of `file` under its own name. */
export function downloadFile(file: ExportedFile): void {
  const url = URL.createObjectURL(new Blob([base64Bytes(file.dataBase64)], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}
