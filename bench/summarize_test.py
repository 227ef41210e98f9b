"""bench/summarize.py writes one section of bench/RESULTS.md and keeps the rest as it was:
the sections written by hand carry no markers and must survive a benchmark run."""

import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import summarize  # noqa: E402

RESULTS = """# Benchmark results

<!-- results 10000 -->
## 10,000 generated deals, the old run
<!-- end results -->

<!-- judged -->
## Ranking, the old scores
<!-- end judged -->

## A million deals, written by hand

No markers around it.
"""


class WriteSectionTest(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.directory.name, "RESULTS.md")
        with open(self.path, "w") as f:
            f.write(RESULTS)

    def tearDown(self):
        self.directory.cleanup()

    def written(self):
        with open(self.path) as f:
            return f.read()

    def test_a_new_run_replaces_its_size_and_keeps_the_text_written_by_hand(self):
        summarize.write_section(self.path, 10000, "## 10,000 generated deals, the new run")
        self.assertEqual(RESULTS.replace("the old run", "the new run"), self.written())

    def test_a_new_size_goes_in_order_among_the_sizes(self):
        summarize.write_section(self.path, 100000, "## 100,000")
        summarize.write_section(self.path, 2000, "## 2,000")
        text = self.written()
        self.assertLess(text.index("## 2,000"), text.index("## 10,000"))
        self.assertLess(text.index("## 10,000"), text.index("## 100,000"))
        self.assertLess(text.index("## 100,000"), text.index("## Ranking"))
        self.assertIn("No markers around it.", text)

    def test_a_named_section_is_replaced_in_place(self):
        summarize.write_named_section(self.path, "judged", "## Ranking, the new scores")
        self.assertEqual(RESULTS.replace("the old scores", "the new scores"), self.written())

    def test_a_new_named_section_goes_at_the_end(self):
        summarize.write_named_section(self.path, "soak", "## Soak")
        self.assertTrue(self.written().startswith(RESULTS))
        self.assertTrue(self.written().endswith("<!-- soak -->\n## Soak\n<!-- end soak -->\n"))

    def test_a_missing_file_gets_the_header_and_the_section(self):
        os.remove(self.path)
        summarize.write_section(self.path, 1000, "## 1,000")
        self.assertTrue(self.written().startswith(summarize.HEADER))
        self.assertIn("<!-- results 1000 -->\n## 1,000\n<!-- end results -->", self.written())


if __name__ == "__main__":
    unittest.main()
