// `npm run pack:cli`: the `berth` command alone as an npm package, in dist-cli/ (after tsc). It holds
// the bundled CLI (dist/cli/, see bundle-cli.mjs) without source maps, a package.json whose dependencies
// are the packages the CLI's compiled modules import — found by following its imports from
// dist/electron/cli/main.js, so nothing of the app, the renderer or the browser host comes along — less
// those bundled in (at the root package.json's ranges), and whose version is the app's, README-cli.md as
// its README and the LICENSE. `npm pack ./dist-cli` makes the tarball.
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { BUNDLE_DIR, BUNDLED_PACKAGES } from './bundle-cli.mjs';

const root = path.resolve(import.meta.dirname, '..');
const compiled = path.join(root, 'dist');
const out = path.join(root, 'dist-cli');
const entry = 'electron/cli/main.js';
/** Where the bundle's files go in the package, and its bin. */
const bundled = 'cli';
const bin = `${bundled}/main.js`;
const app = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

/** The compiled files the CLI loads (paths under dist/) and the packages they import. */
function runtimeGraph() {
  const files = new Set();
  const packages = new Set();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop();
    if (files.has(file)) continue;
    const source = path.join(compiled, file);
    if (!existsSync(source)) throw new Error(`${source} is missing: run tsc (npm run build) first`);
    files.add(file);
    const text = readFileSync(source, 'utf8');
    // Compiled ES modules: `import … from '…'`, `export … from '…'`, `import '…'` and `import('…')`; and
    // what is loaded on first use through `createRequire(import.meta.url)` (settings' conf, undici's parts),
    // called directly or through a `load` made from it.
    const specifiers = text.matchAll(
      /(?:^|[;\n])\s*(?:import|export)\s+(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|\bimport\(['"]([^'"]+)['"]\)|(?:\bload|createRequire\(import\.meta\.url\))\(['"]([^'"]+)['"]\)/g,
    );
    for (const [, imported, loaded, required] of specifiers) {
      const specifier = imported ?? loaded ?? required;
      if (specifier.startsWith('.')) pending.push(path.posix.join(path.posix.dirname(file), specifier));
      else if (!isBuiltin(specifier)) {
        const parts = specifier.split('/');
        packages.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
      }
    }
  }
  return { files: [...files].sort(), packages: [...packages].sort() };
}

const graph = runtimeGraph();
const packages = graph.packages.filter((name) => !BUNDLED_PACKAGES.includes(name));
if (!existsSync(path.join(BUNDLE_DIR, 'main.js')))
  throw new Error(`${BUNDLE_DIR} is missing: run the build (npm run build) first`);
rmSync(out, { recursive: true, force: true });
mkdirSync(path.join(out, bundled), { recursive: true });
const files = readdirSync(BUNDLE_DIR).filter((file) => file.endsWith('.js'));
for (const file of files) {
  // The maps stay behind, so their comments go too.
  const text = readFileSync(path.join(BUNDLE_DIR, file), 'utf8').replace(
    /\n\/\/# sourceMappingURL=\S+\s*$/,
    '\n',
  );
  // Every package the bundle imports must be a dependency (the graph above found them in the sources).
  const specifiers = text.matchAll(
    /^(?:import|export)\s[^;]*?\bfrom\s*"([^"]+)";?$|^import\s*"([^"]+)";?$|\bimport\("([^"]+)"\)/gm,
  );
  for (const [, imported, bare, loaded] of specifiers) {
    const specifier = imported ?? bare ?? loaded;
    if (specifier.startsWith('.') || isBuiltin(specifier)) continue;
    const parts = specifier.split('/');
    const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
    if (!packages.includes(name)) throw new Error(`${file} imports ${name}, which the CLI's sources do not`);
  }
  writeFileSync(path.join(out, bundled, file), text);
}
chmodSync(path.join(out, bin), 0o755);

const dependencies = {};
for (const name of packages) {
  const range = app.dependencies[name];
  if (!range) throw new Error(`the CLI imports ${name}, which is not in package.json's dependencies`);
  dependencies[name] = range;
}
const manifest = {
  name: 'berth-cli',
  version: app.version,
  description: 'The berth command: browse, inspect, copy, retag and delete images on container registries',
  keywords: ['docker', 'oci', 'container', 'registry', 'cli'],
  license: app.license,
  author: app.author,
  homepage: app.homepage,
  type: 'module',
  bin: { berth: bin },
  engines: app.engines,
  dependencies,
};
writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
cpSync(path.join(root, 'build', 'README-cli.md'), path.join(out, 'README.md'));
// The MIT license asks for its notice in every copy, and npm ships a LICENSE file whatever `files` says.
cpSync(path.join(root, 'LICENSE'), path.join(out, 'LICENSE'));
console.log(
  `dist-cli/: berth-cli ${app.version}, ${files.length} files from ${graph.files.length} modules, dependencies: ${packages.join(', ')}`,
);
