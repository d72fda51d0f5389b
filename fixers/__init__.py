"""The iacfix engine: finds documented failures in infrastructure code and fixes them with minimal edits."""
