#!/usr/bin/env bash
# The browser test (test/portal.browser.test.ts) drives Debian's headless Chromium with a CJK
# font. Installs both from Debian's packages when missing (root or passwordless sudo); otherwise
# says what to install — the browser test then fails with the same advice.
set -uo pipefail
if [ -x /usr/bin/chromium ] && dpkg -s fonts-noto-cjk >/dev/null 2>&1; then exit 0; fi
echo "== installing chromium and fonts-noto-cjk for the browser test (Debian packages)"
SUDO=()
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null; then SUDO=(sudo -n); fi
{ "${SUDO[@]}" apt-get update -qq &&
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; } ||
  echo "could not install chromium and fonts-noto-cjk (run: apt-get install chromium fonts-noto-cjk): the browser test will fail"
exit 0
