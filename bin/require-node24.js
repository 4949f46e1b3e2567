/* global process, console */
// Waypost's TypeScript runs on Node's built-in type stripping, which needs Node.js 24 or newer
// (docs/decisions/001-no-build-step.md). An older Node fails on the first .ts import with
// ERR_UNKNOWN_FILE_EXTENSION and a stack trace; say in one line what to install instead.
// Plain JavaScript that every Node since 12 can run; `npm start`, `npm test` and `waypost` run it first.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `Waypost needs Node.js 24 or newer, and this is Node.js ${process.version}: install Node.js 24 LTS ` +
      '(e.g. `npm install --prefix ~/.cache/node24 node@24` and put ~/.cache/node24/node_modules/.bin first on PATH), then run `npm ci` again.',
  );
  process.exit(1);
}
