"""Ingest stage: turn files, stdin and JSONL batches into `Article`s (or recorded errors)."""

from polybius.ingest.readers import IngestError, read_bytes, read_jsonl, read_path

__all__ = ["IngestError", "read_bytes", "read_jsonl", "read_path"]
