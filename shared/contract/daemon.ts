import { z } from 'zod';
import { request } from './define.js';
import type { Phrase } from './phrase.js';

export type DaemonListKey = 'insecure-registries' | 'registry-mirrors';

/** One entry of a registry list as dockerd would take it: the value it reads, or why it refuses it. */
export interface DaemonEntryCheck {
  entry: string;
  ok: boolean;
  /** What dockerd reads (a CIDR masked, a mirror ending in "/"). */
  value?: string;
  reason?: string;
  /** `reason` as a phrase, for a front door that says it in its own words. */
  said?: Phrase;
  /** Accepted, but not as written (a scheme dropped). */
  warning?: string;
  warningSaid?: Phrase;
}

/** Where daemon.json is not valid JSON: what the raw editor and the error state point at. */
export interface DaemonJsonProblem {
  message: string;
  /** `message` as a phrase, for a front door that says it in its own words. */
  said?: Phrase;
  line: number;
  column: number;
  /** The text of that line, to show with a caret under the column. */
  lineText: string;
}

/** What the running engine reports in `GET /info` → RegistryConfig. */
export interface DaemonLiveSettings {
  serverVersion?: string;
  /** Which engine answered: Podman's answers carry `Libpod-API-Version`. */
  engine?: 'dockerd' | 'podman';
  /** Podman runs as a user of its own (it then reads that user's registries.conf). */
  isRootless?: boolean;
  /** IndexConfigs as reported: per registry, whether it is checked with TLS and its mirrors. */
  indexes?: { name: string; isSecure: boolean; mirrors: string[] }[];
  insecureCidrs: string[];
  /** IndexConfigs that are not Secure. */
  insecureHosts: string[];
  mirrors: string[];
}

/** What the file asks the engine for, in the engine's terms (loopback CIDRs always included). */
export interface DaemonExpectedSettings {
  cidrs: string[];
  hosts: string[];
  mirrors: string[];
}

export interface DaemonBackup {
  path: string;
  name: string;
  /** ISO time the backup was written. */
  modified: string;
}

/** One `[[registry]]` of Podman's registries.conf (after drop-ins are merged). */
export interface PodmanRegistryEntry {
  /** What image references it applies to (defaults to the location). */
  prefix: string;
  /** Where Podman pulls from for that prefix; empty for a blocked wildcard prefix. */
  location: string;
  isInsecure: boolean;
  isBlocked: boolean;
  mirrors: { location: string; isInsecure: boolean }[];
  /** The file whose entry wins (a later drop-in replaces an earlier one with the same prefix). */
  file: string;
}

/** Why a registries.conf could not be read: the file and, for a syntax error, its line. */
export interface PodmanRegistriesProblem {
  file: string;
  message: string;
  line?: number;
  column?: number;
  lineText?: string;
}

/** Podman's registry settings: registries.conf and its drop-ins, read as containers/image reads them. */
export interface PodmanRegistries {
  /** The files read, in the order they apply (later ones win). */
  files: string[];
  /** Why these files (CONTAINERS_REGISTRIES_CONF, the user's file, or the system's). */
  reason: string;
  /** The same as a code: CONTAINERS_REGISTRIES_CONF (`env`), the user's own file, or the system's. */
  reasonCode?: 'env' | 'user' | 'system';
  registries: PodmanRegistryEntry[];
  /** `unqualified-search-registries`: where a short name (`alpine`) is looked for. */
  searchRegistries: string[];
  problems: PodmanRegistriesProblem[];
}

/** The engine the file belongs to, and what it says right now. */
export interface DaemonEngineView {
  /** The engine address Berth talks to (`unix:///var/run/docker.sock`). */
  host: string;
  /** dockerd's rule generation for these keys: `legacy` before v23. */
  rules: 'modern' | 'legacy';
  live?: DaemonLiveSettings;
  /** Why the live settings could not be read. */
  problem?: string;
  /** The engine is Podman: it never reads daemon.json; these are its registry settings instead. */
  podman?: PodmanRegistries;
}

/** daemon.json as it is on disk, whether or not it is valid, with the engine it belongs to. */
export interface DaemonConfigState {
  file: string;
  exists: boolean;
  flavour: 'rootful' | 'rootless' | 'desktop' | 'windows';
  /** Why this file. */
  reason: string;
  /** The same as a code: named by BERTH_DAEMON_CONFIG (`env`), else the flavour's usual place. */
  reasonCode?: 'env' | 'rootful' | 'rootless' | 'desktop' | 'windows';
  /** Whether Berth may write it without elevation. */
  isWritable: boolean;
  /** sha256 of the bytes read; a save or restore refuses when the file changed since. */
  fingerprint: string;
  /** The whole file as text (UTF-8, without a byte-order mark). */
  text: string;
  /** Set when the file is valid JSON. */
  lists?: { insecureRegistries: DaemonEntryCheck[]; registryMirrors: DaemonEntryCheck[] };
  /** Set when it is not: Berth never writes over it without being told to. */
  invalid?: DaemonJsonProblem & { hint?: string };
  expected?: DaemonExpectedSettings;
  engine: DaemonEngineView;
  backups: DaemonBackup[];
}

