import type { Handlers } from './types.js';

type ServerHandlers = Pick<Handlers, never>;

export const serverHandlers: ServerHandlers = {};
