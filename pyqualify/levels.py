"""The four levels of the qualification, and how a route ID names its level.

Level 4 (四级/中级工) is the lowest, level 1 (一级/高级技师) the top (docs/rules.md).  Every
list of levels in the answers runs 4, 3, 2, 1.  A route ID starts with its level
(``L3-1b`` is a route to level 3); ``route/2`` of ``logic/rules.lp`` says the same, and a
test holds the two together.
"""

from __future__ import annotations

LEVELS = (4, 3, 2, 1)


def route_level(route: str) -> int:
    """The level of a route ID (``L3-1b`` -> 3)."""
    return int(route[1])


def route_order(route: str) -> tuple[int, str]:
    """The order of docs/rules.md: level 4 first, then by clause."""
    return (-route_level(route), route)
