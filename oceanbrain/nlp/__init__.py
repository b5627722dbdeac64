"""Chinese NLP: news and policy text → entity mentions and relations, with evidence offsets.

This subpackage never touches a database; ``oceanbrain.graph`` exports the gazetteer it reads
and writes the facts it returns.
"""

from oceanbrain.nlp.evaluate import evaluate
from oceanbrain.nlp.extract import extract
from oceanbrain.nlp.gazetteer import Gazetteer, GazetteerEntry
from oceanbrain.nlp.pipeline import build_pipeline

__all__ = ["Gazetteer", "GazetteerEntry", "build_pipeline", "evaluate", "extract"]
