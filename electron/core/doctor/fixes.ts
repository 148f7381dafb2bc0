import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { locateDaemonConfig } from '../daemon-config/index.js';
import { certsDDirName, defaultCertsDRoot } from '../registry/index.js';
import type { BerthServices } from '../services.js';
import { trustCertificate, type SavedConnection, type TrustedCertificate } from '../settings/index.js';
import { addInsecureRegistry, installCaInCertsD } from './docker-trust.js';
import type { Fix, FixOutcome } from './types.js';

export interface FixContext {
  services: BerthServices;
  /** host[:port] the diagnosis was about. */
  host: string;
  /** The saved connection's name; default the one saved for `host`. */
  connection?: string;
  /** daemon.json to edit; default the detected one. */
  daemonConfigFile?: string;
  /** Docker's certs.d root; default the platform's. */
  certsDRoot?: string;
}

/**
 * Applies what the doctor offered for a failing step. Every action changes one thing and says what it
 * did; a change Berth may not make itself comes back as an elevation plan for the front door to run
 * after asking. Logging in needs a password, so the front doors do that themselves.
 */
export async function applyFix(fix: Fix, context: FixContext): Promise<FixOutcome> {
  switch (fix.action) {
    case 'trust-ca':
      return trustCa(fix, context);
    case 'use-http':
      return switchScheme(context, 'http');
    case 'use-https':
      return switchScheme(context, 'https');
    case 'add-insecure':
      return addInsecureRegistry({
        file: context.daemonConfigFile ?? locateDaemonConfig().file,
        entry: fix.value ?? context.host,
      });
    case 'install-certs-d':
      return installCertsD(fix, context);
    case 'login':
      return {
        done: false,
        message: `Log in to ${context.host} with the password or an access token: berth login ${context.connection ?? context.host}`,
      };
    case undefined:
    default:
      return { done: false, message: `Berth cannot apply this one: ${fix.text}` };
  }
}

function savedConnection(context: FixContext): SavedConnection | { missing: string } {
  const { settings } = context.services;
  const saved = context.connection ? settings.get(context.connection) : settings.findByHost(context.host);
  if (saved) return saved;
  return {
    missing: context.connection
      ? `no saved connection named "${context.connection}"`
      : `${context.host} is not a saved connection: add it first (berth registry add ${context.host})`,
  };
}

async function switchScheme(context: FixContext, scheme: 'http' | 'https'): Promise<FixOutcome> {
  const saved = savedConnection(context);
  if ('missing' in saved) return { done: false, message: saved.missing };
  context.services.settings.save({ ...saved, insecureHttp: scheme === 'http' });
  context.services.client.forget(saved.host);
  return {
    done: true,
    message:
      scheme === 'http'
        ? `"${saved.name}" now uses plain HTTP: nothing it sends is encrypted, its password included.`
        : `"${saved.name}" now uses HTTPS.`,
  };
}

async function trustCa(fix: Fix, context: FixContext): Promise<FixOutcome> {
  const saved = savedConnection(context);
  if ('missing' in saved) return { done: false, message: saved.missing };
  if (!fix.value) return { done: false, message: 'the fix carries no certificate: run the diagnosis again' };
  let trusted: TrustedCertificate;
  try {
    trusted = await trustCertificate(
      context.services.settings.dataDir,
      saved.tls.caFile ? { host: saved.host, caFile: saved.tls.caFile } : { host: saved.host },
      fix.value,
    );
  } catch (error) {
    return { done: false, message: (error as Error).message };
  }
  context.services.settings.save({ ...saved, tls: { ...saved.tls, caFile: trusted.caFile } });
  context.services.client.forget(saved.host);
  return {
    done: true,
    message: `"${saved.name}" now trusts "${trusted.subject}" (SHA-256 ${trusted.sha256}), kept in ${trusted.caFile}.`,
  };
}

/**
 * The CA comes from the connection (its CA file, e.g. after trust-ca or for a registry Berth made):
 * Docker is only told to trust what Berth already trusts.
 */
async function installCertsD(fix: Fix, context: FixContext): Promise<FixOutcome> {
  const saved = savedConnection(context);
  if ('missing' in saved) return { done: false, message: saved.missing };
  if (!saved.tls.caFile)
    return {
      done: false,
      message: `"${saved.name}" has no CA of its own to give Docker: trust the registry's CA for the connection first.`,
    };
  let caPem: string;
  try {
    caPem = await readFile(saved.tls.caFile, 'utf8');
  } catch (error) {
    return {
      done: false,
      message: `cannot read the CA file ${saved.tls.caFile}: ${(error as Error).message}`,
    };
  }
  const dir = context.certsDRoot
    ? path.join(context.certsDRoot, certsDDirName(context.host))
    : (fix.value ?? path.join(defaultCertsDRoot(), certsDDirName(context.host)));
  return installCaInCertsD({ dir, caPem });
}
