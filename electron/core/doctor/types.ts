import type { RegistryConnection } from '../registry/index.js';

// What a diagnosis and a fix look like to every front door is the contract's; the core uses the same types.
export type {
  Diagnosis,
  Fix,
  FixAction,
  Recheck,
  Step,
  StepId,
  StepStatus,
} from '../../../shared/contract/doctor.js';
import type { FixResult } from '../../../shared/contract/doctor.js';

/**
 * What a fix did: `message` in the command line's words, and `appMessage` where the app needs other
 * words (it names buttons, not `berth` commands); the app's handler sends that one as its message.
 */
export type FixOutcome = FixResult & { appMessage?: string };

/** Answers the addresses of a name, or throws an error with `code` ENOTFOUND / EAI_AGAIN … */
export type Resolver = (hostname: string) => Promise<string[]>;

/** The registry settings of the local Docker daemon that decide how it reaches a host. */
export interface DaemonView {
  file?: string;
  insecureRegistries: string[];
  registryMirrors: string[];
}

export interface DoctorDeps {
  resolver?: Resolver;
  /** How Berth reaches this host (scheme, CA, saved credential); default HTTPS, system CAs, anonymous. */
  connection?: RegistryConnection;
  /** The daemon's settings; undefined when no daemon.json could be read (step 6 then says so). */
  daemon?: DaemonView;
  /**
   * The local engine, when known: Podman reads registries.conf and /etc/containers/certs.d, so Docker's
   * daemon.json rules (loopback always insecure, insecure-registries) say nothing about its pulls.
   */
  engineKind?: 'docker' | 'podman';
  /** Docker's certs.d root; false to not look. */
  certsDRoot?: string | false;
  timeoutMs?: number;
  now?: () => number;
  /** Every token the check is handed (a token server's answer): the caller scrubs its output of them. */
  onSecret?: (secret: string) => void;
}
