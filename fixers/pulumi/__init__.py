"""Pulumi Python programs: libcst's lossless tree, resource constructor calls resolved through imports."""
