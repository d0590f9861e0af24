#!/bin/sh
# Makes a fresh checkout runnable. Always: node_modules (npm ci) when missing
# or older than package-lock.json. With "system": the Debian packages the
# tests drive for real (redis-server and redis-tools for differential tests
# and redis-cli/redis-benchmark, chromium for browser tests, python3).
set -e
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

[ "${1:-}" = system ] || exit 0

missing=""
command -v redis-server >/dev/null 2>&1 || missing="$missing redis-server"
command -v redis-cli >/dev/null 2>&1 || missing="$missing redis-tools"
command -v redis-benchmark >/dev/null 2>&1 || missing="$missing redis-tools"
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v python3 >/dev/null 2>&1 || missing="$missing python3"
[ -z "$missing" ] && exit 0

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "The tests need these Debian packages:$missing" >&2
    echo "Install them with: apt-get install -y redis-tools redis-server chromium python3" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y redis-tools redis-server chromium python3
