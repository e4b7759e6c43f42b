// The layering, checked by `npm run lint` (dependency-cruiser; folder cycles in
// .dependency-cruiser-folders.mjs). lib/core = pure modules; lib/server = server services, the only
// code touching Prisma and S3; lib/config = settings; apx = the command-line client;
// app + components = the web UI on top of lib.

/** A regular expression matching exactly this path. */
export const exactly = (path) => `^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;

/** Tests and their helpers are not pure modules: a test of a core rule may set up a database. */
export const TESTS = ['(^|/)__tests__/', '[.]test[.]tsx?$', '^lib/test-support/'];

/** Packages that tie a module to the server, the framework or a vendor's service. */
const SERVER_PACKAGES =
  '^(node_modules/)?(server-only|next|@prisma/[^/]+|pg|pg-boss|@aws-sdk/[^/]+|better-auth[^/]*|@better-auth/[^/]+|nodemailer)(/|$)';

const PRISMA = ['^lib/server/db[.]ts$', '^lib/generated/', '^(node_modules/)?@prisma/'];
const S3 = ['^lib/server/storage/', '^(node_modules/)?@aws-sdk/'];

/** @type {import('dependency-cruiser').IConfiguration} */
const config = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment:
        'lib/core holds pure modules: no server services, no Prisma client, no UI, and none of the ' +
        'packages that need a server or Next.js. Move the server half into lib/server.',
      severity: 'error',
      from: { path: '^lib/core/', pathNot: TESTS },
      to: { path: ['^lib/server/', '^lib/generated/', '^app/', '^components/', SERVER_PACKAGES] },
    },
    {
      name: 'cli-uses-core-only',
      comment: "apx (the CLI) runs on a user's machine: from this repository it uses lib/core and lib/config only.",
      severity: 'error',
      from: { path: '^apx/', pathNot: TESTS },
      to: { pathNot: ['^apx/', '^lib/core/', '^lib/config/', '^node_modules/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'cli-no-server-packages',
      comment: "apx (the CLI) talks to the site over HTTP; it never loads the server's packages.",
      severity: 'error',
      from: { path: '^apx/', pathNot: TESTS },
      to: { path: SERVER_PACKAGES },
    },
    {
      name: 'ui-no-prisma',
      comment: 'Pages, components and route handlers reach the database through a lib/server service, never the Prisma client.',
      severity: 'error',
      from: { path: '^(app|components)/', pathNot: TESTS },
      to: { path: PRISMA },
    },
    {
      name: 'ui-no-s3',
      comment: 'Pages and components reach stored files through a lib/server service, never the S3 client.',
      severity: 'error',
      from: { path: '^(app|components)/', pathNot: ['^app/api/', ...TESTS] },
      to: { path: S3 },
    },
    {
      name: 'lib-not-ui',
      comment: 'lib is below the UI: nothing in lib, its tests included, imports from app or components.',
      severity: 'error',
      from: { path: '^lib/' },
      to: { path: '^(app|components)/' },
    },
    {
      name: 'components-not-app',
      comment: 'Components are below the routes: they never import from app (a server action comes from lib or as a prop).',
      severity: 'error',
      from: { path: '^components/' },
      to: { path: '^app/' },
    },
    {
      name: 'no-module-cycles',
      comment: 'Modules that import each other, directly or through others: move what both need into a third module.',
      severity: 'error',
      from: { path: '^(lib|app|components|apx)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: ['^node_modules/', '^lib/generated/'] },
    exclude: { path: ['^[.]next', '^test-results', '^[.]data/'] },
    // Type-only imports count: a type from lib/server in lib/core ties the layers all the same.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};

export default config;
