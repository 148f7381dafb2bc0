// Registries of the user's own (electron/core/registry-server): create, start/stop, users, logs, GC.
export const serverRequests = {};
