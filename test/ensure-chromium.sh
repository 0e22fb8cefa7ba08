#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (test tools cannot download a browser
# on these machines), or the Chromium-based browser that NAK_CHROMIUM names.
# Install Debian's if neither is there; say plainly if that cannot be done.
set -euo pipefail
if [ -n "${NAK_CHROMIUM:-}" ]; then
  if [ -x "$NAK_CHROMIUM" ]; then exit 0; fi
  echo "NAK_CHROMIUM=$NAK_CHROMIUM is not an executable browser" >&2
  exit 1
fi
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "the browser tests need Chromium at /usr/bin/chromium: install it (Debian: apt-get install -y chromium), or set NAK_CHROMIUM to a Chromium-based browser" >&2
  exit 1
fi
echo "installing Chromium for the browser tests (apt-get)" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
