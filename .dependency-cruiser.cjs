// Import rules checked by `npm run check:cycles` (part of `npm test`).
// Type-only imports count: a cycle through types still ties the modules together.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules must form a tree of dependencies: move the piece both sides need into its own module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'demo-is-a-guest',
      severity: 'error',
      comment: 'Only start-up (banzu start) imports the demo; the product and its tests never need it.',
      from: { path: '^packages/', pathNot: '^packages/server/src/(demo/|cli/start\\.ts$)' },
      to: { path: '^packages/server/src/demo/' },
    },
    {
      name: 'core-is-pure',
      severity: 'error',
      comment: 'The domain core imports no server, web or contract code.',
      from: { path: '^packages/core/' },
      to: { path: '^packages/(server|web|contract)/' },
    },
    {
      name: 'web-meets-server-through-the-contract',
      severity: 'error',
      comment: 'The console imports the API shapes from @banzu/contract, never the server.',
      from: { path: '^packages/web/' },
      to: { path: '^packages/server/' },
    },
    {
      name: 'contract-stands-alone',
      severity: 'error',
      comment: 'The contract is what server and web share: it imports neither.',
      from: { path: '^packages/contract/' },
      to: { path: '^packages/(server|web)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    // Keep `import type` edges, which the TypeScript compiler would erase.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // `@banzu/core` is a workspace symlink: resolve it to packages/core/src through its package.json exports.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'default'],
      extensions: ['.ts', '.tsx', '.js'],
    },
  },
};
