// Runs first in `npm start`, `npm test` and the other scripts, before tsx or anything else loads:
// plain CommonJS that even old Node versions parse, so the first thing a newcomer on an old Node
// reads is which Node this project needs and how to get it. Exits 1 when the running Node is older.
'use strict';

var REQUIRED = [22, 12, 0];

function parse(version) {
  return String(version).replace(/^v/, '').split('.').map(function (n) {
    return parseInt(n, 10) || 0;
  });
}

function olderThan(a, b) {
  for (var i = 0; i < 3; i++) {
    if (a[i] !== b[i]) return a[i] < b[i];
  }
  return false;
}

function message(version, execPath, platform, arch) {
  var os = platform === 'win32' ? 'win' : platform;
  var prefix = platform === 'win32' ? 'C:\\node24' : '/opt/node24';
  var bin = platform === 'win32' ? prefix : prefix + '/bin';
  var path = platform === 'win32' ? 'set PATH=' + bin + ';%PATH%' : 'export PATH=' + bin + ':$PATH';
  return [
    '',
    '✖ Appliance Exchange needs Node.js 22.12 or newer (Node 24 recommended); this is Node ' + version + ' (' + execPath + ').',
    '',
    '  Install Node 24 beside the system one, then use it in this shell:',
    '',
    '    npm install -g --prefix ' + prefix + ' node-' + os + '-' + arch + '@24',
    '    ' + path,
    '',
    '  (or, with nvm: nvm install && nvm use — the project has an .nvmrc), and run the command again.',
    '',
  ].join('\n');
}

module.exports = { REQUIRED: REQUIRED, parse: parse, olderThan: olderThan, message: message };

if (require.main === module) {
  if (olderThan(parse(process.versions.node), REQUIRED)) {
    process.stderr.write(message(process.versions.node, process.execPath, process.platform, process.arch) + '\n');
    process.exit(1);
  }
}
