import { accessSync, constants, statSync } from 'node:fs';
import {
  isLocalImageName,
  parseReference,
  parseRepositoryName,
  type ImageReference,
} from '../../shared/reference.js';
import { BerthError } from '../core/registry/index.js';
import { parseRegistryUrl } from '../core/settings/index.js';

/** A `--platform` value: os/arch or os/arch/variant, as `pull` takes it (`linux` alone is no platform). */
export { checkPlatform } from '../core/docker/index.js';

/**
 * Checks of what the user typed, made before anything is read from stdin, the keychain or a registry:
 * each names the argument or option, says what is wrong and what to type instead.
 */
function invalid(message: string, hint: string): BerthError {
  return new BerthError('INVALID_INPUT', message, { hint });
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A saved connection's name (`registry add NAME`, `registry remove NAME`, `login NAME`). */
export function checkConnectionName(name: string, what = 'the connection name'): string {
  const trimmed = name.trim();
  if (!trimmed) throw invalid(`${what} is empty`, 'Give the connection a name, for example: local or ghcr');
  if (trimmed.length > 100)
    throw invalid(`${what} is ${trimmed.length} characters long`, 'Use a name of at most 100 characters.');
  if (CONTROL.test(trimmed))
    throw invalid(`${what} holds a control character`, 'Use letters, digits and punctuation only.');
  return trimmed;
}

/** A registry address as `registry add` and `login` take it: host[:port], optionally with http(s)://. */
export function checkRegistryAddress(address: string): { host: string; insecureHttp: boolean } {
  if (!address.trim())
    throw invalid(
      'the registry address is empty',
      'Give host[:port], for example 127.0.0.1:5000 or ghcr.io.',
    );
  const parsed = parseRegistryUrl(address);
  if (!parsed.host)
    throw invalid(`"${address}" names no host`, 'Give host[:port], for example 127.0.0.1:5000 or ghcr.io.');
  return parsed;
}

/**
 * A saved connection's name or a registry host (`repos`, `doctor`, `login`, `logout`). A name may hold
 * spaces ("my lab"), as `registry add` and the app allow.
 */
export function checkRegistryArgument(value: string, what = 'the registry'): string {
  if (!value.trim())
    throw invalid(
      `${what} is empty`,
      'Give a saved connection name or host[:port], for example 127.0.0.1:5000.',
    );
  if (CONTROL.test(value))
    throw invalid(`${what} holds a control character`, 'Give a saved connection name or host[:port].');
  return value.trim();
}

/** `--username`: Basic authentication cannot carry a `:` in the user name (RFC 7617). */
export function checkUsername(username: string | undefined): string | undefined {
  if (username === undefined) return undefined;
  if (!username.trim())
    throw invalid('--username is empty', 'Give the user name, for example --username alice.');
  if (username.includes(':'))
    throw invalid(
      `--username "${username}" holds a ":"`,
      'A registry login cannot have ":" in the user name (HTTP Basic authentication, RFC 7617).',
    );
  if (CONTROL.test(username) || username.length > 256)
    throw invalid('--username holds control characters or is too long', 'Give the user name as plain text.');
  return username;
}

/** A file an option names (`--ca-file`), checked to be there and readable before it is needed. */
export function checkReadableFile(option: string, file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  if (!file.trim()) throw invalid(`${option} is empty`, `Give the path of the file after ${option}.`);
  try {
    if (!statSync(file).isFile())
      throw invalid(`${option} ${file} is not a file`, `Give the path of a PEM file after ${option}.`);
    accessSync(file, constants.R_OK);
  } catch (error) {
    if (error instanceof BerthError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw invalid(
      code === 'ENOENT' ? `${option} ${file}: no such file` : `${option} ${file} cannot be read (${code})`,
      `Check the path after ${option}.`,
    );
  }
  return file;
}

/** An image reference argument (`cp SOURCE DESTINATION`, `pull REF`): parsed before any work starts. */
export function checkReference(value: string, what: string): ImageReference {
  if (!value.trim())
    throw invalid(`${what} is empty`, 'Give an image reference, for example 127.0.0.1:5000/team/app:1.');
  return parseReference(value);
}

/** A local image (`push`): a name the engine knows it by, or its ID. */
export function checkLocalImage(value: string, what: string): string {
  if (!value.trim()) throw invalid(`${what} is empty`, 'Give REPO:TAG, REPO, or an image ID.');
  if (!isLocalImageName(value))
    throw invalid(
      `${what} ${JSON.stringify(value)} is neither an image name nor an image ID`,
      'Give REPO:TAG, REPO, or an image ID; `berth images` lists them.',
    );
  return value;
}

/** A `HOST/REPO` argument (`sync`, `tags`). */
export function checkRepository(value: string, what: string): ReturnType<typeof parseRepositoryName> {
  if (!value.trim())
    throw invalid(`${what} is empty`, 'Give HOST/REPO, for example 127.0.0.1:5000/team/app.');
  return parseRepositoryName(value);
}

/** A whole number option (`--lines 200`, `--timeout 5000`) within bounds. */
export function checkWholeNumber(
  option: string,
  value: string,
  min: number,
  max: number,
  hint = `For example: ${option} ${min}`,
): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(number) || number < min || number > max)
    throw invalid(`${option} takes a whole number from ${min} to ${max}, not "${value}"`, hint);
  return number;
}
