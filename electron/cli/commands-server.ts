import type { Command } from 'commander';
import { BerthError, basicForms, verifyLogin, ping } from '../core/registry/index.js';
import {
  changeServerPassword,
  createServer,
  registryServers as servers,
  removeServer,
  type CreateServerInput,
  type RegistryServers,
  type DockerTrustOptions,
  type DockerTrustResult,
  type MirrorStatus,
  type ServerView,
} from '../core/registry-server/index.js';
import { applyDaemonFile } from '../core/daemon-config/index.js';
import { edit, fileFor, socketPath, type DaemonOptions } from './commands-daemon.js';
import { readStdin, type GlobalOptions } from './context.js';
import {
  cliSecrets,
  formatBytes,
  printJson,
  printLine,
  printTable,
  printText,
  reportFailure,
} from './output.js';
import { confirm, confirmUnlessYes, isInteractive, promptHidden } from './prompt.js';
import type { Run } from './commands-registry.js';
import { checkWholeNumber } from './validate.js';

interface CreateOptions {
  port?: string;
  bind?: string;
  allInterfaces?: boolean;
  tls?: string;
  tlsName?: string[];
  cert?: string;
  key?: string;
  user?: string;
  passwordStdin?: boolean;
  data?: string;
  runtime?: string;
  image?: string;
  network?: string;
  start?: boolean;
  json?: boolean;
  trustDocker?: boolean;
  dockerHost?: string;
  certsD?: string;
  daemonConfig?: string;
  proxy?: string;
  proxyUsername?: string;
  proxyPasswordStdin?: boolean;
  proxyTtl?: string;
}

interface TrustOptions {
  dockerHost?: string;
  certsD?: string;
  daemonConfig?: string;
  yes?: boolean;
}

/** `--password-stdin`, else a hidden prompt on a terminal. */
async function readPassword(user: string, fromStdin: boolean | undefined): Promise<string> {
  const password = fromStdin
    ? await readStdin()
    : isInteractive()
      ? await promptHidden(`Password for ${user}: `)
      : '';
  if (!password)
    throw new BerthError('INVALID_INPUT', `no password for ${user}`, {
      hint: 'Pass it with --password-stdin',
    });
  cliSecrets.add(...basicForms(user, password));
  return password;
}

function tlsInput(options: CreateOptions): CreateServerInput['tls'] {
  if (options.cert || options.key) {
    if (!options.cert || !options.key)
      throw new BerthError('INVALID_INPUT', '--cert and --key go together', { hint: 'Pass both files' });
    return { mode: 'existing', certFile: options.cert, keyFile: options.key };
  }
  const mode = options.tls ?? 'self-signed';
  if (mode === 'none') return { mode: 'none' };
  if (mode === 'self-signed') return { mode: 'self-signed', names: options.tlsName };
  throw new BerthError('INVALID_INPUT', `--tls ${mode} is not a choice`, {
    hint: 'Use --tls self-signed or --tls none',
  });
}

function printServer(view: ServerView): void {
  printLine(`${view.name}: ${view.state}${view.pid ? ` (pid ${view.pid})` : ''} at ${view.url}`);
  if (view.problem) printLine(`  ${view.problem}`);
  printLine(`  listens on ${view.bind}:${view.port}, storage ${view.storageDir}`);
  printLine(
    `  auth ${view.auth}${view.users.length ? ` (users: ${view.users.join(', ')})` : ''}, TLS ${view.tls}`,
  );
  if (view.image) printLine(`  container berth-registry-${view.name} of ${view.image}`);
  if (view.caFile) printLine(`  CA ${view.caFile}`);
  if (view.proxy)
    printLine(
      `  pull-through cache of ${view.proxy.remoteUrl}${view.proxy.username ? ` (upstream login ${view.proxy.username})` : ''}, kept ${view.proxy.ttl}; read-only for clients`,
    );
}

