#!/usr/bin/env bash
# make check's sample of make torture (tests/torture/run.sh), seconds
# instead of minutes: four kills (one of each kind: a new build on one
# job, a parallel build with its merge, an update, a delete), the full
# disk, small hostile files and a few seconds of wrk on FastCGI. Where
# the kills land is random; what must hold after each is not.
here=$(cd "$(dirname "$0")" && pwd)
TORTURE_SMALL=1 TORTURE_KILLS=4 TORTURE_WRK_SECONDS=3 TORTURE_BIG=16M \
TORTURE_BOMB=64M TORTURE_JUNK=2M TORTURE_DISK=5m TORTURE_NAME=$(basename "$0") exec bash "$here/../torture/run.sh" "$@"
