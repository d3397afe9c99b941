#!/usr/bin/env python3
"""Self-test of tools/gen_tables.py on a copy of the repository's generated files.

A hand edit of a generated block fails --check with a message naming the file and the fix;
regenerating restores the file byte for byte; a lost marker is an error naming the block; and a
row appended to core/tables/fields.tsv reaches every copy (C++ enum and weights, caci.h, the query
field names, Python, the docs). Usage: gen_tables_test.py <repo root>.
"""
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.abspath(sys.argv.pop(1) if len(sys.argv) > 1 else ".")
TOOL = os.path.join(ROOT, "tools", "gen_tables.py")


def load_tool():
    spec = importlib.util.spec_from_file_location("gen_tables", TOOL)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class GenTablesTest(unittest.TestCase):
    def setUp(self):
        gen = load_tool()
        self.files = sorted({path for path, _ in gen.blocks(gen.Tables(ROOT))})
        self.tmp = tempfile.mkdtemp(prefix="gen_tables_test.")
        shutil.copytree(os.path.join(ROOT, "core", "tables"),
                        os.path.join(self.tmp, "core", "tables"))
        for f in self.files:
            os.makedirs(os.path.dirname(os.path.join(self.tmp, f)), exist_ok=True)
            shutil.copyfile(os.path.join(ROOT, f), os.path.join(self.tmp, f))

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def run_tool(self, *args):
        return subprocess.run([sys.executable, TOOL, "--root", self.tmp, *args],
                              capture_output=True, text=True)

    def path(self, f):
        return os.path.join(self.tmp, f)

    def read(self, f):
        with open(self.path(f), encoding="utf-8") as fh:
            return fh.read()

    def write(self, f, text):
        with open(self.path(f), "w", encoding="utf-8") as fh:
            fh.write(text)

    def test_copy_is_current(self):
        self.assertGreaterEqual(len(self.files), 10)
        r = self.run_tool("--check")
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_hand_edit_is_caught_and_regenerated(self):
        header = "capi/include/caci/caci.h"
        original = self.read(header)
        self.assertIn("#define CACI_EINVAL (-1)", original)
        self.write(header, original.replace("#define CACI_EINVAL (-1)", "#define CACI_EINVAL (-99)"))
        r = self.run_tool("--check")
        self.assertEqual(r.returncode, 1)
        self.assertIn(header, r.stderr)
        self.assertIn("python3 tools/gen_tables.py", r.stderr)
        self.assertIn("(-99)", self.read(header))  # --check writes nothing
        r = self.run_tool()
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.read(header), original)

    def test_lost_marker_names_the_block(self):
        f = "core/include/caci/core/status.hpp"
        self.write(f, self.read(f).replace("// END GENERATED: status", "// end"))
        r = self.run_tool("--check")
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("END GENERATED: status", r.stdout + r.stderr)

    def test_new_field_reaches_every_copy(self):
        tsv = "core/tables/fields.tsv"
        self.write(tsv, self.read(tsv) + "abstract\tabstract\t1.25\t\t\tonly in the abstract\n")
        self.assertEqual(self.run_tool("--check").returncode, 1)
        r = self.run_tool()
        self.assertEqual(r.returncode, 0, r.stderr)
        h = self.read("capi/include/caci/caci.h")
        self.assertIn("#define CACI_FIELD_ABSTRACT 5", h)
        self.assertIn("#define CACI_FIELD_COUNT 6", h)
        idx = self.read("core/include/caci/core/index.hpp")
        self.assertTrue("abstract = 5" in idx, "enum Field")
        self.assertTrue("constexpr int kFieldCount = 6;" in idx, "kFieldCount")
        self.assertTrue("{3.0f, 2.0f, 1.5f, 1.0f, 0.5f, 1.25f}" in idx, "default weights")
        self.assertIn('{"abstract", Field::abstract}', self.read("core/src/search/query_ast.hpp"))
        self.assertIn("static_assert(CACI_FIELD_ABSTRACT == int(caci::Field::abstract));",
                      self.read("capi/src/capi_status.cpp"))
        lib = self.read("python/caci/_lib.py")
        self.assertIn("CACI_FIELD_COUNT = 6", lib)
        self.assertIn('"bio", "abstract")', lib)
        for doc in ("README.md", "core/src/search/QUERY.md"):
            self.assertTrue("| `abstract:` | only in the abstract |" in self.read(doc), doc)
        self.assertTrue("against six text fields" in self.read("core/src/search/QUERY.md"))
        self.assertEqual(self.run_tool("--check").returncode, 0)

    def test_values_are_row_order(self):
        gen = load_tool()
        t = gen.Tables(self.tmp)
        self.assertEqual([r["value"] for r in t.fields], list(range(len(t.fields))))
        self.assertEqual([r["value"] for r in t.status][:3], [0, 1, -1])


if __name__ == "__main__":
    unittest.main()
