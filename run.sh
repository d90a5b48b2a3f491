#!/usr/bin/env bash
# Runs the whole Meshy3D platform locally: installs what it needs, then starts the Aspire AppHost.
# Usage: ./run.sh [--wipe] [--port N] [extra AppHost arguments]
#   --wipe    delete the local data folder (.data/: databases, queues, blobs) before starting
#   --port N  serve the site on http://localhost:N instead of 8080
set -euo pipefail
cd "$(dirname "$0")"

port=8080; args=()
while (($#)); do
  case "$1" in
    --wipe) args+=(--Platform:Wipe=true) ;;
    --port) port="$2"; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done

scripts/setup.sh
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "run: port $port is already taken; stop what uses it or choose another with --port N" >&2
  exit 1
fi

echo "run: site      http://localhost:$port"
echo "run: dashboard http://localhost:18888 (the login link with its token follows below)"
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
exec dotnet run --project AppHost -- --GatewayPort "$port" "${args[@]}"
