"""The roles' actors the access and workflow tests act as."""

from kinerja.access.roles import Actor, Role

ADMIN = Actor("admin", Role.ADMIN)
OPERATOR = Actor("op", Role.OPERATOR, "KESMAS", frozenset({"KESMAS"}))
REVIEWER = Actor("kabid", Role.REVIEWER, "KESMAS", frozenset({"KESMAS"}))
SEKRETARIS = Actor("sek", Role.REVIEWER, "DINKES", frozenset({"DINKES", "SEK", "PK", "KESMAS", "P2P"}))
LEADER = Actor("kadis", Role.LEADER)
