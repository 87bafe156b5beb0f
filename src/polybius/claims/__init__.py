"""Claims stage: who says an event happened (attribution) and whether it did (status)."""

from polybius.claims.status import Claim, ClaimAssessor

__all__ = ["Claim", "ClaimAssessor"]
