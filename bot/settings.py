"""The App's configuration, read from ``IACFIX_*`` environment variables (and an optional ``.env`` file)."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from iacfix.fixers.isolation import Limits


class Settings(BaseSettings):
    """Everything an operator sets; secrets are ``SecretStr`` so they never reach a log line by accident."""

    model_config = SettingsConfigDict(env_prefix="IACFIX_", env_file=".env", extra="ignore")

    app_id: int | None = None
    private_key: SecretStr | None = None
    private_key_path: Path | None = None
    webhook_secret: SecretStr | None = None
    github_api_url: str = "https://api.github.com"
    data_dir: Path = Path(".iacfix-data")
    redis_url: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = Field(default=2, ge=0)
    log_level: str = "info"
    max_body_bytes: int = 25 * 1024 * 1024
    # The webhook door: how many bodies are read at once (memory: this many times max_body_bytes), how long a
    # delivery waits for its turn, how long its body and its headers may take, how many connections at once.
    max_concurrent_bodies: int = Field(default=4, ge=1)
    body_wait_seconds: float = Field(default=5.0, gt=0)
    body_timeout_seconds: float = Field(default=20.0, gt=0)
    header_timeout_seconds: float = Field(default=10.0, gt=0)
    max_connections: int = Field(default=256, ge=8)
    # /metrics answers only with this bearer token on the webhook port; or serve it on its own local port.
    metrics_token: SecretStr | None = None
    metrics_port: int | None = None
    metrics_host: str = "127.0.0.1"
    # GitHub asks integrations to space out writes (secondary rate limits); PyGithub waits this long between them.
    github_write_interval: float = Field(default=1.0, ge=0)
    # Transient GitHub failures are retried this many times, with exponential backoff from retry_base_seconds.
    max_attempts: int = Field(default=6, ge=1)
    retry_base_seconds: float = Field(default=2.0, gt=0)
    # A worker that has not renewed its lease on a job for this long is presumed dead; its job runs again.
    job_lease_seconds: int = Field(default=120, ge=5)
    # Each job's analysis runs in a child process within these limits: a file that crashes the parser, loops or
    # eats memory ends that child only, and is reported on the check run while the other files are fixed.
    analysis_cpu_seconds: int = Field(default=60, ge=1)
    analysis_wall_seconds: float = Field(default=120.0, gt=0)
    analysis_memory_mb: int = Field(default=1024, ge=256)
    # A job whose worker died this many times while running it is not run again (a poison job).
    max_job_crashes: int = Field(default=2, ge=1)

    @property
    def analysis_limits(self) -> Limits:
        return Limits(cpu_seconds=self.analysis_cpu_seconds, wall_seconds=self.analysis_wall_seconds,
                      memory_bytes=self.analysis_memory_mb * 1024 * 1024)

    @model_validator(mode="after")
    def _one_private_key(self) -> Settings:
        if self.private_key is not None and self.private_key_path is not None:
            raise ValueError("set IACFIX_PRIVATE_KEY or IACFIX_PRIVATE_KEY_PATH, not both")
        return self

    @cached_property
    def private_key_pem(self) -> str:
        if self.private_key is not None:
            return self.private_key.get_secret_value().replace("\\n", "\n")
        if self.private_key_path is not None:
            try:
                return self.private_key_path.read_text()
            except OSError as error:
                raise RuntimeError(f"IACFIX_PRIVATE_KEY_PATH {self.private_key_path}: {error.strerror}") from None
        raise RuntimeError("the App's private key is not configured: set IACFIX_PRIVATE_KEY or IACFIX_PRIVATE_KEY_PATH")

    def require_app(self) -> None:
        """Fail at start-up, with the names of what is missing, rather than at the first webhook."""
        missing = [
            name
            for name, value in (
                ("IACFIX_APP_ID", self.app_id),
                ("IACFIX_WEBHOOK_SECRET", self.webhook_secret),
                ("IACFIX_PRIVATE_KEY or IACFIX_PRIVATE_KEY_PATH", self.private_key or self.private_key_path),
            )
            if value is None
        ]
        if missing:
            raise RuntimeError("the App is not configured: set " + ", ".join(missing) + " (see `iacfix register`)")
        self.private_key_pem  # noqa: B018 - a missing or unreadable key file is a one-line error now, not later


def load_settings() -> Settings:
    """The settings from the environment; an invalid one is a RuntimeError that quotes no value.

    pydantic's own message repeats the input, which would print a private key or a secret on the terminal.
    """
    try:
        return Settings()
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc']) or 'settings'}: {problem['msg']}"
            for problem in error.errors(include_input=False, include_url=False)
        )
        raise RuntimeError(f"invalid settings: {problems}") from None
