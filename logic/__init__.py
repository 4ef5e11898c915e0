"""The ASP rules of pyqualify, shipped as package data (``pyqualify.logic``)."""
