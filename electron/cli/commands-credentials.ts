import type { Command } from 'commander';
import { BerthError } from '../core/errors.js';
import {
  credentialHost,
  DockerLogins,
  hostForAuthKey,
  importDockerLogins,
  login,
  type DockerLogin,
  type SecretKind,
} from '../core/credentials/index.js';
import { basicForms } from '../core/registry/index.js';
import { probeConnection } from '../core/connections/index.js';
import { HELPER_NAME, kindFromHost, parseRegistryUrl, type SavedConnection } from '../core/settings/index.js';
import type { Run } from './commands-registry.js';
import { readStdin, toConnection, warn, type CliContext, type GlobalOptions } from './context.js';
import { cliSecrets, printJson, printLine, printTable, reportFailure } from './output.js';
import { confirm, isInteractive, promptHidden, promptLine } from './prompt.js';
import { checkRegistryArgument, checkUsername } from './validate.js';

interface LoginOptions extends GlobalOptions {
  token?: boolean;
  docker?: boolean;
  credentialHelper?: string;
}

/** A saved connection's name, or a registry address (`http://` marks a plain-HTTP one). */
function target(
  ctx: CliContext,
  nameOrUrl: string,
): { host: string; insecureHttp: boolean; saved?: SavedConnection } {
  const byName = ctx.settings.get(nameOrUrl);
  if (byName) return { host: byName.host, insecureHttp: byName.insecureHttp, saved: byName };
  const { host, insecureHttp } = parseRegistryUrl(nameOrUrl);
  const saved = ctx.savedFor(host);
  return { host: saved?.host ?? host, insecureHttp: saved?.insecureHttp ?? insecureHttp, saved };
}

async function readSecret(options: LoginOptions, username: string): Promise<string> {
  if (options.passwordStdin) return readStdin();
  if (!isInteractive()) {
    throw new BerthError('INVALID_INPUT', `no password for ${username}: there is no terminal to ask on`, {
      hint: `Pass it on standard input: echo "$PASSWORD" | berth login --username ${username} --password-stdin …, or run berth login in a terminal.`,
    });
  }
  return promptHidden(`Password${options.token ? ' or access token' : ''} for ${username}: `);
}

