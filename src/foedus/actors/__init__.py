"""Actors: dictionaries (data files) and the resolver that maps mentions to actor codes."""
