import { z } from 'zod';
import type { EngineStatus } from '../docker.js';
import { request } from './define.js';

export const engineRequests = {
  /** Whether the local Docker-compatible engine answers, and its version. */
  'engine.status': request<EngineStatus>()(z.strictObject({})),
};
