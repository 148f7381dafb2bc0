import type { Handlers } from './types.js';

type DoctorHandlers = Pick<Handlers, never>;

export const doctorHandlers: DoctorHandlers = {};
