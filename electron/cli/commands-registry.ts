import type { Command } from 'commander';
import { addConnection, removeConnection } from '../core/connections/index.js';
import { describeConnections } from '../core/credentials/index.js';
import { BerthError, timeoutsFromSeconds } from '../core/registry/index.js';
import { parseRegistryUrl } from '../core/settings/index.js';
import { registerCredentialCommands } from './commands-credentials.js';
import { CliContext, warn, type GlobalOptions } from './context.js';
import { printJson, printLine, printTable } from './output.js';
import { checkConnectionName, checkReadableFile, checkRegistryAddress } from './validate.js';

export type Run = (
  action: (ctx: CliContext, options: GlobalOptions) => Promise<void>,
  options: GlobalOptions,
  /** Checks what was typed before anything else happens. */
  check?: () => void,
) => Promise<void>;

export function registerRegistryCommands(program: Command, run: Run): void {
  const registry = program.command('registry').description('saved registry connections');

  registry
    .command('add')
    .description(
      'test a registry and save it as a connection; a password given is checked, then kept in the OS keychain',
    )
    .argument('<name>', 'a name for the connection')
    .argument('<url>', 'host[:port], optionally with https:// or http://')
    .option('--username <user>', 'check these credentials, then store them in the keychain')
    .option('--password-stdin', 'read the password or access token from standard input')
    .option('--token', 'the secret is a personal access token (recorded with it)')
    .option(
      '--insecure-http',
      'plain HTTP, as an http:// URL says (only for registries you trust on this network)',
    )
    .option('--ca-file <file>', "trust this CA for the registry's certificate")
    .option('--cert-file <file>', 'client certificate (mutual TLS)')
    .option('--key-file <file>', 'client key (mutual TLS)')
    .option('--skip-tls-verify', 'do not verify the certificate (reported on every use)')
    .option(
      '--timeout <seconds>',
      'network timeout for this registry (connect, answer, silence in a transfer); default 15/30/30 s',
    )
    .option('--json', 'machine-readable output')
    .action(
      async (
        name: string,
        url: string,
        options: GlobalOptions & Record<string, string | boolean | undefined>,
      ) => {
        const check = () => {
          checkConnectionName(name);
          checkRegistryAddress(url);
          checkReadableFile('--ca-file', options.caFile as string | undefined);
          checkReadableFile('--cert-file', options.certFile as string | undefined);
          checkReadableFile('--key-file', options.keyFile as string | undefined);
          if (Boolean(options.certFile) !== Boolean(options.keyFile))
            throw new BerthError('INVALID_INPUT', '--cert-file and --key-file go together', {
              hint: 'A client certificate needs its key: pass both.',
            });
          if (options.timeout !== undefined) timeoutsFromSeconds(String(options.timeout), '--timeout');
        };
        return run(
          async (ctx) => {
            name = name.trim();
            const { host, insecureHttp } = parseRegistryUrl(url);
            const timeouts =
              options.timeout === undefined
                ? undefined
                : timeoutsFromSeconds(String(options.timeout), '--timeout');
            const login = ctx.perCallCredential;
            const { saved, test, ping } = await addConnection(ctx, {
              name,
              host,
              insecureHttp: insecureHttp || options.insecureHttp === true,
              tls: {
                caFile: options.caFile as string | undefined,
                certFile: options.certFile as string | undefined,
                keyFile: options.keyFile as string | undefined,
                skipVerify: options.skipTlsVerify === true ? true : undefined,
              },
              timeouts,
              username: options.username as string | undefined,
              secret:
                options.username && login?.kind === 'basic'
                  ? {
                      username: login.username,
                      secret: login.password,
                      kind: options.token ? 'access-token' : 'password',
                    }
                  : undefined,
            });
            for (const warning of test.warnings) warn(warning);
            if (options.json) {
              printJson({
                connection: saved,
                ping,
                credentialsChecked: Boolean(options.username),
                hasCredential: Boolean(options.username),
              });
              return;
            }
            printLine(
              `Saved ${name}: ${ping.url} (${saved.kind}, auth: ${ping.authScheme}${ping.apiVersion ? `, ${ping.apiVersion}` : ''})`,
            );
            if (options.username) {
              printLine(`Credentials for ${options.username} work and are stored in the OS keychain.`);
            }
          },
          options,
          check,
        );
      },
    );

  registry
    .command('list')
    .description('list saved connections and whether each has a credential in the keychain')
    .option('--json', 'machine-readable output')
    .action(async (options: GlobalOptions) =>
      run(async (ctx) => {
        const { connections, keychainProblem } = await describeConnections(ctx.settings, ctx.credentials);
        if (keychainProblem) warn(`cannot tell which logins have a secret: ${keychainProblem.message}`);
        if (options.json) return printJson(connections);
        if (!connections.length)
          return printLine('No saved registries. Add one: berth registry add NAME URL');
        printTable(
          ['name', 'host', 'kind', 'scheme', 'user', 'credential', 'tls'],
          connections.map((c) => [
            c.name,
            c.host,
            c.kind,
            c.insecureHttp ? 'http (insecure)' : 'https',
            c.username ?? '-',
            c.credentialHelper
              ? `docker-credential-${c.credentialHelper}`
              : c.hasCredential
                ? `keychain (${c.credentialKind})`
                : c.username
                  ? 'missing: berth login'
                  : '-',
            [
              c.tls.caFile ? `ca=${c.tls.caFile}` : '',
              c.tls.certFile ? 'client-cert' : '',
              c.tls.skipVerify ? 'SKIP-VERIFY' : '',
            ]
              .filter(Boolean)
              .join(' ') || '-',
          ]),
        );
      }, options),
    );

  registry
    .command('remove')
    .description("forget a saved connection and its login's keychain entry")
    .argument('<name>', 'the connection (see berth registry list)')
    .action(async (name: string) =>
      run(
        async (ctx) => {
          const { removed, credentialRemoved, connection } = await removeConnection(ctx, name);
          if (!removed)
            throw new BerthError('NOT_FOUND', `no saved registry named "${name}"`, {
              hint: 'See the saved ones: berth registry list',
            });
          printLine(`Removed ${name}.`);
          if (credentialRemoved)
            printLine(
              `Removed ${connection?.username}'s credential for ${connection?.host} from the keychain.`,
            );
        },
        {},
        () => checkConnectionName(name),
      ),
    );

  registerCredentialCommands(program, registry, run);
}