export function registerCredentialCommands(program: Command, registry: Command, run: Run): void {
  program
    .command('login')
    .description('check credentials like docker login, then store them in the OS keychain')
    .argument('<registry>', 'a saved connection name, or host[:port] (http://host for a plain-HTTP registry)')
    .option('--username <user>', 'default: the username saved for the registry, or asked for')
    .option('--password-stdin', 'read the password or access token from standard input')
    .option('--token', 'the secret is a personal access token (recorded with it)')
    .option('--docker', "also store the login for the Docker CLI through Docker's credential helper")
    .option(
      '--credential-helper <name>',
      'store nothing: ask docker-credential-<name> for the login each time (ecr-login, gcloud, acr-env …)',
    )
    .option('--json', 'machine-readable output')
    .action(async (nameOrUrl: string, options: LoginOptions) =>
      run(
        async (ctx) => {
          const { host, insecureHttp, saved } = target(ctx, nameOrUrl);
          // A bare host:port nobody saved: Docker's rule picks the scheme (loopback may answer plain HTTP).
          const schemeGiven = /^[a-z][a-z0-9+.-]*:\/\//i.test(nameOrUrl.trim());
          const problem = ctx.settings.problem;
          if (problem) throw problem;
          if (options.credentialHelper)
            return loginThroughHelper(ctx, options.credentialHelper, {
              host,
              insecureHttp,
              saved,
              dockerSchemeRule: !schemeGiven,
              json: options.json,
            });
          let username = options.username ?? saved?.username;
          if (!username && isInteractive() && !options.passwordStdin)
            username = await promptLine('Username: ');
          if (!username)
            throw new BerthError('INVALID_INPUT', `no username for ${host}`, {
              hint: 'Pass --username USER (or run berth login in a terminal to be asked).',
            });
          const secret = await readSecret(options, username);
          if (!secret)
            throw new BerthError(
              'INVALID_INPUT',
              `no password given for ${username} (standard input was empty)`,
              {
                hint: 'Send the password on standard input with --password-stdin, or type it at the prompt.',
              },
            );
          cliSecrets.add(...basicForms(username, secret));
          const kind: SecretKind = options.token ? 'access-token' : 'password';
          const result = await login(
            ctx.credentials,
            {
              connection: saved
                ? toConnection(saved)
                : { host, insecureHttp, dockerSchemeRule: !schemeGiven },
              username,
              secret,
              kind,
            },
            { client: { onWarning: (_registry, message) => warn(message) } },
          );
          const answeredHttp = result.ping.url.startsWith('http:');
          ctx.settings.save(
            saved
              ? { ...saved, username, credentialHelper: undefined }
              : {
                  name: host,
                  host,
                  insecureHttp: insecureHttp || answeredHttp,
                  kind: kindFromHost(host) ?? 'generic',
                  username,
                },
          );
          // One login per registry, as with docker login: the previous user's entry goes.
          if (saved?.username && saved.username !== username)
            await ctx.credentials.remove(host, saved.username);
          const dockerHelper = options.docker
            ? await new DockerLogins().writeForDocker(host, username, secret, kind)
            : undefined;
          if (options.json) {
            return printJson({
              host: result.host,
              username,
              kind,
              authScheme: result.ping.authScheme,
              storedIn: 'keychain',
              plainHttp: insecureHttp || answeredHttp,
              keychainService: ctx.credentials.service,
              dockerHelper,
            });
          }
          printLine(`Login Succeeded: ${username} at ${result.host}.`);
          // The client has warned on stderr that the registry answered plain HTTP; say where it was saved.
          if (answeredHttp && !insecureHttp && !saved)
            printLine(
              `Saved ${result.host} as a plain-HTTP connection, as Docker treats a loopback registry.`,
            );
          printLine(
            `The ${kind === 'access-token' ? 'access token' : 'password'} is stored in the OS keychain (service "${ctx.credentials.service}", entry "${result.host}/${username}"), not in Berth's settings.`,
          );
          if (dockerHelper) printLine(`Also stored for the Docker CLI through ${dockerHelper}.`);
        },
        { json: options.json },
        () => {
          checkRegistryArgument(nameOrUrl);
          checkUsername(options.username);
          if (options.credentialHelper !== undefined) checkHelperName(options.credentialHelper);
          if (
            options.credentialHelper !== undefined &&
            (options.passwordStdin || options.username || options.token)
          )
            throw new BerthError(
              'INVALID_INPUT',
              '--credential-helper asks the helper for the login: it takes no --username, --password-stdin or --token',
            );
        },
      ),
    );

  program
    .command('logout')
    .description("remove a registry's credential from the OS keychain")
    .argument('<registry>', 'a saved connection name or host[:port]')
    .option('--username <user>', 'default: the username saved for the registry')
    .action(async (nameOrUrl: string, options: { username?: string }) =>
      run(
        async (ctx) => {
          const { host, saved } = target(ctx, nameOrUrl);
          const username = options.username ?? saved?.username;
          if (!username) return printLine(`Not logged in to ${host}.`);
          // The connection keeps the username, so `berth login NAME` needs only the password again.
          const removed = await ctx.credentials.remove(host, username);
          printLine(
            removed
              ? `Logged out of ${host}: removed ${username}'s credential from the keychain.`
              : `Logged out of ${host} (no credential for ${username} was in the keychain).`,
          );
        },
        {},
        () => {
          checkRegistryArgument(nameOrUrl);
          checkUsername(options.username);
        },
      ),
    );

  registry
    .command('import-docker')
    .description(
      "offer Docker's and Podman's logins (config.json, auth.json, credsStore, credHelpers) and copy accepted ones into the keychain",
    )
    .option('--yes', 'import without asking: every login found, or those chosen with --host')
    .option('--host <host...>', 'only these registries')
    .option(
      '--ask-helper',
      'for logins a credential helper holds (credHelpers, credsStore): copy nothing, ask the helper each time',
    )
    .option('--json', 'machine-readable output')
    .action(async (options: { yes?: boolean; host?: string[]; askHelper?: boolean; json?: boolean }) =>
      run(
        async (ctx) => {
          const docker = new DockerLogins();
          const scan = await docker.scan();
          let offered = scan.logins;
          if (options.host?.length) {
            const wanted = options.host.map((h) => credentialHost(hostForAuthKey(h)));
            const unknown = wanted.filter((h) => !offered.some((l) => l.host === h));
            if (unknown.length) {
              throw new BerthError(
                'NOT_FOUND',
                `Docker has no login for ${unknown.join(', ')} (found: ${offered.map((l) => l.host).join(', ') || 'none'})`,
                { hint: 'berth registry import-docker without --host lists the logins Docker has.' },
              );
            }
            offered = offered.filter((l) => wanted.includes(l.host));
          }
          const accepted: DockerLogin[] = [];
          const ask = !options.yes && !options.json && isInteractive();
          for (const login of offered) {
            if (
              options.yes ||
              (ask &&
                (await confirm(`Import ${login.username} at ${login.host} (${describeSource(login)})?`)))
            )
              accepted.push(login);
          }
          const alreadySaved = new Set(
            accepted.filter((l) => ctx.settings.findByHost(l.host)).map((l) => l.host),
          );
          const results = (
            await importDockerLogins(
              ctx,
              accepted.map((l) => l.host),
              { copySecrets: true, askHelpers: options.askHelper === true, docker },
            )
          ).map((r) => ({
            host: r.host,
            imported: r.outcome === 'imported',
            ...(r.outcome === 'imported' ? { createdConnection: !alreadySaved.has(r.host) } : {}),
            ...(r.askHelper ? { askHelper: `docker-credential-${r.askHelper}` } : {}),
            ...(r.outcome === 'skipped' ? { skipped: true, connection: r.connection } : {}),
            ...(r.error ? { error: r.error } : {}),
          }));
          // What went wrong ends the output as an error does (`berth:` and `hint:`, exit 1), after the table.
          const failures = [...results.flatMap((r) => (r.error ? [r.error] : [])), ...scan.problems];
          const printImport = (): void => {
            if (options.json) {
              return printJson({
                configPath: scan.configPath,
                podmanFiles: scan.podmanFiles,
                logins: offered,
                imported: results,
                problems: scan.problems,
              });
            }
            if (!offered.length) return printLine(`No Docker logins found (${scan.configPath}).`);
            printTable(
              ['host', 'user', 'kind', 'source', 'status'],
              offered.map((l) => {
                const result = results.find((r) => r.host === l.host);
                const status = !result
                  ? 'not imported'
                  : result.imported
                    ? result.askHelper
                      ? `imported: asks ${result.askHelper} each time`
                      : 'imported'
                    : result.error
                      ? `failed: ${result.error.message}`
                      : `skipped: ${result.connection} already has a login`;
                return [l.host, l.username, l.kind, describeSource(l), status];
              }),
            );
            if (!accepted.length) {
              printLine(
                'Nothing imported. To copy these secrets into the keychain: berth registry import-docker --yes [--host HOST ...]',
              );
            }
          };
          try {
            printImport();
          } finally {
            if (failures.length)
              reportFailure(
                failures.length === 1
                  ? failures[0]!.message
                  : `${failures.length} problems with Docker's logins (the first: ${failures[0]!.message})`,
                failures[0]!.commandHint ??
                  failures[0]!.hint ??
                  "Check Docker's config.json and its credential helpers, then run it again.",
              );
          }
        },
        { json: options.json },
      ),
    );
}

