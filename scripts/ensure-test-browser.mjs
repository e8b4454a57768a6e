// `npm test` drives Debian's Chromium. On a fresh Debian machine (as root) install it; elsewhere say how.
import { execSync } from 'node:child_process';
import fs from 'node:fs';

const chromium = process.env.CLAIMTAG_CHROMIUM ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  const canApt = fs.existsSync('/usr/bin/apt-get') && process.getuid?.() === 0;
  if (!canApt) {
    console.error(`claimtag tests need Chromium at ${chromium}. Install it (Debian: \`apt-get install -y chromium\`) or set CLAIMTAG_CHROMIUM to its path.`);
    process.exit(1);
  }
  console.log('claimtag: installing Debian chromium for the browser tests…');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
}
