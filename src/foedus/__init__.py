"""foedus: code English news into political events and measure how alliances hold together."""

__version__ = "0.1.0"
