import { app, BrowserWindow } from 'electron';

// The Electron shell stays thin: behaviour lives in electron/core. The explorer UI is still to come;
// until then the window says where Berth's features are (the `berth` CLI).
const page = `<!doctype html><meta charset="utf-8"><title>Berth</title>
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<body style="font:15px system-ui;margin:3em;color:#222">
<h1>Berth</h1><p>The registry explorer window is not built yet. Everything Berth does today is in the
<code>berth</code> command: <code>npx berth --help</code>.</p></body>`;

if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(() => {
  const window = new BrowserWindow({
    width: 900,
    height: 600,
    title: 'Berth',
    webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false },
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  void window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(page)}`);
});

app.on('window-all-closed', () => app.quit());
