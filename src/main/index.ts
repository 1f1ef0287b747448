/**
 * Electron main process: lifecycle only. Each concern lives in its own module and is set
 * up here in order; the services themselves know nothing of Electron. The hardening
 * (sandbox for every renderer, the app scheme instead of file://, session and webContents
 * lockdown) is set up before anything can load a page; see SECURITY.md.
 *
 * Environment: `RA_USER_DATA_DIR` replaces Electron's userData folder (tests give each run
 * a fresh one); `RA_RESOURCES_DIR` overrides the resources folder.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow } from 'electron';
import { handleAppScheme, registerAppScheme } from './electron/app-protocol';
import { createOpenDialog } from './electron/dialog';
import { setupContentsLockdown, setupSessionSecurity } from './electron/security';
import { createDispatcher } from './ipc/dispatch';
import { createIpcEventSink, registerIpc } from './ipc/register';
import { bundledAdaptWorkerPath } from './adaptation';
import { bundledAnalysisWorkerPath } from './analysis';
import { bundledTrainingWorkerPath } from './research/locations';
import { resolveResourcesDir } from './resources-dir';
import { createServices, type Services } from './services';
import { createMainWindow } from './window';

const here = dirname(fileURLToPath(import.meta.url));
const preloadPath = join(here, '../preload/index.cjs');
const rendererDir = join(here, '../renderer');
const devUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];

let mainWindow: BrowserWindow | null = null;
let services: Services | null = null;
const getWindow = (): BrowserWindow | null => mainWindow;

/** Honours RA_USER_DATA_DIR; must run before `ready`, when Electron fixes its paths. */
function setupUserData(): void {
  const dir = process.env['RA_USER_DATA_DIR'];
  if (dir) app.setPath('userData', dir);
}

function setupServices(): Services {
  return createServices({
    dataDir: app.getPath('userData'),
    resourcesDir: resolveResourcesDir({
      isPackaged: app.isPackaged,
      appPath: app.getAppPath(),
      mainDir: here,
      override: process.env['RA_RESOURCES_DIR'],
    }),
    transport: 'electron',
    version: app.getVersion(),
    openDialog: createOpenDialog(getWindow),
    events: createIpcEventSink(getWindow),
    analysisWorkerPath: bundledAnalysisWorkerPath(here),
    trainingWorkerPath: bundledTrainingWorkerPath(here),
    adaptWorkerPath: bundledAdaptWorkerPath(here),
    prewarmAnalysis: true,
  });
}

function setupIpc(current: Services): void {
  registerIpc({ dispatch: createDispatcher(current.handlers), getWindow, devUrl });
}

function setupWindow(): void {
  mainWindow = createMainWindow({ preloadPath, devUrl });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

function setupLifecycle(): void {
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) setupWindow();
  });
  // Quitting waits for the services to stop analyses and write unsaved reviews, then quits again.
  let closing: Promise<void> | null = null;
  app.on('will-quit', (event) => {
    if (!services) return;
    event.preventDefault();
    if (closing) return;
    closing = services.close().catch(() => undefined);
    void closing.finally(() => {
      services = null;
      app.quit();
    });
  });
}

/** What must happen before `ready`: the sandbox for every renderer and the app scheme. */
function setupEarlySecurity(): void {
  app.enableSandbox();
  registerAppScheme();
  setupContentsLockdown();
}

setupUserData();
setupEarlySecurity();
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  void app.whenReady().then(() => {
    setupSessionSecurity(devUrl !== undefined);
    handleAppScheme(rendererDir);
    services = setupServices();
    setupIpc(services);
    setupWindow();
    setupLifecycle();
  });
}
