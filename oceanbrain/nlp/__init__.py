"""Chinese NLP: news and policy text → entity mentions and relations, with evidence offsets.

This subpackage never touches a database; ``oceanbrain.graph`` exports the gazetteer it reads
and writes the facts it returns.
"""
