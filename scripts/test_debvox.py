#!/usr/bin/python3
"""Unit tests of the pure planning functions of debvox.py (standard library only; no packages
or audio tools needed). Run: /usr/bin/python3 -B scripts/test_debvox.py"""

import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import debvox  # noqa: E402


def fake_source(sid="src"):
    return debvox.Source(sid, "spk", "pkg", "xx", "/nonexistent", r"\.wav$")


class PlanTest(unittest.TestCase):

    def test_long_files_are_cut_into_equal_pieces_and_short_ones_kept(self):
        units = debvox.pieces(["a.wav", "b.wav"], [4.0, 40.0], 15.0)
        self.assertEqual(units[0], ("a.wav", None, 4.0))
        self.assertEqual([u[1] for u in units[1:]], [0.0, 13.333, 26.666])
        self.assertAlmostEqual(sum(u[2] for u in units[1:]), 40.0, places=6)
        self.assertTrue(all(u[2] <= 15.0 for u in units))
        self.assertEqual(debvox.unit_name(units[2]), "b.wav@13.333+13.333")

    def test_segments_reach_the_target_and_are_disjoint(self):
        files = ["f%03d.wav" % i for i in range(200)]
        durations = [1.0 + (i % 7) for i in range(200)]
        plan = debvox.plan_source(fake_source(), files, durations, 1, 15.0, None)
        used = [u for seg in plan for u in seg["files"]]
        self.assertEqual(len(used), len(set(used)))
        for seg in plan:
            self.assertGreaterEqual(seg["planned_seconds"], 15.0)
            self.assertLess(seg["planned_seconds"], 15.0 + 7.0)
        self.assertGreater(len(plan), 40)

    def test_channels_come_in_balanced_blocks_of_eight(self):
        files = ["f%03d.wav" % i for i in range(300)]
        plan = debvox.plan_source(fake_source(), files, [5.0] * 300, 1, 15.0, 32)
        self.assertEqual(len(plan), 32)
        for b in range(4):
            block = [seg["channel"] for seg in plan[8 * b:8 * b + 8]]
            self.assertEqual(sorted(block), sorted(debvox.CHANNELS))

    def test_plan_is_a_function_of_seed_and_source(self):
        files = ["f%03d.wav" % i for i in range(100)]
        d = [3.0] * 100

        def ids(seed, sid):
            return [(s["id"], s["files"], s["channel"], s["noise_offset"])
                    for s in debvox.plan_source(fake_source(sid), files, d, seed, 15.0, 10)]
        self.assertEqual(ids(1, "a"), ids(1, "a"))
        self.assertNotEqual(ids(1, "a")[0][1], ids(2, "a")[0][1])
        self.assertNotEqual(ids(1, "a")[0][1], ids(1, "b")[0][1])

    def test_max_segments_caps_and_names_are_numbered(self):
        files = ["f%03d.wav" % i for i in range(100)]
        plan = debvox.plan_source(fake_source("ast_x"), files, [5.0] * 100, 7, 15.0, 5)
        self.assertEqual([s["id"] for s in plan], ["ast_x_%03d" % k for k in range(5)])

    def test_voice_selection_accepts_speakers_and_sources(self):
        picked = debvox.select_sources("ast_allison,tux_fr")
        self.assertEqual([s.id for s in picked], ["ast_allison_en", "ast_allison_es", "tux_fr"])
        self.assertEqual([s.id for s in debvox.select_sources("ast_allison_en")],
                         ["ast_allison_en"])
        self.assertEqual(len({s.speaker for s in debvox.SOURCES}), 17)

    def test_asterisk_non_speech_prompts_are_excluded(self):
        keep = debvox.SOURCES[0].path_filter
        self.assertFalse(keep("silence/10.wav"))
        self.assertFalse(keep("beep.wav"))
        self.assertFalse(keep("descending-2tone.wav"))
        self.assertTrue(keep("at-tone-time-exactly.wav"))
        self.assertTrue(keep("digits/1.wav"))


if __name__ == "__main__":
    unittest.main()
