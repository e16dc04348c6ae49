#!/usr/bin/python3
"""DebVox: a speaker-verification corpus built from real voices in Debian packages.

Run through scripts/prepare-debvox.sh (see --help). Standard library only; calls sox, c2enc and
c2dec. Every choice is seeded and every sox call runs with -R (repeatable) and -D (no dither),
so the same packages, options and tool versions give byte-identical WAV files.

Steps
  1. list each source's files (sorted by path) and read their durations from the headers;
  2. shuffle each source's files with a seeded RNG and concatenate them greedily into segments
     of at least --segment-seconds (the remainder that cannot fill a segment is dropped);
     stop at --max-segments per source;
  3. resample every used file to 8 kHz mono 16-bit (cache/8k/, reused across runs);
  4. per segment: concatenate, peak-normalise to -3 dBFS, apply its channel (one of eight,
     assigned in blocks of eight with a seeded permutation, so each block holds every channel
     once), write wav/<id>.wav;
  5. write segments.tsv (with a SHA-256 per WAV) and STAMP (configuration and manifest hashes).
A second run with the same configuration finds STAMP, checks the manifest and the WAVs and
exits; an interrupted run resumes (WAVs are written to a temporary name and renamed).
"""

import argparse
import concurrent.futures
import hashlib
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import time
import wave

VERSION = "debvox-1"  # bump when the output for a given configuration changes
RATE = 8000
CHANNELS = ["clean", "tel_ulaw", "gsm", "amr", "codec2", "mp3", "reverb_noise", "tilt_noise"]
AST = "/usr/share/asterisk/sounds"
FILLETS = "/usr/share/games/fillets-ng/sound"
TUX = "/usr/share/tuxpaint/stamps"
NOISE_POOL_SECONDS = 600


class Source:
    """One voice in one language: the unit that is shuffled and cut into segments."""

    def __init__(self, sid, speaker, package, language, base, pattern, recursive_filter=None,
                 root=None):
        self.id = sid
        self.root = root or base  # file names in the manifest are relative to this
        self.speaker = speaker
        self.package = package
        self.language = language
        self.base = base
        self.pattern = re.compile(pattern)
        self.path_filter = recursive_filter

    def files(self):
        """Relative paths (to base) of this source's audio files, sorted by code point."""
        out = []
        if not os.path.isdir(self.base):
            return out
        for root, dirs, names in os.walk(self.base):
            dirs.sort()
            for n in names:
                rel = os.path.relpath(os.path.join(root, n), self.base)
                if self.pattern.search(n) and (self.path_filter is None or self.path_filter(rel)):
                    out.append(rel)
        return sorted(out)


# Asterisk ships non-speech prompts: 1-10 s of digital silence and beeps/tones. Excluded.
AST_NON_SPEECH = re.compile(r"(^|/)silence/|(^|/)(beep|beeperr|ascending-2tone|descending-2tone)\.wav$")


def _asterisk(sid, speaker, package, language, voice_dir):
    return Source(sid, speaker, package, language, os.path.join(AST, voice_dir), r"\.wav$",
                  lambda rel: not AST_NON_SPEECH.search(rel), root=AST)


def _fillets(lang, char):
    def in_lang(rel):
        return ("/" + rel).split("/")[-2] == lang
    return Source("fil_%s_%s" % (lang, char), "fil_%s_%s" % (lang, char),
                  "fillets-ng-data-" + lang, lang, FILLETS,
                  r"^[^-]+-%s(-.+)?\.ogg$" % char, in_lang)


def _tux(lang):
    return Source("tux_" + lang, "tux_" + lang, "tuxpaint-stamps-default", lang, TUX,
                  r"_desc_%s\.ogg$" % lang)


