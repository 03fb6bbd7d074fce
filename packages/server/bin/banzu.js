#!/usr/bin/env node
// The `banzu` command. It runs the compiled CLI in dist/, which `npm install`, `npm start` and
// `npm run build` write (build.mjs): plain JavaScript starts in a fraction of the time tsx needs to
// compile the sources. BANZU_FROM_SOURCE=1 runs the TypeScript sources through tsx instead; the
// tests set it, so the commands they run are the code as it is, not the last build.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/banzu.js', import.meta.url);
let cli;
if (process.env.BANZU_FROM_SOURCE === '1') {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli/index.ts');
} else if (existsSync(compiled)) {
  cli = await import(compiled.href);
} else {
  // No silent fallback to tsx: a missing build means an install that did not finish, better named than hidden.
  console.error(
    'banzu: the command is not built (packages/server/dist is missing). Run `npm run build` (npm install runs it),\nor set BANZU_FROM_SOURCE=1 to run the TypeScript sources through tsx.',
  );
  process.exit(1);
}
process.exitCode = await cli.main(process.argv.slice(2));
