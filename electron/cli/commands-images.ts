import type { Command } from 'commander';
import { describeSize } from '../../shared/image-size.js';
import type { ImageInspection } from '../../shared/image.js';
import { imageAt, imageOf } from '../../shared/location.js';
import { describeReferrerKinds, platformString, referrerKind } from '../../shared/manifest.js';
import { parseReference, type ImageReference } from '../../shared/reference.js';
import {
  BerthError,
  deleteImage,
  headManifest,
  inspectAt,
  listReferrers,
  referrersTag,
  retag,
  type ReferrersResult,
  tagsPointingTo,
} from '../core/registry/index.js';
import { repositoryListing, tagListing } from '../core/vendors/index.js';
import type { RepositoryFactsView, TagFactsView } from '../../shared/vendor.js';
import type { Run } from './commands-registry.js';
import { deleteTagOf } from '../core/connections/index.js';
import type { GlobalOptions } from './context.js';
import {
  formatBytes,
  forTerminal,
  oneLine,
  printJson,
  printLine,
  printOneLine,
  printTable,
} from './output.js';
import { confirmUnlessYes } from './prompt.js';
import { checkPlatform, checkReference, checkRegistryArgument } from './validate.js';

function registryOptions(command: Command): Command {
  return command
    .option('--username <user>', 'log in as this user for this call')
    .option('--password-stdin', 'read the password or access token from standard input')
    .option('--json', 'machine-readable output');
}

