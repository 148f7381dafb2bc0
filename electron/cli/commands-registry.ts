import type { Command } from 'commander';
import { ping, verifyLogin } from '../core/registry/index.js';
import { detectKind, parseRegistryUrl, type SavedConnection } from '../core/settings/index.js';
import { CliContext, toConnection, type GlobalOptions } from './context.js';
import { printJson, printLine, printTable } from './output.js';

type Run = (
  action: (ctx: CliContext, options: GlobalOptions) => Promise<void>,
  options: GlobalOptions,
) => Promise<void>;

export function registerRegistryCommands(program: Command, run: Run): void {
  const registry = program.command('registry').description('saved registry connections');

  registry
    .command('add')
    .description('test a registry and save it as a connection (never saves a password)')
    .argument('<name>', 'a name for the connection')
    .argument('<url>', 'host[:port], optionally with https:// or http://')
    .option('--username <user>', 'check these credentials before saving')
    .option('--password-stdin', 'read the password or access token from standard input')
    .option('--insecure-http', 'plain HTTP (only for registries you trust on this network)')
    .option('--ca-file <file>', "trust this CA for the registry's certificate")
    .option('--cert-file <file>', 'client certificate (mutual TLS)')
    .option('--key-file <file>', 'client key (mutual TLS)')
    .option('--skip-tls-verify', 'do not verify the certificate (reported on every use)')
    .option('--json', 'machine-readable output')
    .action(
      async (
        name: string,
        url: string,
        options: GlobalOptions & Record<string, string | boolean | undefined>,
      ) =>
        run(async (ctx) => {
          const { host, insecureHttp } = parseRegistryUrl(url);
          const connection: SavedConnection = {
            name,
            host,
            insecureHttp: insecureHttp || options.insecureHttp === true,
            tls: {
              caFile: options.caFile as string | undefined,
              certFile: options.certFile as string | undefined,
              keyFile: options.keyFile as string | undefined,
              skipVerify: options.skipTlsVerify === true ? true : undefined,
            },
            username: options.username as string | undefined,
            kind: detectKind(host),
          };
          ctx.override(toConnection(connection));
          const result = options.username
            ? await verifyLogin(ctx.client, host)
            : await ping(ctx.client, host);
          ctx.settings.save(connection);
          if (options.json) {
            printJson({
              connection,
              ping: result,
              credentialsChecked: Boolean(options.username),
              passwordSaved: false,
            });
            return;
          }
          printLine(
            `Saved ${name}: ${result.url} (auth: ${result.authScheme}${result.apiVersion ? `, ${result.apiVersion}` : ''})`,
          );
          if (options.username) {
            printLine(
              `Credentials for ${options.username} work. The password was not saved: pass --username/--password-stdin per call.`,
            );
          }
        }, options),
    );

  registry
    .command('list')
    .description('list saved connections')
    .option('--json', 'machine-readable output')
    .action(async (options: GlobalOptions) =>
      run(async (ctx) => {
        const connections = ctx.settings.list();
        if (options.json) return printJson(connections);
        if (!connections.length)
          return printLine('No saved registries. Add one: berth registry add NAME URL');
        printTable(
          ['name', 'host', 'scheme', 'user', 'tls'],
          connections.map((c) => [
            c.name,
            c.host,
            c.insecureHttp ? 'http (insecure)' : 'https',
            c.username ?? '-',
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
    .description('forget a saved connection')
    .argument('<name>')
    .action(async (name: string) =>
      run(async (ctx) => {
        if (!ctx.settings.remove(name))
          throw new Error(`no saved registry named "${name}" (see: berth registry list)`);
        printLine(`Removed ${name}.`);
      }, {}),
    );

  program
    .command('login')
    .description('check credentials for a registry and remember the username')
    .argument('<host>')
    .requiredOption('--username <user>')
    .option('--password-stdin', 'read the password or access token from standard input')
    .option('--json', 'machine-readable output')
    .action(async (hostArg: string, options: GlobalOptions) =>
      run(async (ctx) => {
        const host = ctx.resolveHost(hostArg);
        const result = await verifyLogin(ctx.client, host);
        const saved = ctx.savedFor(host);
        const connection: SavedConnection = saved
          ? { ...saved, username: options.username }
          : {
              name: host,
              host,
              insecureHttp: false,
              tls: {},
              username: options.username,
              kind: detectKind(host),
            };
        ctx.settings.save(connection);
        if (options.json)
          return printJson({
            host,
            username: options.username,
            ok: true,
            authScheme: result.authScheme,
            passwordSaved: false,
          });
        printLine(`Login to ${host} as ${options.username} works.`);
        printLine(
          'The password is not stored yet (keychain support comes later): pass --username/--password-stdin per call.',
        );
      }, options),
    );

  program
    .command('logout')
    .description('forget the username saved for a registry')
    .argument('<host>')
    .action(async (hostArg: string) =>
      run(async (ctx) => {
        const host = ctx.resolveHost(hostArg);
        const saved = ctx.savedFor(host);
        if (!saved?.username) return printLine(`Not logged in to ${host}.`);
        ctx.settings.save({ ...saved, username: undefined });
        printLine(`Logged out of ${host}.`);
      }, {}),
    );
}
