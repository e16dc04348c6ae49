#!/usr/bin/env bash
# emkit set-up for a fresh Debian 12 machine: installs the system packages the build, the
# tests and the examples need (when run as root and they are missing), then builds the
# project (unless --deps-only). Idempotent: a second run installs nothing and rebuilds quickly.
#
#   scripts/setup.sh              install packages + build everything (skips tests) + ./emkit launcher
#   scripts/setup.sh --deps-only  install packages only
set -euo pipefail
cd "$(dirname "$0")/.."

DEPS_ONLY=0
[ "${1:-}" = "--deps-only" ] && DEPS_ONLY=1

# Build: JDK 17 + Maven. Tests: h5py/numpy (HDF5 interop), hdf5-tools, VLFeat + gcc (Fisher-vector
# peer check), sphinxbase-utils (MFCC oracle), sox/codec2 + Asterisk voices (speaker pipeline),
# Fashion-MNIST (image example).
PACKAGES="openjdk-17-jdk-headless maven python3-h5py python3-numpy python3-sklearn hdf5-tools
  libvlfeat-dev gcc libc6-dev
  sphinxbase-utils sox libsox-fmt-all codec2
  asterisk-core-sounds-en-wav asterisk-core-sounds-fr-wav asterisk-core-sounds-it-wav
  dataset-fashion-mnist"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing$missing" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >&2
  else
    echo "setup: missing Debian packages:$missing" >&2
    echo "       install them with: sudo apt-get install --no-install-recommends$missing" >&2
    exit 1
  fi
fi
[ "$DEPS_ONLY" = 1 ] && exit 0

echo "setup: building (mvn package, tests skipped)" >&2
mvn -B -q -ntp package -DskipTests >&2
echo "setup: done" >&2
