#!/bin/sh
# Runs the browser tests in a network namespace of their own that has only a loopback
# interface, so neither Chromium's ICE nor anything else can reach an address off this host:
# every candidate is 127.0.0.1 or ::1. Needs root (as CI has) or unprivileged user namespaces;
# where neither is available the tests run in the host's namespace instead, with a warning.
set -eu
if unshare --net --map-root-user true 2>/dev/null; then
  exec unshare --net --map-root-user sh -c 'ip link set lo up && exec npx playwright test "$@"' sh "$@"
elif unshare --net true 2>/dev/null; then
  exec unshare --net sh -c 'ip link set lo up && exec npx playwright test "$@"' sh "$@"
fi
echo "run-isolated.sh: cannot create a network namespace; running in the host's (ICE may use its addresses)" >&2
exec npx playwright test "$@"
