"""The GitHub App around the engine: webhook server, queue, jobs, GitHub client and publishing; and the CLI."""
