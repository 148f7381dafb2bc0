import type { RegistryConnection } from '../registry/index.js';

export type StepId = 'resolve' | 'tcp' | 'tls' | 'registry' | 'credential' | 'docker' | 'rate-limit';
export type StepStatus = 'ok' | 'warn' | 'fail' | 'skipped';
export type FixAction = 'trust-ca' | 'add-insecure' | 'install-certs-d' | 'login' | 'use-http' | 'use-https';

/** What to do about a step; `action` is what a front door can offer as one click (with `value`). */
export interface Fix {
  text: string;
  action?: FixAction;
  /** The argument of the action: the insecure-registries entry, the certs.d folder, the CA's PEM. */
  value?: string;
}

export interface Step {
  id: StepId;
  title: string;
  status: StepStatus;
  ms: number;
  detail: string;
  fix?: Fix;
  /** Plain data for machines (addresses, certificate facts); never a secret. */
  data?: Record<string, unknown>;
}

export interface Diagnosis {
  target: string;
  /** host[:port] as image references and Docker name it. */
  host: string;
  scheme: 'https' | 'http';
  steps: Step[];
  ok: boolean;
}

/** Answers the addresses of a name, or throws an error with `code` ENOTFOUND / EAI_AGAIN … */
export type Resolver = (hostname: string) => Promise<string[]>;

/** The registry settings of the local Docker daemon that decide how it reaches a host. */
export interface DaemonView {
  file?: string;
  insecureRegistries: string[];
  registryMirrors: string[];
}

/** What applying a fix did; `elevation` is the command a front door runs (after asking) when Berth may not write. */
export interface FixOutcome {
  done: boolean;
  message: string;
  elevation?: { command: string; explanation: string };
}

export interface DoctorDeps {
  resolver?: Resolver;
  /** How Berth reaches this host (scheme, CA, saved credential); default HTTPS, system CAs, anonymous. */
  connection?: RegistryConnection;
  /** The daemon's settings; undefined when no daemon.json could be read (step 6 then says so). */
  daemon?: DaemonView;
  /** Docker's certs.d root; false to not look. */
  certsDRoot?: string | false;
  timeoutMs?: number;
  now?: () => number;
}
