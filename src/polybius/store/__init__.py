"""Store stage: an embedded SQLite database of articles, events, event clusters and claim links."""

from polybius.store.sqlite import Standing, Store, StoreError, cluster_key

__all__ = ["Standing", "Store", "StoreError", "cluster_key"]
