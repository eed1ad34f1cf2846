#!/usr/bin/env bash
# Installs what the test suite needs from Debian's packages when it is missing: Chromium and
# Noto fonts for the browser tests, PostgreSQL 15 server binaries for the PostgreSQL tests.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s fonts-noto-core >/dev/null 2>&1 || missing+=(fonts-noto-core)
if [ -z "${RASAD_PG_BIN:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing+=(postgresql-15)
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "installing test dependencies: ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
