"""Events: the ontology tables, the trigger patterns and the coder."""
