#!/usr/bin/env bash
# Installs code-server 4.100.3 (embeds VS Code 1.100.3) into .cache/code-server, once, without GitHub access.
# Needs Debian packages ripgrep, libkrb5-dev, g++, make, python3 (see .ci/run). Re-running is a no-op.
set -euo pipefail
VERSION=4.100.3
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="${CODE_SERVER_DIR:-$ROOT/.cache/code-server}"
BIN="$DEST/node_modules/.bin/code-server"
if [ -x "$BIN" ] && [ "$(cat "$DEST/.installed" 2>/dev/null)" = "$VERSION" ]; then
  echo "code-server $VERSION already installed in $DEST"; exit 0
fi
command -v rg >/dev/null || { echo "install-code-server: ripgrep (rg) is required: apt-get install -y ripgrep" >&2; exit 1; }
mkdir -p "$DEST"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
export TMPDIR="$WORK"
# @vscode/ripgrep's postinstall downloads rg from GitHub; pre-seed its download cache with Debian's rg.
RGC="$WORK/vscode-ripgrep-cache-1.15.11"; mkdir -p "$RGC" "$WORK/rgstage"
cp "$(command -v rg)" "$WORK/rgstage/rg"
tar czf "$RGC/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$WORK/rgstage" rg
cd "$DEST"; [ -f package.json ] || echo '{"name":"code-server-cache","private":true}' > package.json
# unsafe_perm: its postinstall refuses to run as root otherwise; yes: node-pty's postinstall runs `npx node-gyp`;
# nodedir: node-gyp uses the local Node headers instead of downloading them.
npm_config_unsafe_perm=true npm_config_yes=true npm_config_nodedir=/usr \
  npm install "code-server@$VERSION" --no-audit --no-fund --no-save --loglevel=error
XDG_CONFIG_HOME="$WORK/xdg" XDG_DATA_HOME="$WORK/xdg" "$BIN" --version
echo "$VERSION" > "$DEST/.installed"