function printMirrorStatus(status: MirrorStatus): void {
  const { stats } = status;
  if (stats) {
    const { manifests } = stats;
    printLine(
      `  since it started: ${manifests.requests} manifest requests, ${manifests.hits} served from the cache (hits), ${manifests.misses} fetched from the upstream (misses); ${stats.blobRequests} blob requests, ${formatBytes(stats.bytesServed)} served`,
    );
  } else if (status.statsProblem) printLine(`  hits and misses: ${status.statsProblem}`);
  printLine(
    `  holds ${status.repositories.length}${status.isCatalogComplete ? '' : '+'} ${status.repositories.length === 1 ? 'repository' : 'repositories'}${status.repositories.length ? `: ${status.repositories.slice(0, 20).join(', ')}${status.repositories.length > 20 ? ', …' : ''}` : ''}`,
  );
}

/** `--proxy-password-stdin`, else a hidden prompt on a terminal. */
async function readUpstreamPassword(user: string, fromStdin: boolean | undefined): Promise<string> {
  const password = fromStdin
    ? await readStdin()
    : isInteractive()
      ? await promptHidden(`Upstream password for ${user}: `)
      : '';
  if (!password)
    throw new BerthError('INVALID_INPUT', `no upstream password for ${user}`, {
      hint: 'Pass it with --proxy-password-stdin',
    });
  cliSecrets.add(...basicForms(user, password));
  return password;
}

function trustOptions(options: TrustOptions): DockerTrustOptions {
  return { host: options.dockerHost, certsDRoot: options.certsD, daemonConfigFile: options.daemonConfig };
}

/** `berth server trust NAME` with the options given, each a word the shell keeps whole. */
function trustCommand(name: string, options: TrustOptions): string {
  const word = (value: string) =>
    /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
  const given: [string, string | undefined][] = [
    ['--docker-host', options.dockerHost],
    ['--certs-d', options.certsD],
    ['--daemon-config', options.daemonConfig],
  ];
  return [
    'berth server trust',
    word(name),
    ...given.flatMap(([flag, value]) => (value === undefined ? [] : [flag, word(value)])),
  ].join(' ');
}

function printTrust(result: DockerTrustResult): void {
  printLine(`${result.done ? 'Done' : 'Not done'}: ${result.message}`);
  if (result.elevation) printLine(`${result.elevation.explanation}\n    ${result.elevation.command}`);
}

/** The options where the local Docker daemon is told about a registry (create and trust). */
function withTrustOptions(command: Command): Command {
  return command
    .option(
      '--docker-host <host:port>',
      "the name Docker will use for it (default: this machine's name, or the --bind address, and the port)",
    )
    .option('--certs-d <dir>', "Docker's certs.d folder (default /etc/docker/certs.d; kept from create)")
    .option('--daemon-config <file>', 'daemon.json to edit (default: the detected one; kept from create)');
}

/**
 * After `create`: explain which of the two ways Docker needs (certs.d for TLS, insecure-registries
 * for plain HTTP), then do it when asked (`--trust-docker`, or yes at the prompt).
 */
async function offerDockerTrust(
  manager: RegistryServers,
  name: string,
  options: CreateOptions,
): Promise<DockerTrustResult | undefined> {
  // The paths given at create are kept in server.json: the plan reads them from there.
  const plan = await manager.dockerTrustPlan(name);
  if (plan.method === 'none') {
    if (!options.json) printLine(`note: ${plan.explanation}`);
    return options.trustDocker ? manager.trustInDocker(name) : undefined;
  }
  const ask = options.trustDocker === undefined && !options.json && isInteractive();
  const wanted =
    options.trustDocker ??
    (ask && (await confirm(`${plan.explanation}\nMake the local Docker trust ${plan.host} now?`)));
  if (wanted) {
    try {
      return await manager.trustInDocker(name);
    } catch (error) {
      // The registry is made and running either way: say what stopped this step and how to redo it.
      return {
        ...plan,
        done: false,
        message: `${(error as Error).message}; once fixed: berth server trust ${name}`,
      };
    }
  }
  if (!options.json) {
    if (!ask) printLine(`note: ${plan.explanation}`);
    printLine(`To make Docker trust it later: berth server trust ${name}`);
  }
  return undefined;
}

