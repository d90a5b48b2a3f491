#!/usr/bin/env bash
# Installs what Meshy3D needs on a fresh Debian 12 machine, idempotently: Debian's PostgreSQL and
# RabbitMQ (local processes when no container runtime answers), Azurite from npm, and, for the tests,
# Blender (imports FBX/OBJ to check the emulator's files) and Chromium (browser tests).
# Usage: scripts/setup.sh [--tests]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(postgresql rabbitmq-server)
if [[ "${1:-}" == "--tests" ]]; then packages+=(blender python3-numpy chromium); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]} (Debian packages)"
  sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq -o DPkg::Lock::Timeout=900 --no-install-recommends "${missing[@]}" >/dev/null
fi

# Azurite (blob only) for the local platform; npm ci is skipped when the lock file has not changed.
stamp=node_modules/.package-lock.json
if [[ ! -f "$stamp" || package-lock.json -nt "$stamp" ]]; then
  echo "setup: npm ci (Azurite)"
  npm ci --no-audit --no-fund --loglevel=error
fi

dotnet tool restore >/dev/null
