import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  protocol,
  screen,
  session,
  shell,
  type MenuItemConstructorOptions,
  type OpenDialogOptions,
} from 'electron';
import { CoreApi } from '../core/api/index.js';
import type { BerthServices } from '../core/services.js';
import { APP_HOST, APP_SCHEME, APP_URL, isPermitted } from './app-origin.js';
import { runCliMode } from './cli-mode.js';
import { cliModeArguments } from './cli-switch.js';
import { CONTENT_SECURITY_POLICY } from './content-security-policy.js';
import { isSafeExternalUrl } from './external.js';
import { installCommandInPath } from './install-command.js';
import { bindContract } from './ipc.js';
import { chooseSavePath } from './save-dialog.js';
import { openServices } from './stores.js';
import { DEFAULT_SIZE, readWindowState, visibleBounds, writeWindowState } from './window-state.js';

const here = path.dirname(fileURLToPath(import.meta.url));

const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Berth</title>
<body style="font:15px system-ui;margin:3em;max-width:40em">
<h1>Berth</h1><p>The registry explorer (the renderer) is not built. Run <code>npm run build</code>
and start Berth again. Everything Berth does is also in the <code>berth</code> command.</p></body></html>`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

function rendererDir(): string {
  return path.join(app.getAppPath(), 'renderer', 'dist');
}

/** Serves `berth://app/…` from the built renderer, with the CSP on every answer. */
async function serveAppFile(request: Request): Promise<Response> {
  const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' };
  const url = new URL(request.url);
  const root = rendererDir();
  const notFound = () => new Response('not found', { status: 404, headers });
  if (url.host !== APP_HOST) return notFound();
  if (!existsSync(path.join(root, 'index.html')))
    return new Response(NOT_BUILT_PAGE, { headers: { ...headers, 'Content-Type': TYPES['.html']! } });
  let relative: string;
  try {
    relative = path.posix.normalize(decodeURIComponent(url.pathname));
  } catch {
    return notFound(); // a malformed %-escape
  }
  let file = path.resolve(root, `.${relative}`);
  if (file !== root && !file.startsWith(root + path.sep)) return notFound();
  if (!path.extname(file)) file = path.join(root, 'index.html');
  try {
    const body = await readFile(file);
    return new Response(body, {
      headers: { ...headers, 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' },
    });
  } catch {
    return notFound();
  }
}

/** The one place a URL leaves the app: vetted, then handed to the user's browser. */
function openInBrowser(url: string): void {
  if (isSafeExternalUrl(url)) void shell.openExternal(url);
}

/** Every web contents: no navigation away, no new windows, no webviews; http(s) links go to the browser. */
function harden(contents: Electron.WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openInBrowser(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openInBrowser(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function menu(): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    // macOS: the app menu with the item that puts `berth` on PATH (the dmg has no installer to do it).
    ...(isMac
      ? [
          {
            label: app.name,
            submenu: [
              { role: 'about' as const },
              { type: 'separator' as const },
              { label: "Install 'berth' command in PATH", click: () => void installCommandInPath() },
              { type: 'separator' as const },
              { role: 'services' as const },
              { type: 'separator' as const },
              { role: 'hide' as const },
              { role: 'hideOthers' as const },
              { role: 'unhide' as const },
              { type: 'separator' as const },
              { role: 'quit' as const },
            ],
          },
        ]
      : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    // macOS has About in the app menu; elsewhere it goes under Help.
    ...(isMac ? [] : [{ role: 'help' as const, submenu: [{ role: 'about' as const }] }]),
  ];
  return Menu.buildFromTemplate(template);
}

function createWindow(api: CoreApi): BrowserWindow {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const state = readWindowState(stateFile);
  const bounds = visibleBounds(
    state.bounds,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    ...(bounds ?? DEFAULT_SIZE),
    minWidth: 720,
    minHeight: 480,
    title: 'Berth',
    show: false,
    webPreferences: {
      preload: path.join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // A middle click would otherwise open links in a new window (electronegativity AUXCLICK_JS_CHECK).
      disableBlinkFeatures: 'Auxclick',
    },
  });
  if (state.isMaximized) window.maximize();
  const unbind = bindContract(api, window);
  window.once('ready-to-show', () => window.show());
  window.on('close', () =>
    writeWindowState(stateFile, { bounds: window.getNormalBounds(), isMaximized: window.isMaximized() }),
  );
  window.on('closed', unbind);
  void window.loadURL(APP_URL);
  return window;
}

// Started as `berth …` (the launcher adds the switch): run that command and exit, with no window, no
// single-instance lock and no `ready` work. The command line after the executable, and after the app's
// path when Electron runs an unpackaged app (`electron .`, where process.defaultApp is set).
const cliArguments = cliModeArguments(process.argv.slice(process.defaultApp ? 2 : 1));
if (cliArguments) runCliMode(cliArguments);
else startApp();

function startApp(): void {
  // A standard, secure scheme of its own: the app's pages get an origin nothing else has, and file:
  // URLs (which can read any file) are never loaded.
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
  app.enableSandbox();

  // Windows groups taskbar buttons and pins by this id; the installer's shortcuts carry the same appId.
  if (process.platform === 'win32') app.setAppUserModelId('dev.berth.app');

  if (!app.requestSingleInstanceLock()) {
    app.quit();
  } else {
    let window: BrowserWindow | undefined;
    let services: BerthServices | undefined;
    let api: CoreApi | undefined;

    app.on('second-instance', () => {
      if (!window) return;
      if (window.isMinimized()) window.restore();
      window.focus();
    });
    app.on('web-contents-created', (_event, contents) => harden(contents));

    void app.whenReady().then(() => {
      session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
        callback(isPermitted(permission, details.requestingUrl)),
      );
      session.defaultSession.setPermissionCheckHandler((_contents, permission, _origin, details) =>
        isPermitted(permission, details.requestingUrl),
      );
      // The app's own scheme sets the CSP itself; this covers anything else the window might load.
      session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
        callback({
          responseHeaders: {
            ...details.responseHeaders,
            'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
          },
        });
      });
      protocol.handle(APP_SCHEME, serveAppFile);
      Menu.setApplicationMenu(menu());
      services = openServices();
      services.chooseSavePath = chooseSavePath;
      // "Load from file…": the native open dialog, attached to the window that asked.
      services.chooseArchive = async () => {
        const options: OpenDialogOptions = {
          title: 'Load an image archive',
          properties: ['openFile'],
          filters: [
            { name: 'Image archives (docker save, OCI)', extensions: ['tar', 'gz', 'tgz'] },
            { name: 'All files', extensions: ['*'] },
          ],
        };
        const chosen = window
          ? await dialog.showOpenDialog(window, options)
          : await dialog.showOpenDialog(options);
        return chosen.canceled ? undefined : chosen.filePaths[0];
      };
      api = new CoreApi(services);
      const open = (ready: CoreApi) => {
        window = createWindow(ready);
        window.on('closed', () => (window = undefined));
      };
      open(api);
      app.on('activate', () => {
        if (!window && api) open(api);
      });
    });

    app.on('window-all-closed', () => {
      if (process.platform !== 'darwin') app.quit();
    });
    app.on('will-quit', () => {
      api?.close();
      void services?.close();
    });
  }
}
