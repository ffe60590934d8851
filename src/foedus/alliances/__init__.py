"""Alliances: the knowledge base of who is allied to whom, since when, with what promise."""

from foedus.alliances.kb import (
    OBLIGATION_TYPES,
    Alliance,
    AllianceBase,
    AllianceError,
    Membership,
    Obligation,
    is_member,
    load_alliances,
    load_file,
    members,
    shipped_files,
)

__all__ = [
    "OBLIGATION_TYPES",
    "Alliance",
    "AllianceBase",
    "AllianceError",
    "Membership",
    "Obligation",
    "is_member",
    "load_alliances",
    "load_file",
    "members",
    "shipped_files",
]
