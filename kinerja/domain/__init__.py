"""The numbers of SAKIP: achievement rules, the recap built on them, Indonesian numbers and words,
and the problems found in a user's input."""
