// `npm start` runs this first: one clear line instead of a stack trace when Electron is missing.
import { findElectronBinary } from './electron-binary.mjs';

const found = findElectronBinary();
if (!found.ok) {
  console.error(
    `claimtag cannot start: ${found.reason}. Fix: with internet access, first \`unset ELECTRON_SKIP_BINARY_DOWNLOAD\` (while it is set nothing is downloaded), then run \`node node_modules/electron/install.js\` (or \`rm -rf node_modules && npm install\`), then \`npm start\` again.`,
  );
  process.exit(1);
}
