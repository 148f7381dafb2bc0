import { probeEngine } from '../docker/index.js';
import type { Handlers } from './types.js';

type EngineHandlers = Pick<Handlers, 'engine.status'>;

export const engineHandlers: EngineHandlers = {
  'engine.status': async (_input, { services, signal }) => probeEngine(services.engine(), signal),
};
