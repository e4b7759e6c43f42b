// No cycles between folders (lib/core/<domain>, lib/server/<domain>, app/…, components/…), checked
// by `npm run lint` after .dependency-cruiser.mjs. A second pass because tests are left out of it:
// a test imports across folders by nature (lib/test-support, the route it drives), which would make
// every folder it touches look circular.
import base, { TESTS } from './.dependency-cruiser.mjs';

/** @type {import('dependency-cruiser').IConfiguration} */
const config = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      comment:
        'Two folders import each other, directly or through others. Put what both need in a small ' +
        'shared module, or move the function to the folder it belongs to.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^(lib|app|components|apx)/' },
      to: { circular: true },
    },
  ],
  options: {
    ...base.options,
    exclude: { path: [...base.options.exclude.path, ...TESTS] },
    metrics: true,
  },
};

export default config;
