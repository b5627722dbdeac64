"""Build holdout47.jsonl from passages.py and annotations.py (this directory).

Run: .venv/bin/python tests/nlp/corpus/holdout47/build.py [--show]  (see ../holdout_build.py)
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from holdout_build import main  # noqa: E402

main(HERE)
