"""GitHub's error answers: a status, a message, optional structured `errors`, and the documentation link."""

from __future__ import annotations

from typing import Any

DOCUMENTATION_URL = "https://docs.github.com/rest"


class ApiError(Exception):
    """Raised by a handler to answer as GitHub would refuse the request."""

    def __init__(self, status: int, message: str, errors: list[Any] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(f"{status} {message}")
        self.status = status
        self.message = message
        self.errors = errors
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"message": self.message, "documentation_url": DOCUMENTATION_URL,
                                "status": str(self.status)}
        if self.errors is not None:
            body["errors"] = self.errors
        return body


def not_found() -> ApiError:
    return ApiError(404, "Not Found")


def validation_failed(message: str, resource: str, field: str, code: str = "custom") -> ApiError:
    """GitHub's 422 with one structured error, e.g. a ref that already exists."""
    return ApiError(422, "Validation Failed", [{"resource": resource, "field": field, "code": code,
                                                 "message": message}])


def unprocessable(message: str) -> ApiError:
    """GitHub's plain 422, where the message itself says what is wrong ("Update is not a fast forward")."""
    return ApiError(422, message)
