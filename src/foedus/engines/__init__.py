"""Execution engines: the same pure pipeline steps in a loop, a process pool or a cluster."""
