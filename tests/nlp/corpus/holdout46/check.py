"""Check holdout46.jsonl; exit 1 on any error (see ../holdout_check.py).

Run: .venv/bin/python tests/nlp/corpus/holdout46/check.py
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from holdout_check import main  # noqa: E402

sys.exit(main(HERE))
