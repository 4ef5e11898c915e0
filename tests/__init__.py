"""Tests of pyqualify."""
