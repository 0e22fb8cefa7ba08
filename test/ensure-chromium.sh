#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (test tools cannot download a browser
# on these machines). Install it if it is missing; say plainly if that cannot be done.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "the browser tests need Chromium at /usr/bin/chromium: install it (Debian: apt-get install -y chromium)" >&2
  exit 1
fi
echo "installing Chromium for the browser tests (apt-get)" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