export function registerImageCommands(program: Command, run: Run): void {
  program
    .command('ref')
    .description('show how Berth reads an image reference')
    .argument('<ref>', 'a reference as you would give it to docker pull (nginx, ghcr.io/o/app:1, …)')
    .option('--json', 'machine-readable output')
    .action(async (input: string, options: GlobalOptions) =>
      run(async (ctx) => {
        const ref = parseReference(input);
        const saved = ctx.savedFor(ref.registry);
        const view = {
          input: ref.input,
          registry: ref.registry,
          apiHost: ref.apiHost,
          repository: ref.repository,
          tag: ref.tag ?? null,
          digest: ref.digest ?? null,
          canonical: ref.canonical,
          familiar: ref.familiar,
          dockerHub: ref.isDockerHub,
          connection: saved
            ? { name: saved.name, host: saved.host, scheme: saved.insecureHttp ? 'http' : 'https' }
            : null,
        };
        if (options.json) return printJson(view);
        printTable(
          ['field', 'value'],
          [
            ['registry', ref.registry + (ref.apiHost !== ref.registry ? ` (API at ${ref.apiHost})` : '')],
            ['repository', ref.repository],
            ['tag', ref.tag ?? (ref.digest ? '-' : '- (latest is assumed)')],
            ['digest', ref.digest ?? '-'],
            ['canonical', ref.canonical],
            ['familiar', ref.familiar],
            [
              'connection',
              saved
                ? `${saved.name} (${saved.insecureHttp ? 'http' : 'https'}://${saved.host})`
                : 'none saved: https, anonymous',
            ],
          ],
        );
      }, options),
    );

  registryOptions(program.command('repos'))
    .description('list the repositories of a registry')
    .argument('<registry>', 'host[:port] or a saved connection name')
    .option('--filter <text>', 'only names containing TEXT (TEXT* = starting with)')
    .action(async (hostArg: string, options: GlobalOptions & { filter?: string }) =>
      run(
        async (ctx) => {
          const host = ctx.resolveHost(hostArg);
          const names: string[] = [];
          const facts: Record<string, RepositoryFactsView> = Object.create(null) as Record<
            string,
            RepositoryFactsView
          >;
          let listedBy: string | undefined;
          for await (const page of repositoryListing(ctx, host, { filter: options.filter })) {
            listedBy ??= page[0]?.vendor;
            // One name at a time: a page can hold hundreds of thousands (too many arguments for push(...page)),
            // and plain output needs no list at all.
            for (const repository of page) {
              if (!options.json) printOneLine(repository.name);
              else {
                names.push(repository.name);
                if (Object.keys(repository.facts).length) facts[repository.name] = repository.facts;
              }
            }
          }
          // `facts`: what the registry's own API said of each repository (Harbor, Quay, GitLab, GHCR);
          // `listedBy`: whose API listed them (absent: the registry's v2 API).
          if (options.json)
            printJson({
              registry: host,
              repositories: names,
              ...(listedBy ? { listedBy } : {}),
              ...(Object.keys(facts).length ? { facts } : {}),
            });
        },
        options,
        () => checkRegistryArgument(hostArg),
      ),
    );

  registryOptions(program.command('tags'))
    .description('list the tags of a repository')
    .argument('<repository>', 'HOST/REPO, e.g. 127.0.0.1:5000/team/app')
    .option('--filter <text>', 'only tags containing TEXT (TEXT* = starting with)')
    .action(async (input: string, options: GlobalOptions & { filter?: string }) =>
      run(async (ctx) => {
        const repo = ctx.repository(input);
        const tags: string[] = [];
        const facts: Record<string, TagFactsView> = Object.create(null) as Record<string, TagFactsView>;
        let listedBy: string | undefined;
        for await (const page of tagListing(ctx, repo, { filter: options.filter })) {
          listedBy ??= page[0]?.vendor;
          for (const tag of page) {
            tags.push(tag.tag); // not push(...page): 2.8 sends every tag in one page
            if (Object.keys(tag.facts).length) facts[tag.tag] = tag.facts;
          }
        }
        // Registries promise no order (Distribution 2.8 returns tags unsorted): sort here.
        tags.sort();
        // `facts`: push dates, sizes and digests from the registry's own API, where it has one (`listedBy`).
        if (options.json)
          return printJson({
            repository: repo.name,
            tags,
            ...(listedBy ? { listedBy } : {}),
            ...(Object.keys(facts).length ? { facts } : {}),
          });
        for (const tag of tags) printOneLine(tag);
      }, options),
    );

  registryOptions(program.command('inspect'))
    .description('show an image: digest, platforms, config, layers')
    .argument('<ref>', 'an image reference: HOST/REPOSITORY[:TAG|@DIGEST]')
    .option('--config', 'print the image config')
    .option('--raw', 'print the manifest bytes exactly as the registry sent them')
    .option('--platform <os/arch>', 'which image of a multi-platform index to show')
    .option('--referrers', 'also list its signatures, SBOMs and attestations (is it still signed?)')
    .action(
      async (
        input: string,
        options: GlobalOptions & { config?: boolean; raw?: boolean; platform?: string; referrers?: boolean },
      ) =>
        run(
          async (ctx) => {
            const ref = parseReference(input);
            const inspection = await inspectAt(ctx.client, imageOf(ref), { platform: options.platform });
            if (options.raw) {
              const raw =
                inspection.rawIndex && !options.platform ? inspection.rawIndex : inspection.rawManifest;
              // The bytes exactly as sent, for pipes and files; a person at a terminal gets them filtered.
              process.stdout.write(process.stdout.isTTY ? forTerminal(raw) : raw);
              if (!options.json) process.stdout.write('\n');
              return;
            }
            // The config is JSON either way: printJson keeps it valid (DEL, C1 and bidi as \u escapes).
            if (options.config) return printJson(inspection.config ?? null);
            // Those of the image shown: the index's own (a platform's with --platform), as the image view lists them.
            const referrers = options.referrers
              ? await listReferrers(
                  ctx.client,
                  imageAt(imageOf(ref), shownDigest(inspection, options.platform)),
                )
              : undefined;
            if (options.json) {
              const { rawManifest: _m, rawIndex: _i, rawConfig: _c, ...rest } = inspection;
              return printJson(referrers ? { ...rest, referrers } : rest);
            }
            printInspection(ref, inspection);
            if (referrers) printReferrers(referrers, shownDigest(inspection, options.platform));
          },
          options,
          () => {
            checkReference(input, 'the image reference');
            if (options.platform !== undefined) checkPlatform(options.platform);
          },
        ),
    );

  registryOptions(program.command('tag'))
    .description('put an image under another tag (same registry)')
    .argument('<ref>', 'source image')
    .argument('<new>', 'a new tag, or a full reference in the same registry')
    .action(async (input: string, target: string, options: GlobalOptions) =>
      run(
        async (ctx) => {
          const source = parseReference(input);
          const destination = /[/:@]/.test(target)
            ? parseReference(target)
            : parseReference(`${source.name}:${target}`);
          if (!destination.tag || destination.digest)
            throw new BerthError('INVALID_INPUT', `the new name needs a tag and no digest: ${target}`, {
              hint: 'Give a tag (1-stable) or a reference with a tag in the same registry (HOST/team/app:1-stable).',
            });
          const result = await retag(
            ctx.client,
            {
              registry: source.registry,
              repository: source.repository,
              reference: source.digest ?? source.tag ?? 'latest',
            },
            { registry: destination.registry, repository: destination.repository, tag: destination.tag },
          );
          if (options.json)
            return printJson({ source: source.canonical, target: destination.canonical, ...result });
          const moved = result.blobs.mounted + result.blobs.copied;
          printLine(
            `Tagged ${destination.familiar} → ${result.digest}${moved ? ` (${result.blobs.mounted} blobs mounted, ${result.blobs.copied} copied)` : ''}`,
          );
        },
        options,
        () => {
          checkReference(input, 'the image reference');
          if (!target.trim())
            throw new BerthError('INVALID_INPUT', 'the new tag is empty', {
              hint: 'Give a tag (1.0-stable) or a full reference in the same registry.',
            });
        },
      ),
    );

  registryOptions(program.command('rm'))
    .description('delete a tag (only that tag) or an image by digest (with every tag on it)')
    .argument('<ref>', 'HOST/REPOSITORY:TAG (that tag only) or HOST/REPOSITORY@DIGEST (the image)')
    .option('--all-tags', 'delete the image the tag points to, with every tag on it')
    .option('-y, --yes', 'do not ask')
    .action(async (input: string, options: GlobalOptions & { allTags?: boolean; yes?: boolean }) =>
      run(
        async (ctx) => {
          const ref = parseReference(input);
          if (ref.digest || options.allTags) {
            const digest =
              ref.digest ?? (await headManifest(ctx.client, imageAt(ref, ref.tag ?? 'latest'))).digest;
            const tags = await tagsPointingTo(ctx.client, ref, digest);
            const list = tags.length ? `tags ${tags.map(oneLine).join(', ')}` : 'no tags';
            if (!(await confirmUnlessYes(`Delete ${ref.name}@${digest} and ${list}?`, options.yes))) {
              throw notConfirmed();
            }
            const result = await deleteImage(ctx.client, imageAt(ref, digest));
            if (options.json) return printJson(result);
            printLine(
              `Deleted ${ref.name}@${digest}${result.removedTags.length ? `; tags gone with it: ${result.removedTags.map(oneLine).join(', ')}` : ''}.`,
            );
            return printLine(result.note);
          }
          const tag = ref.tag ?? 'latest';
          const question = `Remove the tag ${ref.name}:${tag}? (the image and its other tags stay)`;
          if (!(await confirmUnlessYes(question, options.yes))) {
            throw notConfirmed();
          }
          const result = await deleteTagOf(ctx, imageAt(ref, tag));
          if (options.json) return printJson(result);
          printLine(
            `Removed tag ${ref.name}:${tag} (it pointed at ${result.digest}; other tags on that image are untouched).`,
          );
          printLine(result.note);
        },
        options,
        () => checkReference(input, 'the image reference'),
      ),
    );
}

