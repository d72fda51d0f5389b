"""CloudFormation templates (YAML and JSON): composed YAML nodes with positions, and edits in the file's style."""
