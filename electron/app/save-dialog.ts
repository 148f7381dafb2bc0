import { BrowserWindow, dialog } from 'electron';

/**
 * Electron's native chooser for where a save goes: a file for a tar, a folder for an OCI layout. The
 * chosen path comes back to the core, which checks it like a typed one.
 */
export async function chooseSavePath(options: {
  defaultPath: string;
  isFolder: boolean;
}): Promise<string | undefined> {
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  if (options.isFolder) {
    const settings = {
      title: 'Save the OCI image layout in a folder',
      defaultPath: options.defaultPath,
      buttonLabel: 'Choose',
      properties: ['openDirectory', 'createDirectory', 'promptToCreate'] as const,
    };
    const result = window
      ? await dialog.showOpenDialog(window, { ...settings, properties: [...settings.properties] })
      : await dialog.showOpenDialog({ ...settings, properties: [...settings.properties] });
    return result.canceled ? undefined : result.filePaths[0];
  }
  const settings = {
    title: 'Save images to a file',
    defaultPath: options.defaultPath,
    filters: [{ name: 'Image archives', extensions: ['tar'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<
      'createDirectory' | 'showOverwriteConfirmation'
    >,
  };
  const result = window
    ? await dialog.showSaveDialog(window, settings)
    : await dialog.showSaveDialog(settings);
  return result.canceled ? undefined : result.filePath;
}
