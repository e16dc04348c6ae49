#!/usr/bin/env bash
# Builds the DebVox speaker-verification corpus from installed Debian packages: real voices
# (Asterisk prompts, Fish Fillets dialogue, Tux Paint stamp descriptions), every file resampled
# to 8 kHz mono 16-bit, shuffled with a fixed seed, concatenated into ~15 s segments, each
# segment passed through one of eight channels made with real codecs. Deterministic (seeded
# choices, sox -R -D) and idempotent (STAMP + segments.tsv checksums). Progress goes to stderr.
#
#   scripts/prepare-debvox.sh --ci          # CI subset: 3 Asterisk voices x 16 segments
#   scripts/prepare-debvox.sh               # all 17 speakers, up to 60 segments per source
#   scripts/prepare-debvox.sh --list        # voices, packages, availability
#   scripts/prepare-debvox.sh --help        # every option
#
# Output: ${EMKIT_DATA:-$HOME/.cache/emkit}/debvox[-ci]/{segments.tsv,STAMP,wav/,cache/}
#
# Packages (Debian bookworm, main):
#   tools: sox libsox-fmt-all codec2
#   CI subset: asterisk-core-sounds-en-wav asterisk-core-sounds-fr-wav asterisk-core-sounds-it-wav
#   full: + asterisk-core-sounds-es-wav asterisk-core-sounds-ru-wav asterisk-prompt-it-menardi-wav
#           fillets-ng-data-cs fillets-ng-data-nl tuxpaint-stamps-default
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [[ ! -x /usr/bin/python3 ]]; then
  echo "prepare-debvox: error: /usr/bin/python3 is required (apt-get install -y python3-minimal)" >&2
  exit 2
fi
# The system interpreter, not a virtualenv or pyenv shim: only the standard library is used.
exec /usr/bin/python3 -S -B "$here/debvox.py" "$@"
