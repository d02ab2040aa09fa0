#!/usr/bin/env bash
# Browser tests drive Debian's Chromium through playwright-core; install it when it is missing.
# (Never a browser download: playwright's own builds are not reachable from these machines.)
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo "chromium is missing: installing Debian's package (about 30 s)"
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