SOURCES = [
    _asterisk("ast_allison_en", "ast_allison", "asterisk-core-sounds-en-wav", "en", "en_US_f_Allison"),
    _asterisk("ast_allison_es", "ast_allison", "asterisk-core-sounds-es-wav", "es", "es_MX_f_Allison"),
    _asterisk("ast_june", "ast_june", "asterisk-core-sounds-fr-wav", "fr", "fr_CA_f_June"),
    _asterisk("ast_carlo", "ast_carlo", "asterisk-core-sounds-it-wav", "it", "it_IT_m_Carlo"),
    _asterisk("ast_menardi", "ast_menardi", "asterisk-prompt-it-menardi-wav", "it", "it_IT_f_Menardi"),
    _asterisk("ast_ivrru", "ast_ivrru", "asterisk-core-sounds-ru-wav", "ru", "ru_RU_f_IvrvoiceRU"),
    _fillets("cs", "m"), _fillets("cs", "v"), _fillets("nl", "m"), _fillets("nl", "v"),
] + [_tux(l) for l in ["fr", "ru", "ro", "ca", "bg", "es", "be", "el"]]

CI_VOICES = "ast_allison_en,ast_june,ast_carlo"
CI_SEGMENTS = 16


def log(msg):
    sys.stderr.write("[debvox] %s\n" % msg)
    sys.stderr.flush()


def fail(msg):
    sys.stderr.write("prepare-debvox: error: %s\n" % msg)
    sys.exit(2)


# ----------------------------------------------------------------------------- durations

def wav_seconds(path):
    with wave.open(path, "rb") as w:
        return w.getnframes() / float(w.getframerate())


def ogg_vorbis_seconds(path):
    """Duration from the Vorbis identification header (rate) and the last page's granule."""
    with open(path, "rb") as f:
        head = f.read(4096)
        if head[:4] != b"OggS":
            return None
        nseg = head[26]
        body = 27 + nseg
        if head[body:body + 7] != b"\x01vorbis":
            return None
        rate = struct.unpack("<I", head[body + 12:body + 16])[0]
        f.seek(0, os.SEEK_END)
        size = f.tell()
        f.seek(max(0, size - 65536))
        tail = f.read()
    i = tail.rfind(b"OggS")
    if i < 0 or rate <= 0 or i + 14 > len(tail):
        return None
    granule = struct.unpack("<q", tail[i + 6:i + 14])[0]
    return granule / float(rate) if granule >= 0 else None


def seconds(path):
    if path.endswith(".wav"):
        try:
            return wav_seconds(path)
        except (wave.Error, EOFError):
            pass
    elif path.endswith(".ogg"):
        s = ogg_vorbis_seconds(path)
        if s is not None:
            return s
    out = subprocess.run(["soxi", "-D", path], check=True, capture_output=True, text=True)
    return float(out.stdout.strip())


# ----------------------------------------------------------------------------- planning

