"""Check holdout47.jsonl; exit 1 on any error (see ../holdout_check.py).

Run: .venv/bin/python tests/nlp/corpus/holdout47/check.py
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from holdout_check import main  # noqa: E402

# Fewer relations than the usual minimum (40): the topic's unused pages name few titled people,
# signings or settlements (see README.md), so this slice is checked against the size it has.
sys.exit(main(HERE, minimums=(25, 250, 27)))