function checkHelperName(name: string): void {
  if (!HELPER_NAME.test(name))
    throw new BerthError('INVALID_INPUT', `"${name}" is not a credential helper name`, {
      hint: "Name it as Docker's config.json does: ecr-login for docker-credential-ecr-login (no path, no spaces).",
    });
}

/**
 * `berth login REGISTRY --credential-helper NAME`: asks the helper, checks its login with the registry as
 * docker login does, and saves the connection as served by the helper. Nothing goes to the keychain; a
 * keychain login the connection had is removed (one login per registry).
 */
async function loginThroughHelper(
  ctx: CliContext,
  helper: string,
  target: {
    host: string;
    insecureHttp: boolean;
    saved?: SavedConnection;
    dockerSchemeRule: boolean;
    json?: boolean;
  },
): Promise<void> {
  const { host, saved } = target;
  const credential = await ctx.helperLogins.credential(host, helper);
  ctx.secrets.addCredential(credential);
  const connection = saved
    ? toConnection(saved)
    : { host, insecureHttp: target.insecureHttp, dockerSchemeRule: target.dockerSchemeRule };
  const { test, ping } = await probeConnection(connection, credential, ctx.secrets);
  for (const warning of test.warnings) warn(warning);
  const answeredHttp = ping.url.startsWith('http:');
  ctx.settings.save(
    saved
      ? { ...saved, username: undefined, credentialHelper: helper }
      : {
          name: host,
          host,
          insecureHttp: target.insecureHttp || answeredHttp,
          kind: kindFromHost(host) ?? test.kind,
          credentialHelper: helper,
        },
  );
  if (saved?.username) await ctx.credentials.remove(saved.host, saved.username).catch(() => false);
  const program = `docker-credential-${helper}`;
  if (target.json)
    return printJson({ host, credentialHelper: program, authScheme: ping.authScheme, storedIn: 'nothing' });
  printLine(`Login Succeeded: ${host} through ${program}.`);
  printLine(`Berth asks ${program} for the login each time it starts using ${host}, and stores nothing.`);
}

function describeSource(login: DockerLogin): string {
  const podman = login.tool === 'podman' ? `Podman ${login.file}` : undefined;
  if (!login.helper) return podman ?? 'config.json';
  const helper = `${login.source}: docker-credential-${login.helper}`;
  return podman ? `${helper} (${podman})` : helper;
}
