"""Check holdout2.jsonl; exit 1 on any error (see ../holdout_check.py).

holdout2 was the first folder slice: it is checked against dev.jsonl and untouched.jsonl only,
with its own smaller minimums (one of its sentences also appears in dev2, see ../README.md).
Run: .venv/bin/python tests/nlp/corpus/holdout2/check.py
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from holdout_check import main  # noqa: E402

others = [HERE.parent / "dev.jsonl", HERE.parent / "untouched.jsonl"]
sys.exit(main(HERE, minimums=(15, 150, 0), others_from=others))
