// Diagnose why a registry cannot be reached (electron/core/doctor), and apply the fixes Berth can.
import { z } from 'zod';
import { ConnectionName } from './common.js';
import { request } from './define.js';
import type { ErrorInfo } from '../errors.js';
import type { Phrase } from './phrase.js';

export type { Phrase, PhraseParams } from './phrase.js';

export const STEP_IDS = ['resolve', 'tcp', 'tls', 'registry', 'credential', 'docker', 'rate-limit'] as const;
export type StepId = (typeof STEP_IDS)[number];
export type StepStatus = 'ok' | 'warn' | 'fail' | 'skipped';
export const FIX_ACTIONS = [
  'trust-ca',
  'add-insecure',
  'install-certs-d',
  'login',
  'use-http',
  'use-https',
] as const;
export type FixAction = (typeof FIX_ACTIONS)[number];

/** What to do about a step; `action` is what Berth can do as one click (with `value`). */
export interface Fix {
  text: string;
  /**
   * The same in the app's words where they differ (no `berth` command): the app's handler sends it as
   * `text`, so the app never sees this field.
   */
  appText?: string;
  action?: FixAction;
  /** `text` (the app's words) as a phrase to translate; absent where the text is an error's hint. */
  said?: Phrase;
  /** The argument of the action: the insecure-registries entry, the certs.d folder, the CA's PEM. */
  value?: string;
}

export interface Step {
  id: StepId;
  title: string;
  status: StepStatus;
  ms: number;
  detail: string;
  /** `detail` as phrases, one per fact (the English joins them with "; "). */
  said?: Phrase[];
  /** The failure the detail is the message of (and the fix its hint), when the step failed with an error. */
  error?: ErrorInfo;
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

export interface FixResult {
  done: boolean;
  message: string;
  /** `message` as phrases, one per sentence (the English joins them with a space). */
  said?: Phrase[];
  /** When the fix needs rights Berth does not have: the command to run, and why. */
  elevation?: { command: string; explanation: string; said?: Phrase };
  /** The diagnosis run again right after the fix: whether the step it was for now passes. */
  recheck?: Recheck;
}

/** The fixed step in the diagnosis run after a fix, and the first step that still fails. */
export interface Recheck {
  step: StepId;
  title: string;
  status: StepStatus;
  /** ok or warn: the step no longer fails (a warning without a fix of its own). */
  passes: boolean;
  detail: string;
  said?: Phrase[];
  /** The first broken step of the new run, when there is one. */
  broken?: { step: StepId; title: string; detail: string; said?: Phrase[] };
  /** The whole new run passed. */
  ok: boolean;
}

/** `host[:port]`, or a URL (`http://host:5000` diagnoses plain HTTP). */
const Target = z
  .string()
  .trim()
  .min(1, 'name the registry: host[:port]')
  .max(300)
  .regex(/^(https?:\/\/)?[^\s/]+\/?$/i, 'a registry is host[:port] or http(s)://host[:port]');

const About = z.strictObject({
  host: Target,
  /** The saved connection to diagnose with (its scheme, CA and credential). */
  connection: ConnectionName.optional(),
});

export const doctorRequests = {
  'doctor.run': request<Diagnosis>()(About),
  'doctor.applyFix': request<FixResult>()(
    About.extend({
      fix: z.strictObject({
        text: z.string().max(2000),
        action: z.enum(FIX_ACTIONS),
        value: z.string().max(64_000).optional(),
      }),
    }),
  ),
};
