import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { locateDaemonConfig } from '../daemon-config/index.js';
import { certsDDirName, defaultCertsDRoot, hostnameOf } from '../registry/index.js';
import type { BerthServices } from '../services.js';
import { trustCertificate, type SavedConnection, type TrustedCertificate } from '../settings/index.js';
import { addInsecureRegistry, installCaInCertsD, shellQuote } from './docker-trust.js';
import { messageOf, say } from './phrases.js';
import type { Fix, FixOutcome } from './types.js';
import type { Said } from '../../../shared/contract/phrase.js';

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
  /** The scheme the user wrote in the address diagnosed (`https://host`), which wins over the connection's. */
  schemeGiven?: 'http' | 'https';
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
        appMessage: `Log in to ${context.host} with the password or an access token: Log in… opens the connection.`,
      };
    case undefined:
    default:
      return { done: false, message: `Berth cannot apply this one: ${fix.text}` };
  }
}

/** A name for a new connection to `host` that is not taken: its host name, else with the port. */
function freeConnectionName(context: FixContext): string {
  const name = hostnameOf(context.host);
  if (!context.services.settings.get(name)) return name;
  return context.host.replace(/[[\]]/g, '').replace(/:(\d+)$/, '-$1');
}

/**
 * The saved connection the fix changes, or why there is none with a `registry add` command that works
 * as printed (`options` are its options after the URL, already shell-quoted).
 */
function savedConnection(
  context: FixContext,
  add: { scheme: 'http' | 'https'; options?: string } = { scheme: 'https' },
): SavedConnection | { missing: string; said: Said } {
  const { settings } = context.services;
  const saved = context.connection ? settings.get(context.connection) : settings.findByHost(context.host);
  if (saved) return saved;
  if (context.connection) {
    const missing = `no saved connection named "${context.connection}"`;
    return { missing, said: say('noConnectionNamed', { name: context.connection }) };
  }
  const command = [
    'berth registry add',
    shellQuote(freeConnectionName(context)),
    `${add.scheme}://${context.host}`,
    ...(add.options ? [add.options] : []),
  ].join(' ');
  return {
    missing: `${context.host} is not a saved connection, so Berth has nothing to change: save it first with ${command}`,
    said: say('notSaved', { host: context.host }),
  };
}

async function switchScheme(context: FixContext, scheme: 'http' | 'https'): Promise<FixOutcome> {
  const saved = savedConnection(context, {
    scheme,
    options: scheme === 'http' ? '--insecure-http' : undefined,
  });
  if ('missing' in saved)
    return { done: false, message: saved.missing, appMessage: saved.said.text, said: [saved.said.phrase] };
  // Switching to what the connection already uses would claim a fix and change nothing: the check
  // reached the registry the other way because the address it was given says so.
  if (saved.insecureHttp === (scheme === 'http')) {
    const uses = scheme === 'http' ? 'plain HTTP' : 'HTTPS';
    const wrote = context.schemeGiven ? `${context.schemeGiven}://${context.host}` : undefined;
    const usesSaid = say(scheme === 'http' ? 'plainHttp' : 'https');
    const app = messageOf(
      say('alreadyUses', { name: saved.name, uses: usesSaid }),
      wrote
        ? say('addressSays', {
            address: wrote,
            says: say(context.schemeGiven === 'https' ? 'https' : 'plainHttp'),
            uses: usesSaid,
            name: saved.name,
          })
        : say('connectionAgrees', { uses: usesSaid }),
    );
    return {
      done: false,
      appMessage: app.message,
      said: app.said,
      message: `nothing changed: "${saved.name}" already uses ${uses}. ${
        wrote
          ? `The address given, ${wrote}, says ${context.schemeGiven === 'https' ? 'HTTPS' : 'plain HTTP'} and the registry speaks ${uses}: check it as berth doctor ${shellQuote(saved.name)} (or ${scheme}://${context.host}).`
          : `The registry speaks ${uses} and the connection agrees: check it as berth doctor ${shellQuote(saved.name)}.`
      }`,
    };
  }
  context.services.settings.save({ ...saved, insecureHttp: scheme === 'http' });
  context.services.client.forget(saved.host);
  return {
    done: true,
    ...messageOf(say(scheme === 'http' ? 'nowPlainHttp' : 'nowHttps', { name: saved.name })),
  };
}

async function trustCa(fix: Fix, context: FixContext): Promise<FixOutcome> {
  if (!fix.value) return { done: false, ...messageOf(say('noCertificateInFix')) };
  const unsaved = !context.connection && !context.services.settings.findByHost(context.host);
  if (unsaved) return keepCaForNewConnection(fix.value, context);
  const saved = savedConnection(context);
  if ('missing' in saved)
    return { done: false, message: saved.missing, appMessage: saved.said.text, said: [saved.said.phrase] };
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
    ...messageOf(
      say('nowTrusts', {
        name: saved.name,
        subject: trusted.subject,
        sha256: trusted.sha256,
        file: trusted.caFile,
      }),
    ),
  };
}

/**
 * A host nobody saved has no connection to trust the certificate for: it is kept in Berth's store of
 * trusted CAs (its data folder, not the system's) and the `registry add` that uses it is printed.
 */
async function keepCaForNewConnection(pem: string, context: FixContext): Promise<FixOutcome> {
  let trusted: TrustedCertificate;
  try {
    trusted = await trustCertificate(context.services.settings.dataDir, { host: context.host }, pem);
  } catch (error) {
    return { done: false, message: (error as Error).message };
  }
  const saved = savedConnection(context, {
    scheme: 'https',
    options: `--ca-file ${shellQuote(trusted.caFile)}`,
  });
  const missing = 'missing' in saved ? saved.missing : '';
  const kept = `"${trusted.subject}" (SHA-256 ${trusted.sha256}), kept in ${trusted.caFile}`;
  const app = messageOf(
    say('keptForNew', {
      host: context.host,
      file: trusted.caFile,
      subject: trusted.subject,
      sha256: trusted.sha256,
    }),
  );
  return {
    done: false,
    message: `${missing} — it trusts ${kept}; check the fingerprint with the registry's owner first.`,
    appMessage: app.message,
    said: app.said,
  };
}

/**
 * The CA comes from the connection (its CA file, e.g. after trust-ca or for a registry Berth made):
 * Docker is only told to trust what Berth already trusts.
 */
async function installCertsD(fix: Fix, context: FixContext): Promise<FixOutcome> {
  const saved = savedConnection(context);
  if ('missing' in saved)
    return { done: false, message: saved.missing, appMessage: saved.said.text, said: [saved.said.phrase] };
  if (!saved.tls.caFile) return { done: false, ...messageOf(say('noCaOfItsOwn', { name: saved.name })) };
  let caPem: string;
  try {
    caPem = await readFile(saved.tls.caFile, 'utf8');
  } catch (error) {
    return {
      done: false,
      ...messageOf(say('cannotReadCa', { file: saved.tls.caFile, message: (error as Error).message })),
    };
  }
  const dir = context.certsDRoot
    ? path.join(context.certsDRoot, certsDDirName(context.host))
    : (fix.value ?? path.join(defaultCertsDRoot(), certsDDirName(context.host)));
  return installCaInCertsD({ dir, caPem });
}
