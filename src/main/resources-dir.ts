/**
 * Where the app's read-only resources (`resources/samples/`) are, in dev and packaged.
 * Electron-free: the Electron entry passes in what it knows, so this is testable.
 */
import { join } from 'node:path';

export interface ResourceLocation {
  /** `app.isPackaged`. */
  isPackaged: boolean;
  /** `app.getAppPath()`: `…/resources/app.asar` when packaged. */
  appPath: string;
  /** Folder of the built main script (out/main); the project root is two levels up. */
  mainDir: string;
  /** `RA_RESOURCES_DIR`, when set: an explicit override (tests, unusual layouts). */
  override?: string | undefined;
}

/**
 * The resources folder.
 * - Unpackaged (dev, preview, e2e): `<project>/resources`, found from the built main
 *   script rather than from `app.getAppPath()`, which depends on how Electron was started
 *   (`electron .` vs `electron out/main/index.js`).
 * - Packaged: the packager must keep `resources/**` outside the asar archive
 *   (electron-builder `asarUnpack: ["resources/**"]`, as in the electron-vite template),
 *   because the WFDB reader opens the files with positioned reads; they then sit in
 *   `app.asar.unpacked/resources`.
 */
export function resolveResourcesDir(location: ResourceLocation): string {
  if (location.override) return location.override;
  if (!location.isPackaged) return join(location.mainDir, '..', '..', 'resources');
  return join(location.appPath.replace(/app\.asar$/, 'app.asar.unpacked'), 'resources');
}
