"""Independent pure-Python references of the spec, used only by the tests."""
