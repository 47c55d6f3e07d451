#!/usr/bin/env bash
# Debian's chromium for the editor test (test/e2e/editor.e2e.test.ts) and the README pictures
# (test/e2e/editor/pictures.ts). CI runs on a fresh machine of the same kind (Debian 12), so the package is
# installed here when missing (apt-get, non-interactive; sudo only when not root). Prints the browser's path.
# playwright-core drives this browser; `npx playwright install` (downloads from a CDN) is never used.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }

if [ ! -x "$CHROMIUM" ]; then
  echo "chromium.sh: installing chromium with apt-get" >&2
  # One install at a time on this machine (other test runs may get here together); apt waits for dpkg's lock too.
  exec 9>/tmp/vc-e2e-apt.lock
  flock -w 900 9
  if [ ! -x "$CHROMIUM" ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
      --no-install-recommends chromium fonts-liberation >&2
  fi
  exec 9>&-
  [ -x "$CHROMIUM" ] || { echo "chromium.sh: install failed" >&2; exit 1; }
fi
echo "$CHROMIUM"
