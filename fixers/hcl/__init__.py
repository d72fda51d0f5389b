"""Terraform (HCL) documents: python-hcl2's Lark tree with positions, and edits laid out as terraform fmt does."""
