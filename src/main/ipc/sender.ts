/**
 * Whether an IPC call comes from our own page (Electron security checklist, item 17). Kept
 * free of Electron imports so unit tests can check it with plain objects.
 */
import { isAppPageUrl } from '../electron/hardening';

/** The parts of an `IpcMainInvokeEvent` the check reads. */
export interface SenderFacts {
  sender: unknown;
  senderFrame: { url: string; parent: unknown } | null;
}

/** What the sender must be: our window's webContents and, in dev, the dev server's URL. */
export interface TrustedSenderOptions {
  /** Our window's webContents, or null when there is no live window. */
  ourContents: unknown;
  /** The dev server URL in dev, undefined in a build (then the app scheme is trusted). */
  devUrl: string | undefined;
}

/**
 * True only for a call from our window's webContents, from its top frame (not an iframe),
 * whose page is ours: the dev server's origin in dev, `rhythm-attention://app` in a build.
 */
export function isTrustedSender(event: SenderFacts, options: TrustedSenderOptions): boolean {
  if (options.ourContents === null || event.sender !== options.ourContents) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isAppPageUrl(frame.url, options.devUrl);
}