def pieces(files, durations, segment_seconds):
    """Units of shuffling: whole files, and files longer than a segment cut into equal pieces.

    Each unit is (relative path, start seconds or None, length seconds).
    """
    units = []
    for rel, dur in zip(files, durations):
        if dur <= segment_seconds:
            units.append((rel, None, dur))
        else:
            n = int(-(-dur // segment_seconds))
            step = round(dur / n, 3)
            for k in range(n):
                start = round(k * step, 3)
                length = round(dur - start, 3) if k == n - 1 else step
                units.append((rel, start, length))
    return units


def unit_name(unit):
    rel, start, length = unit
    return rel if start is None else "%s@%.3f+%.3f" % (rel, start, length)


def plan_source(src, files, durations, seed, segment_seconds, max_segments):
    units = pieces(files, durations, segment_seconds)
    order = list(range(len(units)))
    random.Random("%s:%d:%s:files" % (VERSION, seed, src.id)).shuffle(order)
    segments = []
    current, total = [], 0.0
    for i in order:
        if max_segments is not None and len(segments) >= max_segments:
            break
        current.append(units[i])
        total += units[i][2]
        if total >= segment_seconds:
            segments.append((current, total))
            current, total = [], 0.0
    channel_rng = random.Random("%s:%d:%s:channels" % (VERSION, seed, src.id))
    planned = []
    block = []
    for k, (used, dur) in enumerate(segments):
        if k % len(CHANNELS) == 0:
            block = list(CHANNELS)
            channel_rng.shuffle(block)
        seg_id = "%s_%03d" % (src.id, k)
        noise_rng = random.Random("%s:%d:%s:noise" % (VERSION, seed, seg_id))
        noise_offset = round(noise_rng.uniform(0, NOISE_POOL_SECONDS - 2 * segment_seconds - 60), 3)
        planned.append({
            "id": seg_id, "source": src, "files": used, "planned_seconds": dur,
            "channel": block[k % len(CHANNELS)], "noise_offset": noise_offset,
        })
    return planned


# ----------------------------------------------------------------------------- processing

def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, **kw)
    if r.returncode != 0:
        raise RuntimeError("command failed (%d): %s\n%s" % (
            r.returncode, " ".join(cmd), r.stderr.decode("utf-8", "replace")))
    return r


def sox(*args):
    return run(["sox", "-R", "-D", "-V1"] + [str(a) for a in args])


def cache_name(src, rel):
    return os.path.join(src.id, rel.replace(os.sep, "__").rsplit(".", 1)[0] + ".wav")


def resample(job):
    src_path, dst = job
    if os.path.exists(dst):
        return False
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    tmp = dst + ".tmp.wav"
    sox("-G", src_path, "-r", RATE, "-c", 1, "-b", 16, "-e", "signed-integer", tmp)
    os.replace(tmp, dst)
    return True


def apply_channel(channel, clean, out, work, noise_dir, noise_offset):
    def w(name):
        return os.path.join(work, name)
    if channel == "clean":
        shutil.copyfile(clean, out)
    elif channel == "tel_ulaw":
        sox(clean, "-e", "u-law", w("u.wav"), "sinc", "300-3400")
        sox(w("u.wav"), "-e", "signed-integer", "-b", 16, out)
    elif channel == "gsm":
        sox(clean, w("x.gsm"))
        sox(w("x.gsm"), "-e", "signed-integer", "-b", 16, out)
    elif channel == "amr":
        sox(clean, "-C", 0, w("x.amr-nb"))
        sox(w("x.amr-nb"), "-e", "signed-integer", "-b", 16, out)
    elif channel == "codec2":
        sox(clean, "-t", "raw", "-e", "signed-integer", "-b", 16, w("x.raw"))
        run(["c2enc", "1300", w("x.raw"), w("x.c2")])
        run(["c2dec", "1300", w("x.c2"), w("y.raw")])
        sox("-t", "raw", "-r", RATE, "-e", "signed-integer", "-b", 16, "-c", 1, w("y.raw"), out)
    elif channel == "mp3":
        sox(clean, "-C", 8, w("x.mp3"))
        sox(w("x.mp3"), "-r", RATE, "-c", 1, "-e", "signed-integer", "-b", 16, out)
    elif channel in ("reverb_noise", "tilt_noise"):
        if channel == "reverb_noise":
            sox(clean, w("s.wav"), "reverb", 60, 50, 80, "remix", 1)
            pool = os.path.join(noise_dir, "pink.wav")
        else:
            sox(clean, w("s.wav"), "bass", "+8", "treble", "-8", "vol", 0.7)
            pool = os.path.join(noise_dir, "brown.wav")
        dur = wav_seconds(w("s.wav"))
        offset = max(0.0, min(noise_offset, NOISE_POOL_SECONDS - dur - 1))
        sox(pool, w("n.wav"), "trim", "%.3f" % offset, "%.6f" % dur)
        sox("-m", w("s.wav"), w("n.wav"), "-e", "signed-integer", "-b", 16, out)
    else:
        raise ValueError(channel)


def build_segment(job):
    seg, out_dir, cache_dir, noise_dir = job
    final = os.path.join(out_dir, "wav", seg["id"] + ".wav")
    if os.path.exists(final):
        return False
    work = os.path.join(out_dir, "tmp", seg["id"])
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    src = seg["source"]
    inputs = []
    for k, (rel, start, length) in enumerate(seg["files"]):
        cached = os.path.join(cache_dir, cache_name(src, rel))
        if start is None:
            inputs.append(cached)
        else:
            piece = os.path.join(work, "piece%03d.wav" % k)
            sox(cached, piece, "trim", "%.3f" % start, "%.3f" % length)
            inputs.append(piece)
    clean = os.path.join(work, "clean.wav")
    sox(*(inputs + [clean, "norm", -3]))
    tmp = final + ".tmp.wav"
    apply_channel(seg["channel"], clean, tmp, work, noise_dir, seg["noise_offset"])
    os.replace(tmp, final)
    shutil.rmtree(work, ignore_errors=True)
    return True


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def parallel(fn, jobs, workers, label):
    done = 0
    made = 0
    total = len(jobs)
    last = time.time()
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        for result in pool.map(fn, jobs):
            done += 1
            made += 1 if result else 0
            now = time.time()
            if now - last >= 5 or done == total:
                log("%s %d/%d (%d new)" % (label, done, total, made))
                last = now
    return made


# ----------------------------------------------------------------------------- stamp

def read_stamp(path):
    out = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if "=" in line:
                    k, v = line.rstrip("\n").split("=", 1)
                    out[k] = v
    return out


def write_atomic(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    os.replace(tmp, path)


def up_to_date(out_dir, config_hash):
    stamp = read_stamp(os.path.join(out_dir, "STAMP"))
    manifest = os.path.join(out_dir, "segments.tsv")
    if stamp.get("config") != config_hash or not os.path.exists(manifest):
        return False
    if sha256_file(manifest) != stamp.get("manifest_sha256"):
        return False
    with open(manifest, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        ip = header.index("path")
        for line in f:
            if not os.path.exists(os.path.join(out_dir, line.rstrip("\n").split("\t")[ip])):
                return False
    return True


# ----------------------------------------------------------------------------- main

def check_tools():
    missing = [t for t in ("sox", "soxi", "c2enc", "c2dec") if shutil.which(t) is None]
    if missing:
        fail("missing %s; install: apt-get install -y --no-install-recommends sox libsox-fmt-all codec2"
             % ", ".join(missing))
    formats = run(["sox", "-h"]).stdout.decode()
    for fmt in ("mp3", "amr-nb", "gsm", "ogg"):
        if not re.search(r"\b%s\b" % re.escape(fmt), formats.split("AUDIO FILE FORMATS:")[1].split("\n")[0]):
            fail("sox cannot handle %s; install: apt-get install -y --no-install-recommends libsox-fmt-all" % fmt)


def select_sources(spec):
    by_id = {s.id: s for s in SOURCES}
    speakers = {}
    for s in SOURCES:
        speakers.setdefault(s.speaker, []).append(s)
    chosen = []
    for name in [v.strip() for v in spec.split(",") if v.strip()]:
        if name in by_id:
            picked = [by_id[name]]
        elif name in speakers:
            picked = speakers[name]
        else:
            fail("unknown voice '%s'; choose speaker ids %s or source ids %s"
                 % (name, sorted(speakers), sorted(by_id)))
        for p in picked:
            if p not in chosen:
                chosen.append(p)
    if not chosen:
        fail("--voices selects nothing")
    return [s for s in SOURCES if s in chosen]


def main(argv):
    default_root = os.path.join(os.environ.get("EMKIT_DATA") or os.path.join(
        os.path.expanduser("~"), ".cache", "emkit"))
    p = argparse.ArgumentParser(
        prog="prepare-debvox.sh",
        description="Build the DebVox speaker-verification corpus from installed Debian packages "
                    "(real voices; sessions simulated by real codecs). Deterministic and idempotent.",
        epilog="Speakers: " + ", ".join(sorted({s.speaker for s in SOURCES})) +
               ". Source ids (one voice, one language): " + ", ".join(s.id for s in SOURCES) + ".")
    p.add_argument("--out", help="output directory (default: $EMKIT_DATA/debvox, or "
                   "~/.cache/emkit/debvox; debvox-ci with --ci)")
    p.add_argument("--voices", help="comma-separated speaker or source ids (default: all; "
                   "with --ci: %s)" % CI_VOICES)
    p.add_argument("--max-segments", default=None,
                   help="segments per source, a number or 'all' (default 60; with --ci %d)" % CI_SEGMENTS)
    p.add_argument("--segment-seconds", type=float, default=15.0,
                   help="minimum segment length; files are added until it is reached (default 15)")
    p.add_argument("--seed", type=int, default=1, help="seed of all random choices (default 1)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="parallel sox processes (default: number of CPUs); the output does not depend on it")
    p.add_argument("--ci", action="store_true",
                   help="small subset for CI: 3 Asterisk voices (packages asterisk-core-sounds-"
                        "en-wav, -fr-wav, -it-wav), %d segments each" % CI_SEGMENTS)
    p.add_argument("--list", action="store_true", help="list voices, packages and availability, then exit")
    a = p.parse_args(argv)

    if a.list:
        for s in SOURCES:
            n = len(s.files())
            sys.stdout.write("%-16s speaker=%-12s lang=%-3s %-32s %s\n" % (
                s.id, s.speaker, s.language, s.package, "%d files" % n if n else "NOT INSTALLED"))
        return 0

    voices = a.voices or (CI_VOICES if a.ci else ",".join(s.id for s in SOURCES))
    max_arg = a.max_segments or (str(CI_SEGMENTS) if a.ci else "60")
    if max_arg == "all":
        max_segments = None
    else:
        try:
            max_segments = int(max_arg)
        except ValueError:
            fail("--max-segments must be a positive integer or 'all', got '%s'" % max_arg)
        if max_segments < 1:
            fail("--max-segments must be a positive integer or 'all', got '%s'" % max_arg)
    if not a.segment_seconds > 0:
        fail("--segment-seconds must be > 0, got %s" % a.segment_seconds)
    if a.jobs < 1:
        fail("--jobs must be >= 1, got %d" % a.jobs)
    out_dir = os.path.abspath(a.out or os.path.join(default_root, "debvox-ci" if a.ci else "debvox"))
    sources = select_sources(voices)

    check_tools()
    listing = {}
    for s in sources:
        files = s.files()
        if not files:
            fail("no audio for %s under %s; install: apt-get install -y --no-install-recommends %s"
                 % (s.id, s.base, s.package))
        for rel in files:
            if any(c in rel for c in ",@\t\n"):
                fail("file name with a comma, @ or tab is not supported: %s" % rel)
        listing[s.id] = files

    h = hashlib.sha256()
    h.update(("%s|seed=%d|seconds=%r|max=%s|rate=%d|channels=%s\n" % (
        VERSION, a.seed, a.segment_seconds, max_segments, RATE, ",".join(CHANNELS))).encode())
    for s in sources:
        h.update(("source %s %s %s %s\n" % (s.id, s.speaker, s.package, s.language)).encode())
        for rel in listing[s.id]:
            h.update(("%s %d\n" % (rel, os.path.getsize(os.path.join(s.base, rel)))).encode())
    config_hash = h.hexdigest()

    if up_to_date(out_dir, config_hash):
        log("up to date: %s (config %s)" % (out_dir, config_hash[:12]))
        return 0

    t0 = time.time()
    os.makedirs(out_dir, exist_ok=True)
    stamp = read_stamp(os.path.join(out_dir, "STAMP"))
    wav_dir = os.path.join(out_dir, "wav")
    if stamp.get("config") != config_hash and os.path.isdir(wav_dir):
        log("configuration changed: removing old segments in %s" % wav_dir)
        shutil.rmtree(wav_dir)
        shutil.rmtree(os.path.join(out_dir, "tmp"), ignore_errors=True)
    write_atomic(os.path.join(out_dir, "STAMP"), "version=%s\nconfig=%s\nstate=incomplete\n"
                 % (VERSION, config_hash))
    os.makedirs(wav_dir, exist_ok=True)
    cache_dir = os.path.join(out_dir, "cache", "8k")
    noise_dir = os.path.join(out_dir, "cache", "noise")

    log("planning %d sources (seed %d, >= %.1f s per segment, max %s per source)"
        % (len(sources), a.seed, a.segment_seconds, max_arg))
    plan = []
    for s in sources:
        files = listing[s.id]
        durations = [seconds(os.path.join(s.base, rel)) for rel in files]
        segs = plan_source(s, files, durations, a.seed, a.segment_seconds, max_segments)
        log("  %-16s %5d files %7.1f min -> %d segments" % (
            s.id, len(files), sum(durations) / 60, len(segs)))
        plan.extend(segs)

    jobs = []
    seen = set()
    for seg in plan:
        for rel, _, _ in seg["files"]:
            dst = os.path.join(cache_dir, cache_name(seg["source"], rel))
            if dst not in seen:
                seen.add(dst)
                jobs.append((os.path.join(seg["source"].base, rel), dst))
    parallel(resample, jobs, a.jobs, "resample to 8 kHz")

    os.makedirs(noise_dir, exist_ok=True)
    for kind, vol in (("pink", "0.03"), ("brown", "0.02")):
        path = os.path.join(noise_dir, kind + ".wav")
        if not os.path.exists(path):
            sox("-n", "-r", RATE, "-c", 1, "-b", 16, path + ".tmp.wav", "synth",
                NOISE_POOL_SECONDS, kind + "noise", "vol", vol)
            os.replace(path + ".tmp.wav", path)

    parallel(build_segment, [(seg, out_dir, cache_dir, noise_dir) for seg in plan], a.jobs,
             "segments")
    shutil.rmtree(os.path.join(out_dir, "tmp"), ignore_errors=True)

    rows = ["id\tspeaker\tpath\tsource\tpackage\tlanguage\tchannel\tduration\tnum_files\tfiles\tsha256"]
    for seg in plan:
        s = seg["source"]
        rel_wav = "wav/%s.wav" % seg["id"]
        full = os.path.join(out_dir, rel_wav)
        files = ",".join(unit_name((os.path.relpath(os.path.join(s.base, u[0]), s.root),) + u[1:])
                         for u in seg["files"])
        rows.append("\t".join([seg["id"], s.speaker, rel_wav, s.id, s.package, s.language,
                               seg["channel"], "%.3f" % wav_seconds(full), str(len(seg["files"])),
                               files, sha256_file(full)]))
    manifest = os.path.join(out_dir, "segments.tsv")
    write_atomic(manifest, "\n".join(rows) + "\n")
    sox_version = run(["sox", "--version"]).stdout.decode().strip()
    write_atomic(os.path.join(out_dir, "STAMP"),
                 "version=%s\nconfig=%s\nmanifest_sha256=%s\nsegments=%d\nseed=%d\n"
                 "segment_seconds=%r\nmax_segments=%s\nvoices=%s\nsox=%s\nstate=complete\n"
                 % (VERSION, config_hash, sha256_file(manifest), len(plan), a.seed,
                    a.segment_seconds, max_arg, ",".join(s.id for s in sources), sox_version))
    counts = {}
    for seg in plan:
        counts[seg["source"].speaker] = counts.get(seg["source"].speaker, 0) + 1
    log("wrote %d segments for %d speakers in %.1f s: %s" % (
        len(plan), len(counts), time.time() - t0, manifest))
    log("segments per speaker: " + ", ".join("%s %d" % kv for kv in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
