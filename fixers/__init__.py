"""The iacfix engine: finds documented failures in infrastructure code and fixes them with minimal edits."""

__version__ = "0.1.0"
