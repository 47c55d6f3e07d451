#!/usr/bin/env bash
# Installs a pinned n8n into a cache folder outside the clone, once per version.
# CI runs on fresh clones of the same machine: the cache saves a ~5 minute install per run.
set -euo pipefail
N8N_VERSION="${N8N_VERSION:-1.123.81}"
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-video-conferencing/n8n-$N8N_VERSION}"
if [ -x "$CACHE/node_modules/.bin/n8n" ] && [ -f "$CACHE/.installed" ]; then
  echo "$CACHE"; exit 0
fi
mkdir -p "$CACHE"
cd "$CACHE"
# xlsx's default tarball host is unreachable here; isolated-vm 5 builds on Node 20.
cat > package.json <<JSON
{ "name": "n8n-e2e-runtime", "private": true,
  "dependencies": { "n8n": "$N8N_VERSION" },
  "overrides": { "xlsx": "0.18.5", "isolated-vm": "5.0.4" } }
JSON
npm install --no-audit --no-fund --loglevel=error >&2
touch .installed
echo "$CACHE"
