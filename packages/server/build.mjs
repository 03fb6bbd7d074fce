/**
 * Builds the `banzu` command into dist/ with esbuild, so it starts as plain JavaScript instead of
 * compiling TypeScript at every start. Run by `npm install` (the root's `prepare`), `npm start` and
 * `npm run build`; tests, benches and scripts still run the sources through tsx.
 *
 * One ES module bundle of src/cli/index.ts with the server's and @banzu/core's code compiled in;
 * npm packages stay imports, resolved from node_modules at run time. Each subcommand, imported
 * lazily by the CLI, gets chunks of its own, so `banzu erlang` loads no Fastify, PGlite or ExcelJS.
 * Files read at run time (migrations, the web console) are found from the package directory
 * (src/package-dir.ts), so nothing is copied here.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('.', import.meta.url));

/** npm packages are left to node_modules; the workspace's own packages are TypeScript and are compiled in. */
const bundleWorkspaceOnly = {
  name: 'bundle-workspace-only',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@banzu/') ? undefined : { path: args.path, external: true }));
  },
};

rmSync(new URL('dist', import.meta.url), { recursive: true, force: true });
await build({
  absWorkingDir: packageDir,
  // The embedded database's thread is started from a file of its own (src/store/embedded.ts).
  entryPoints: { banzu: 'src/cli/index.ts', 'embedded-worker': 'src/store/embedded-worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // For stack traces that name the TypeScript lines: node --enable-source-maps.
  sourcemap: true,
  plugins: [bundleWorkspaceOnly],
  logLevel: 'warning',
});
