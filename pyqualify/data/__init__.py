"""Data shipped with pyqualify: the planning defaults and programme catalogue."""
