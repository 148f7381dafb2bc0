// Diagnose why a registry cannot be reached (electron/core/doctor).
export const doctorRequests = {};
