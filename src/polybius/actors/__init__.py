"""Actor resolution: noun phrases -> ISO3 country, CAMEO-style sector, and named person or group."""

from polybius.actors.resolver import ActorResolver, ResolvedActor, default_resolver, resolver_for

__all__ = ["ActorResolver", "ResolvedActor", "default_resolver", "resolver_for"]
