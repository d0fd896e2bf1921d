#!/usr/bin/env bash
# Installs code-server (VS Code for the browser, Node extension host) from the npm registry into a cache
# folder outside the clone, keyed by version, so CI runs and developers reuse it. Prints the folder.
# Needs (Debian): libkrb5-dev ripgrep build-essential python3 — its native modules are rebuilt here, and
# rg replaces the ripgrep download that code-server's own postinstall would attempt (no internet).
set -euo pipefail
VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE="${PRECEDENT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/precedent}"
DIR="$CACHE/code-server-$VERSION"
if [ -f "$DIR/.complete" ]; then echo "$DIR"; exit 0; fi
for cmd in rg make g++ python3; do
  command -v "$cmd" >/dev/null || { echo "missing $cmd: apt-get install -y ripgrep build-essential python3 libkrb5-dev" >&2; exit 2; }
done
rm -rf "$DIR" && mkdir -p "$DIR"
cd "$DIR"
echo '{"name":"code-server-cache","private":true}' > package.json
log() { echo "[code-server install] $*" >&2; }
log "npm install code-server@$VERSION into $DIR"
npm install --no-save --no-audit --no-fund --ignore-scripts "code-server@$VERSION" >&2
cd node_modules/code-server/lib/vscode
log "installing VS Code's runtime modules"
npm install --omit=dev --ignore-scripts --no-audit --no-fund >&2
mkdir -p node_modules/@vscode/ripgrep/bin && ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
log "rebuilding native modules"
npm_config_yes=true npm rebuild >&2
ln -sfn node_modules node_modules.asar
cd ../../../..
npm_config_yes=true npm rebuild argon2 >&2
touch "$DIR/.complete"
log "done"
echo "$DIR"
