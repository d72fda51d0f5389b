"""IAM knowledge shared by the three languages: the action dataset, per-service profiles, handler calls, narrowing.

Nothing here knows a parser: the language packages read policy statements out of their files and write the
narrowed statements back; this package decides what a least-privilege statement is.
"""
