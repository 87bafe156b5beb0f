"""Store stage: an embedded SQLite database of articles, events, event clusters and claim links."""

from polybius.store.sqlite import Store, cluster_key

__all__ = ["Store", "cluster_key"]