/** A delete nobody confirmed: said as an error (exit 1), with how to confirm. */
function notConfirmed(): BerthError {
  return new BerthError('CANCELLED', 'not deleted: nobody confirmed it', {
    hint: 'Answer y at the prompt, or add --yes when there is no terminal to ask on.',
  });
}

/** The digest whose referrers are listed: the platform's when one was asked for, else the reference's. */
function shownDigest(inspection: ImageInspection, platform: string | undefined): string {
  return platform && inspection.selected ? inspection.selected.digest : inspection.digest;
}

function printReferrers(result: ReferrersResult, digest: string): void {
  if (!result.referrers.length) {
    printOneLine('Referrers:  none (no signature, SBOM or attestation refers to it)');
    return;
  }
  const kinds: Record<string, number> = {};
  for (const referrer of result.referrers) {
    const type = referrer.artifactType ?? referrer.mediaType;
    kinds[type] = (kinds[type] ?? 0) + 1;
  }
  const from = result.source === 'api' ? 'from the Referrers API' : `from the ${referrersTag(digest)} tag`;
  printOneLine(`Referrers:  ${result.referrers.length} (${describeReferrerKinds(kinds)}), ${from}`);
  for (const referrer of result.referrers)
    printOneLine(
      `  ${referrerKind(referrer).padEnd(9)}  ${referrer.digest}  ${referrer.artifactType ?? referrer.mediaType}`,
    );
}