export function registerServerCommands(program: Command, run: Run): void {
  const server = program.command('server').description('registries Berth sets up and runs on this machine');
  const simple = (options: { json?: boolean }): GlobalOptions => ({ json: options.json });

  const create = server
    .command('create')
    .description(
      'write a Distribution registry (config, users, certificates), start it and save it as a connection',
    )
    .argument('<name>', 'a name for the server (also the connection name)')
    .option('--port <port>', 'TCP port', '5000')
    .option('--bind <address>', 'address to listen on (default 127.0.0.1: this machine only)')
    .option('--all-interfaces', 'listen on every interface (0.0.0.0), so other machines can reach it')
    .option('--tls <mode>', 'self-signed (a new CA and server certificate) or none', 'self-signed')
    .option(
      '--tls-name <name...>',
      'names and IPs for the certificate (default localhost, 127.0.0.1, host name)',
    )
    .option('--cert <file>', 'use this server certificate (with --key)')
    .option('--key <file>', "the certificate's private key")
    .option('--user <user>', 'first user (htpasswd, bcrypt); without one the registry is open')
    .option('--password-stdin', "read the first user's password from standard input")
    .option('--data <dir>', 'storage folder (default: inside the server folder)')
    .option('--runtime <runtime>', 'process (a docker-registry child process) or container', 'process')
    .option('--image <image>', 'container runtime: the registry image (default registry:2)')
    .option('--network <mode>', 'container runtime: publish (the port, on --bind; default) or host')
    .option('--no-start', 'write the files only')
    .option(
      '--proxy <url>',
      'make it a pull-through cache of this registry (https://registry-1.docker.io for Docker Hub); read-only for clients',
    )
    .option(
      '--proxy-username <user>',
      'the login it uses at the upstream (the password goes to the keychain)',
    )
    .option('--proxy-password-stdin', "read the upstream login's password from standard input")
    .option('--proxy-ttl <duration>', 'how long it keeps what it cached (Distribution 2.8: 168h only)')
    .option(
      '--trust-docker',
      'make the local Docker trust it (certs.d or insecure-registries) without asking',
    )
    .option('--no-trust-docker', 'do not offer to make the local Docker trust it')
    .option('--json', 'machine-readable output');
  withTrustOptions(create).action(async (name: string, options: CreateOptions) =>
    run(async (ctx) => {
      if (options.runtime !== 'process' && options.runtime !== 'container')
        throw new BerthError('INVALID_INPUT', `--runtime ${options.runtime} is not a choice`, {
          hint: 'Use process or container',
        });
      if (options.network !== undefined && options.network !== 'publish' && options.network !== 'host')
        throw new BerthError('INVALID_INPUT', `--network ${options.network} is not a choice`, {
          hint: 'Use publish (the port published on --bind) or host',
        });
      if (options.runtime !== 'container' && (options.image || options.network))
        throw new BerthError('INVALID_INPUT', '--image and --network are for --runtime container');
      if (options.passwordStdin && !options.user)
        throw new BerthError('INVALID_INPUT', '--password-stdin needs --user');
      if ((options.proxyUsername || options.proxyPasswordStdin || options.proxyTtl) && !options.proxy)
        throw new BerthError(
          'INVALID_INPUT',
          '--proxy-username, --proxy-password-stdin and --proxy-ttl need --proxy',
          {
            hint: 'Name the upstream: --proxy https://registry-1.docker.io',
          },
        );
      if (options.proxyPasswordStdin && !options.proxyUsername)
        throw new BerthError('INVALID_INPUT', '--proxy-password-stdin needs --proxy-username');
      if (options.proxyPasswordStdin && options.passwordStdin)
        throw new BerthError('INVALID_INPUT', 'standard input holds one password', {
          hint: 'Create it with the upstream login (--proxy-password-stdin), then add the user: berth server user add NAME USER --password-stdin',
        });
      const user = options.user
        ? { name: options.user, password: await readPassword(options.user, options.passwordStdin) }
        : undefined;
      const proxy = options.proxy
        ? {
            url: options.proxy,
            username: options.proxyUsername,
            password: options.proxyUsername
              ? await readUpstreamPassword(options.proxyUsername, options.proxyPasswordStdin)
              : undefined,
            ttl: options.proxyTtl,
          }
        : undefined;
      if (options.allInterfaces && options.bind !== undefined)
        throw new BerthError('INVALID_INPUT', '--all-interfaces and --bind go separately', {
          hint: '--all-interfaces is --bind 0.0.0.0; pass one of them',
        });
      // The command line prints its own notes; the app's words stay with the app.
      const {
        appNotes: _appNotes,
        appNoteKinds: _appNoteKinds,
        ...created
      } = await createServer(ctx, {
        name,
        port: Number(options.port),
        bind: options.allInterfaces ? '0.0.0.0' : options.bind,
        storageDir: options.data,
        tls: tlsInput(options),
        user,
        runtime: options.runtime,
        image: options.image,
        network: options.network,
        start: options.start,
        docker: trustOptions(options),
        proxy,
      });
      let checked: string | undefined;
      if (created.state === 'running' && created.connection) {
        try {
          if (user) await verifyLogin(ctx.client, created.host);
          else await ping(ctx.client, created.host);
          checked = user ? `${user.name} logs in` : 'answers';
        } catch (error) {
          created.notes.push(`the check through the saved connection failed: ${(error as Error).message}`);
        }
      }
      if (!options.json) {
        printServer(created);
        if (created.connection)
          printLine(
            `Saved as connection ${created.connection}${user && created.isPasswordStored ? `; ${user.name}'s password is in the keychain` : ''}.`,
          );
        if (checked) printLine(`Checked: ${created.url} ${checked}.`);
        for (const note of created.notes) printLine(`note: ${note}`);
      }
      const docker = await offerDockerTrust(servers(ctx), name, options);
      // The registry exists either way; the exit code tells a script that Docker was not told.
      if (docker && !docker.done) process.exitCode = 1;
      if (options.json) return printJson({ ...created, checked, docker });
      if (docker) printTrust(docker);
    }, simple(options)),
  );

  withTrustOptions(
    server
      .command('trust')
      .description(
        'make the local Docker trust a server: its CA into certs.d (TLS) or an insecure-registries entry (plain HTTP)',
      )
      .argument('<name>', 'the server (see berth server list)')
      .option('-y, --yes', 'change the file without asking')
      .option('--json', 'machine-readable output'),
  ).action(async (name: string, options: TrustOptions & { json?: boolean }) =>
    run(async (ctx) => {
      const manager = servers(ctx);
      const plan = await manager.dockerTrustPlan(name, trustOptions(options));
      // Docker's files change only when the user says so, as with `daemon add-*`.
      if (!plan.isInPlace) {
        if (!options.json && isInteractive()) printLine(plan.explanation);
        const what = plan.method === 'certs-d' ? `${plan.target}/ca.crt` : plan.target;
        if (!(await confirmUnlessYes(`Write ${what}?`, options.yes)))
          throw new BerthError(
            'CANCELLED',
            `${what} not changed${isInteractive() ? '' : ': there is no terminal to ask on'}`,
            { hint: `Pass --yes to write it without asking: ${trustCommand(name, options)} --yes` },
          );
      }
      const result = await manager.trustInDocker(name, trustOptions(options));
      if (options.json) printJson(result);
      else {
        if (plan.isInPlace || !isInteractive()) printLine(result.explanation);
        printTrust(result);
      }
      if (!result.done) process.exitCode = 1;
    }, simple(options)),
  );

  server
    .command('list')
    .description('the registry servers Berth set up, with their state')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) =>
      run(async (ctx) => {
        // The command line keeps its own words (`problem`); the app's stay with the app.
        const manager = servers(ctx);
        const views = (await manager.list()).map(
          ({ appProblem: _appProblem, appProblemError: _appProblemError, ...view }) => view,
        );
        if (options.json)
          return printJson(
            await Promise.all(
              views.map(async (view) =>
                view.proxy ? { ...view, mirror: await manager.mirrorStatus(view.name) } : view,
              ),
            ),
          );
        if (views.length === 0) return printLine('No registry servers yet: berth server create NAME');
        printTable(
          ['name', 'state', 'url', 'auth', 'runtime', 'storage'],
          views.map((v) => [
            v.name,
            v.state,
            v.url,
            v.auth === 'none' ? 'none' : `${v.users.length} user(s)`,
            v.runtime,
            v.storageDir,
          ]),
        );
        for (const v of views) if (v.problem) printLine(`${v.name}: ${v.problem}`);
      }, simple(options)),
    );

  server
    .command('show')
    .description(
      'one server: its state and settings; for a pull-through cache its hits, misses and repositories',
    )
    .argument('<name>', 'the server (see berth server list)')
    .option('--json', 'machine-readable output')
    .action(async (name: string, options: { json?: boolean }) =>
      run(async (ctx) => {
        const manager = servers(ctx);
        const {
          appProblem: _appProblem,
          appProblemError: _appProblemError,
          ...view
        } = await manager.get(name);
        const mirror = view.proxy ? await manager.mirrorStatus(name) : undefined;
        const disk = await manager.diskUse(name);
        const diskUse = { bytes: disk.bytes, isComplete: disk.isComplete };
        if (options.json) return printJson({ ...view, diskUse, ...(mirror ? { mirror } : {}) });
        printServer(view);
        printLine(`  ${disk.isComplete ? '' : 'at least '}${formatBytes(disk.bytes)} on disk`);
        if (mirror) printMirrorStatus(mirror);
      }, simple(options)),
    );

  server
    .command('mirror')
    .description(
      "use a pull-through cache: add it to daemon.json's registry-mirrors (diff, backup, reload, check) or show Podman's registries.conf lines",
    )
    .argument('<name>', 'the pull-through cache (see berth server list)')
    .option('--docker', "Docker: add it to daemon.json's registry-mirrors (the default)")
    .option('--podman', 'Podman: print the registries.conf lines to add')
    .option('--file <path>', 'daemon.json to use instead of the detected one')
    .option(
      '--engine <unix-socket>',
      'the dockerd to reload and check (default: DOCKER_HOST or /var/run/docker.sock)',
    )
    .option(
      '--pid-file <path>',
      "dockerd's pid file, to make it reload daemon.json (default /var/run/docker.pid)",
    )
    .option('--no-apply', 'write daemon.json only; do not make dockerd reload it')
    .option('-y, --yes', 'write without asking')
    .option('--json', 'machine-readable output (Podman lines, or the result of the reload)')
    .action(
      async (
        name: string,
        options: DaemonOptions & { docker?: boolean; podman?: boolean; apply?: boolean },
      ) =>
        run(async (ctx) => {
          if (options.docker && options.podman)
            throw new BerthError('INVALID_INPUT', '--docker and --podman go separately', {
              hint: 'Pick the engine that pulls through it',
            });
          const setup = await servers(ctx).mirrorSetup(name);
          if (options.podman) {
            if (options.json) return printJson(setup);
            printLine(
              `Podman uses a [[registry.mirror]] for any registry. Add these lines to ${setup.podmanFile} (as its owner); Podman reads it at every pull:`,
            );
            return printText(setup.podmanSnippet);
          }
          if (!setup.isDockerHub)
            throw new BerthError('UNSUPPORTED', `Docker will not use ${name} as a mirror`, {
              hint: `${setup.explanation} For Podman: berth server mirror ${name} --podman`,
            });
          if (!options.json) printLine(setup.explanation);
          await edit({ action: 'add', key: 'registry-mirrors', value: setup.mirrorUrl }, options);
          if (options.apply === false) return options.json ? printJson(setup) : undefined;
          const { appHint: _appHint, ...applied } = await applyDaemonFile(
            fileFor(options),
            socketPath(options),
            { pidFile: options.pidFile },
          );
          if (options.json) printJson({ ...setup, applied });
          else if (applied.applied) printLine(applied.message);
          if (!applied.applied)
            reportFailure(applied.message, applied.hint ?? 'Restart dockerd to make it read the file.');
        }, options),
    );

  server
    .command('start')
    .description('start a server Berth set up (it keeps its port, users and images)')
    .argument('<name>', 'the server (see berth server list)')
    .option('--json', 'machine-readable output')
    .action(async (name: string, options: { json?: boolean }) =>
      run(async (ctx) => {
        const {
          appProblem: _appProblem,
          appProblemError: _appProblemError,
          ...view
        } = await servers(ctx).start(name);
        if (options.json) printJson(view);
        else printServer(view);
      }, simple(options)),
    );

  server
    .command('stop')
    .description('stop a running server; its files and images stay')
    .argument('<name>', 'the server (see berth server list)')
    .action(async (name: string, options: { json?: boolean }) =>
      run(async (ctx) => {
        const stopped = await servers(ctx).stop(name);
        printLine(stopped ? `Stopped ${name}.` : `${name} was not running.`);
      }, simple(options)),
    );

  server
    .command('logs')
    .description("print the last lines of a server's log")
    .argument('<name>', 'the server (see berth server list)')
    .option('--lines <n>', 'how many of the last lines', '200')
    .option('--json', 'machine-readable output')
    .action(async (name: string, options: { lines: string; json?: boolean }) =>
      run(
        async (ctx) => {
          const text = await servers(ctx).logs(name, Number(options.lines));
          if (options.json) return printJson({ name, lines: text ? text.split('\n') : [] });
          if (text) printLine(text);
        },
        options,
        () => checkWholeNumber('--lines', options.lines, 1, 100_000),
      ),
    );

  server
    .command('rm')
    .description('stop a server and remove it and its connection (its images stay unless --delete-data)')
    .argument('<name>', 'the server (see berth server list)')
    .option('--delete-data', 'also delete the stored images')
    .action(async (name: string, options: { deleteData?: boolean }) =>
      run(async (ctx) => {
        const result = await removeServer(ctx, name, { deleteData: options.deleteData });
        printLine(`Removed ${name} and its connection.`);
        if (result.keptStorage)
          printLine(`Its images are kept in ${result.keptStorage} (delete them with --delete-data).`);
        for (const note of result.notes ?? []) printLine(`Note: ${note}`);
      }, {}),
    );

  const user = server.command('user').description("a server's htpasswd users");
  const userAction =
    (kind: 'add' | 'rm' | 'passwd') =>
    async (name: string, userName: string, options: { passwordStdin?: boolean; json?: boolean }) =>
      run(async (ctx) => {
        const manager = servers(ctx);
        const change =
          kind === 'rm'
            ? await manager.removeUser(name, userName)
            : kind === 'add'
              ? await manager.addUser(name, userName, await readPassword(userName, options.passwordStdin))
              : await changeServerPassword(
                  ctx,
                  name,
                  userName,
                  await readPassword(userName, options.passwordStdin),
                );
        if (options.json) return printJson(change);
        const done = {
          add: `Added ${userName} to`,
          rm: `Removed ${userName} from`,
          passwd: `Changed ${userName}'s password on`,
        }[kind];
        printLine(`${done} ${name}.`);
        printLine(
          change.restarted
            ? `Distribution reads its users only when it starts, so ${name} was restarted.`
            : `${name} is not running; the change applies when it starts.`,
        );
      }, simple(options));
  for (const [kind, description] of [
    ['add', 'add a user (restarts a running registry)'],
    ['passwd', "change a user's password (restarts a running registry)"],
  ] as const) {
    user
      .command(kind)
      .description(description)
      .argument('<name>', 'the server (see berth server list)')
      .argument('<user>', 'the user name')
      .option('--password-stdin', 'read the password from standard input')
      .option('--json', 'machine-readable output')
      .action(userAction(kind));
  }
  user
    .command('rm')
    .description('remove a user (restarts a running registry)')
    .argument('<name>', 'the server (see berth server list)')
    .argument('<user>', 'the user name')
    .option('--json', 'machine-readable output')
    .action(userAction('rm'));

  server
    .command('gc')
    .description('collect garbage safely: dry run shown first, then collect while the registry is read-only')
    .argument('<name>', 'the server (see berth server list)')
    .option('--dry-run', 'only show what would be deleted')
    .option(
      '--delete-untagged',
      "also delete manifests no tag points to (an index's platform images count as tagged)",
    )
    .option('--json', 'machine-readable output')
    .action(async (name: string, options: { dryRun?: boolean; deleteUntagged?: boolean; json?: boolean }) =>
      run(async (ctx) => {
        const result = await servers(ctx).collectGarbage(name, options);
        if (options.json) return printJson(result);
        printLine('Dry run:');
        printLine(result.dryRunOutput.trimEnd());
        if (result.dryRun)
          return printLine(`\nNothing deleted (dry run). Storage holds ${formatBytes(result.bytesBefore)}.`);
        printLine(
          `\nCollected: ${formatBytes(result.bytesReclaimed)} reclaimed (${formatBytes(result.bytesBefore)} → ${formatBytes(result.bytesAfter)}).`,
        );
        if (result.readOnly)
          printLine(`${name} served pulls read-only during the collection and takes pushes again.`);
      }, simple(options)),
    );
}
