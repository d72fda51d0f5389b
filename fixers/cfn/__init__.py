"""CloudFormation templates (YAML and JSON): ruamel.yaml's composed nodes with positions, and edits in the file's style."""