function printInspection(ref: ImageReference, inspection: ImageInspection): void {
  printOneLine(`Reference:  ${ref.canonical}`);
  printOneLine(`Digest:     ${inspection.digest}`);
  printOneLine(`Media type: ${inspection.mediaType}`);
  if (inspection.platforms.length > 1 || inspection.kind === 'index') {
    printOneLine('Platforms:');
    for (const p of inspection.platforms) {
      const mark = inspection.selected?.digest === p.digest ? '*' : ' ';
      printOneLine(`  ${mark} ${(p.attestationFor ? 'attestation' : p.platform).padEnd(16)} ${p.digest}`);
    }
  }
  const size = describeSize(inspection, formatBytes);
  if (size) printOneLine(`Size:       ${size}`);
  if (inspection.selected)
    printOneLine(`Showing:    ${inspection.selected.platform} ${inspection.selected.digest}`);
  const config = inspection.config;
  if (config) {
    if (config.created) printOneLine(`Created:    ${config.created}`);
    if (config.os)
      printOneLine(
        `Platform:   ${platformString({ os: config.os, architecture: config.architecture ?? '?', variant: config.variant })}`,
      );
    const c = config.config ?? {};
    if (c.Entrypoint?.length) printOneLine(`Entrypoint: ${JSON.stringify(c.Entrypoint)}`);
    if (c.Cmd?.length) printOneLine(`Cmd:        ${JSON.stringify(c.Cmd)}`);
    if (c.WorkingDir) printOneLine(`WorkingDir: ${c.WorkingDir}`);
    if (c.User) printOneLine(`User:       ${c.User}`);
    if (c.Env?.length) printOneLine(`Env:        ${c.Env.join(' ')}`);
    if (c.ExposedPorts) printOneLine(`Ports:      ${Object.keys(c.ExposedPorts).join(' ')}`);
    for (const [key, value] of Object.entries(c.Labels ?? {})) printOneLine(`Label:      ${key}=${value}`);
  }
  if (inspection.layers.length) {
    // The layers' own sizes only: totalSize (the Size line) also counts the config.
    const layersSize = inspection.layers.reduce((sum, layer) => sum + layer.size, 0);
    printOneLine(`Layers (${inspection.layers.length}, total ${formatBytes(layersSize)}):`);
    for (const layer of inspection.layers)
      printOneLine(`  ${layer.digest}  ${formatBytes(layer.size).padStart(9)}  ${layer.mediaType}`);
  }
  if (inspection.rateLimit) {
    const r = inspection.rateLimit;
    printOneLine(
      `Rate limit: ${r.remaining ?? '?'} of ${r.limit ?? '?'} pulls left${r.windowSeconds ? ` per ${r.windowSeconds / 3600} h` : ''}`,
    );
  }
  for (const warning of inspection.warnings) printOneLine(`Warning:    ${warning}`);
}

/** Docker documents this image for checking the pull limit; a HEAD on it does not count as a pull. */
const RATE_LIMIT_PROBE = 'docker.io/ratelimitpreview/test:latest';

export function registerRateLimitCommand(program: Command, run: Run): void {
  registryOptions(program.command('ratelimit'))
    .description("show Docker Hub's pull rate limit (read with a HEAD, which does not count as a pull)")
    .argument('[ref]', 'an image on the registry to ask', RATE_LIMIT_PROBE)
    .action(async (input: string, options: GlobalOptions) =>
      run(async (ctx) => {
        const ref = parseReference(input);
        const head = await headManifest(ctx.client, imageOf(ref));
        const limit = head.rateLimit ?? null;
        if (options.json) return printJson({ registry: ref.registry, rateLimit: limit });
        if (!limit)
          return printLine(
            `${ref.registry} sent no rate-limit headers: pulls are not limited for you there.`,
          );
        const window = limit.windowSeconds ? ` per ${limit.windowSeconds / 3600} h` : '';
        printLine(
          `${limit.remaining ?? '?'} of ${limit.limit ?? '?'} pulls left${window}${limit.source ? ` (counted for ${limit.source})` : ''}.`,
        );
      }, options),
    );
}
