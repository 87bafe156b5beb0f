"""Event coding: the action ontology and the pattern-based coder that assigns CAMEO codes."""
