#!/usr/bin/env bash
# What the rendering test needs beyond npm: Debian's Chromium (playwright-core never downloads a browser) and
# the emoji font that makes its screenshots show the markers as GitHub does. Installed only when missing;
# CHROMIUM_PATH names another build and skips the install.
set -euo pipefail
browser="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ -x "$browser" ]]; then exit 0; fi
if [[ -n "${CHROMIUM_PATH:-}" ]]; then
  echo "CHROMIUM_PATH is $CHROMIUM_PATH, which is not an executable file: point it at a Chromium build." >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "The rendering test needs Chromium at /usr/bin/chromium and this machine has no apt-get to install it: install Chromium and set CHROMIUM_PATH to it." >&2
  exit 1
fi
sudo_if_needed=()
if [[ "$(id -u)" != 0 ]]; then sudo_if_needed=(sudo); fi
echo "Installing Debian's chromium and fonts-noto-color-emoji for the rendering test."
"${sudo_if_needed[@]}" apt-get update
"${sudo_if_needed[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium fonts-noto-color-emoji