/** A change as it would be written: the whole new text, the diff, and what stops it from being saved. */
export interface DaemonPreview {
  text: string;
  diff: string;
  changed: boolean;
  /**
   * Blocking: invalid JSON (with its position), keys dockerd does not know or that are also on its command
   * line, values of the wrong type, and entries dockerd refuses.
   */
  problems: string[];
  jsonProblem?: DaemonJsonProblem;
  notes: string[];
  /** `notes` as phrases, when every note has one. */
  notesSaid?: Phrase[];
  lists?: { insecureRegistries: DaemonEntryCheck[]; registryMirrors: DaemonEntryCheck[] };
  /**
   * Top-level keys other than the registry lists that the change adds, removes or changes (sorted). They
   * change how dockerd runs, so `daemon.save` wants exactly these in `confirmKeys`.
   */
  changedKeys: string[];
  /**
   * What "no problems" covers (absent for text that is not JSON): the dockerd release whose keys, types and
   * early value checks were applied, and what could not be checked here (nothing is claimed about those).
   */
  checked?: { against: string; unchecked: string[] };
}

export interface DaemonElevationPlan {
  /** argv Berth would run; it copies the staged file over daemon.json after a backup copy. */
  command: string[];
  explanation: string;
  /** The new content, written where the user may write. */
  stagedFile: string;
}

export type DaemonSaveResult =
  | { written: true; file: string; backup?: string }
  | { written: false; backup?: string; elevation: DaemonElevationPlan };

export interface DaemonApplyResult {
  method: 'sighup' | 'systemctl' | 'restart-needed';
  applied: boolean;
  message: string;
  /** What to do when it was not applied. */
  hint?: string;
  /** The same in the app's words (no `berth` commands or flags): the app's handler sends it as `hint`. */
  appHint?: string;
  differences: string[];
  expected: DaemonExpectedSettings;
  live?: DaemonLiveSettings;
}

/** One mirror's check: the result of a `mirror-test` job is one per mirror, in the order given. */
export interface DaemonMirrorCheck {
  url: string;
  ok: boolean;
  status?: number;
  apiVersion?: string;
  latencyMs?: number;
  tls: 'valid' | 'plain-http' | 'failed';
  problem?: string;
  hint?: string;
  /** The same next step in the app's words, where they differ (no `berth` command): the app shows this one. */
  appHint?: string;
}

const Fingerprint = z.string().regex(/^[a-f0-9]{64}$/, 'a fingerprint is the sha256 Berth handed out');
const Entries = z.array(z.string().max(2048)).max(500);
const FileText = z.string().max(1_000_000, 'daemon.json is larger than 1 MB');

/** Either new registry lists (merged into the file, other keys kept) or the whole new text. */
const DaemonChange = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('lists'), insecureRegistries: Entries, registryMirrors: Entries }),
  z.strictObject({ kind: z.literal('text'), text: FileText }),
]);
export type DaemonChangeInput = z.input<typeof DaemonChange>;

export const daemonRequests = {
  /** daemon.json of the local engine (valid or not), each entry checked, its backups, the live settings. */
  'daemon.read': request<DaemonConfigState>()(z.strictObject({})),
  /** Checks one entry with dockerd's rules (the running engine's generation of them). */
  'daemon.validate': request<DaemonEntryCheck & { notes: string[]; notesSaid?: Phrase[] }>()(
    z.strictObject({
      key: z.enum(['insecure-registries', 'registry-mirrors']),
      entry: z.string().max(2048),
    }),
  ),
  /** What a change would write: the new text and its diff against the file read (`fingerprint`). */
  'daemon.preview': request<DaemonPreview>()(
    z.strictObject({ fingerprint: Fingerprint, change: DaemonChange }),
  ),
  /**
   * Writes the new text after a backup, if the file still has the bytes read. Over a file that is not
   * valid JSON only with `replaceInvalid`. A text that changes keys other than the registry lists is
   * written only when `confirmKeys` names exactly those keys (the preview's `changedKeys`). Where Berth
   * may not write, the elevation plan comes back.
   */
  'daemon.save': request<DaemonSaveResult>()(
    z.strictObject({
      fingerprint: Fingerprint,
      text: FileText,
      replaceInvalid: z.boolean().default(false),
      confirmKeys: z.array(z.string().max(256)).max(1000).default([]),
    }),
  ),
  /** Podman's registries.conf and drop-ins as this user's Podman reads them (read-only). */
  'daemon.podmanRegistries': request<PodmanRegistries>()(z.strictObject({})),
  /** Makes the running dockerd reload daemon.json, then compares what it reports with the file. */
  'daemon.apply': request<DaemonApplyResult>()(z.strictObject({})),
  /** One backup's text and its diff against the file now. */
  'daemon.backup': request<{ backup: DaemonBackup; text: string; diff: string }>()(
    z.strictObject({ path: z.string().min(1).max(4096) }),
  ),
  /** Puts a backup back; the current file is backed up first. */
  'daemon.restore': request<DaemonSaveResult>()(
    z.strictObject({ path: z.string().min(1).max(4096), fingerprint: Fingerprint }),
  ),
};
