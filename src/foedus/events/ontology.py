"""The CAMEO and PLOVER ontologies, read from the data tables in ``foedus/data/ontology``.

``cameo.csv`` holds every CAMEO code with its name, root, Goldstein score and QuadClass;
``cameo_plover.csv`` maps each CAMEO code to a PLOVER event type and mode; ``plover.csv`` and
``plover_modes.csv`` define the PLOVER types and modes.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

QUAD_CLASS_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    root: str
    goldstein: float | None  # None: unknown (a user's code with no place in CAMEO's table)
    quad_class: int | None
    description: str
    plover_type: str
    plover_mode: str


class UnknownCodeError(KeyError):
    """A CAMEO code that is not in the ontology table."""


@dataclass(frozen=True)
class Ontology:
    cameo: dict[str, CameoCode]
    plover_types: dict[str, str]  # type -> definition
    plover_modes: dict[tuple[str, str], str]  # (type, mode) -> definition

    def get(self, code: str) -> CameoCode:
        """The entry for ``code``; a code the table lacks falls back to its nearest parent."""
        probe = code
        while probe:
            entry = self.cameo.get(probe)
            if entry is not None:
                return entry
            probe = probe[:-1]
        raise UnknownCodeError(code)

    def entry(self, code: str) -> CameoCode:
        """The entry an event with ``code`` is recorded with; never raises for a numeric code.

        A user's verb dictionary may define codes of its own (PETRARCH's test dictionary has
        "1717", "903", "345"): the event keeps the user's code. A code the table lacks but whose
        parent it has ("1717" under 171) takes the parent's name, root, Goldstein score,
        QuadClass and PLOVER type, as CAMEO's codes are hierarchical by prefix. A code with no
        parent in the table ("903") has its first two digits as root and an unknown Goldstein
        score and QuadClass (None) and PLOVER type (""): foedus does not guess what it means.
        """
        try:
            found = self.get(code)
        except UnknownCodeError:
            if not code.isdigit() or len(code) < 2:
                raise
            return CameoCode(code=code, name=f"code {code} (not in CAMEO)", root=code[:2],
                             goldstein=None, quad_class=None, description="",
                             plover_type="", plover_mode="")
        return found if found.code == code else replace(found, code=code)

    def __contains__(self, code: object) -> bool:
        return code in self.cameo

    def roots(self) -> list[CameoCode]:
        return [c for c in self.cameo.values() if len(c.code) == 2]


def _rows(name: str) -> list[dict[str, str]]:
    path = resources.files("foedus") / "data" / "ontology" / name
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(row for row in handle if not row.startswith("#")))


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    """Read the ontology tables once per process."""
    mapping = {r["cameo_code"]: (r["plover_type"], r.get("plover_mode") or "")
               for r in _rows("cameo_plover.csv")}
    cameo = {}
    for row in _rows("cameo.csv"):
        code = row["code"].strip()
        plover_type, plover_mode = mapping.get(code, ("", ""))
        cameo[code] = CameoCode(
            code=code,
            name=row["name"],
            root=row["root"].strip() or code[:2],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            description=row.get("description", ""),
            plover_type=plover_type,
            plover_mode=plover_mode,
        )
    types = {r["plover_type"]: r["definition"] for r in _rows("plover.csv")}
    modes = {(r["plover_type"], r["mode"]): r["definition"] for r in _rows("plover_modes.csv")}
    return Ontology(cameo, types, modes)
