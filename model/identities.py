"""The arithmetic identities of taxonomy.json, expanded to concrete equations.

One place does the arithmetic: the table reader uses `consistent` to choose
among the readings of a row, the checks use `equations` to report each
identity that holds or fails. An identity is `sum(parts) = sum(total)`, with
placeholders ({R} a table-三 row, {C} a column, {B} a table-四 block) bound to
every value the taxonomy lists.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache

from model.taxonomy import identities, tables


@dataclass(frozen=True)
class Equation:
    rule: str
    parts: tuple[str, ...]
    total: tuple[str, ...]
    may_lack: int          # parts that may be absent (rows a format does not have)
    binding: tuple[tuple[str, str], ...]

    def terms(self) -> tuple[str, ...]:
        return self.parts + self.total

    def sides(self, values: dict[str, float]) -> tuple[float, float] | None:
        """(sum of parts, sum of total), or None where the report lacks too much."""
        if any(t not in values for t in self.total):
            return None
        present = [p for p in self.parts if p in values]
        if len(self.parts) - len(present) > self.may_lack or not present:
            return None
        return sum(values[p] for p in present), sum(values[t] for t in self.total)


def _domains() -> dict[str, list[str]]:
    t = tables()
    return {"t3.rows": [r["row"] for r in t["t3"]["rows"]], "t3.columns": list(t["t3"]["columns"]),
            "t4.blocks": list(t["t4"]["blocks"])}


@lru_cache(maxsize=1)
def equations() -> tuple[Equation, ...]:
    domains = _domains()
    out = []
    for ident in identities():
        names = list(ident.get("for", {}))
        for combo in itertools.product(*[domains[ident["for"][n]] for n in names]):
            bind = dict(zip(names, combo))
            out.append(Equation(ident["id"], tuple(p.format(**bind) for p in ident["parts"]),
                                tuple(t.format(**bind) for t in ident["total"]),
                                ident.get("may_lack", 0), tuple(bind.items())))
    return tuple(out)


@lru_cache(maxsize=1)
def _by_metric() -> dict[str, list[Equation]]:
    index: dict[str, list[Equation]] = {}
    for eq in equations():
        for term in eq.terms():
            index.setdefault(term, []).append(eq)
    return index


def parts_over_whole(values: dict[str, float]) -> list[tuple[Equation, str]]:
    """(equation, part) where one known part exceeds its known whole (a channel's count above the
    year's total): whatever the other parts are, the two cannot both be what they say. Only the
    identities of prose figures (without table placeholders): a table's are checked whole."""
    out = []
    for eq in equations():
        if not eq.binding and all(t in values for t in eq.total):
            whole = sum(values[t] for t in eq.total)
            out += [(eq, p) for p in eq.parts if p in values and values[p] > whole + 1e-6]
    return out


def consistent(values: dict[str, float], changed: list[str] | None = None) -> bool:
    """No equation whose every term is known fails (only those touching `changed`)."""
    eqs = {eq for m in changed for eq in _by_metric().get(m, [])} if changed is not None else equations()
    for eq in eqs:
        if all(t in values for t in eq.terms()):
            a, b = eq.sides(values)
            if abs(a - b) > 1e-6:
                return False
    return True
