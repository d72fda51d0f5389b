"""Check runs: creation, updates that append annotations, and the listings the App reads back."""

from __future__ import annotations

from typing import Any

from tests.github_double.errors import ApiError, not_found, unprocessable
from tests.github_double.routes_git import object_of_kind
from tests.github_double.routing import ApiRequest, Reply, handles, paginated, require
from tests.github_double.state import CheckRun, timestamp

MAX_ANNOTATIONS_PER_REQUEST = 50
MAX_ACTIONS = 3


def _check_annotations(annotations: list[dict[str, Any]]) -> None:
    require(len(annotations) <= MAX_ANNOTATIONS_PER_REQUEST, unprocessable(
        f"Only {MAX_ANNOTATIONS_PER_REQUEST} annotations can be sent per request"))
    for annotation in annotations:
        same_line = annotation.get("start_line") == annotation.get("end_line")
        require(same_line or ("start_column" not in annotation and "end_column" not in annotation), unprocessable(
            "Annotations only support start_column and end_column on the same line"))
        require(annotation.get("start_line", 0) >= 1 and annotation.get("end_line", 0) >= annotation.get(
            "start_line", 0), unprocessable("Invalid annotation line range"))


def _apply(run_fields: dict[str, Any], given: dict[str, Any]) -> None:
    """Merges a create or update request into a check run the way GitHub resolves status and conclusion."""
    for key in ("name", "details_url", "external_id", "started_at", "status", "conclusion", "completed_at"):
        if key in given:
            run_fields[key] = given[key]
    if "actions" in given:
        require(len(given["actions"]) <= MAX_ACTIONS, unprocessable(f"At most {MAX_ACTIONS} actions are accepted"))
        run_fields["actions"] = given["actions"]
    if "output" in given:
        output = run_fields.setdefault("output", {})
        for key in ("title", "summary", "text"):
            if key in given["output"]:
                output[key] = given["output"][key]
    if "conclusion" in given:
        run_fields["status"] = "completed"
    if run_fields.get("status") == "completed" or run_fields.get("completed_at"):
        require(run_fields.get("conclusion") is not None,
                unprocessable("conclusion must be given when status is completed or completed_at is set"))
        run_fields["status"] = "completed"
        run_fields["completed_at"] = run_fields.get("completed_at") or timestamp()
    run_fields["started_at"] = run_fields.get("started_at") or timestamp()


def _render(request: ApiRequest, run: CheckRun) -> dict[str, Any]:
    return request.objects.check_run(run)


def _record(request: ApiRequest, run: CheckRun, answer: dict[str, Any]) -> None:
    """The recorded copy shows the run's latest state plus every annotation and action sent so far."""
    recorded = {**answer, "repository": run.repository.full_name, "annotations": list(run.annotations),
                "actions": list(run.fields.get("actions", []))}
    for existing in request.state.recorded["check_runs"]:
        if existing["id"] == run.id:
            existing.clear()
            existing.update(recorded)
            return
    request.state.recorded["check_runs"].append(recorded)


@handles("checks/create")
def create_check_run(request: ApiRequest) -> Reply:
    state, repository, body = request.state, request.repository(), request.json
    head_sha = body["head_sha"]
    require(object_of_kind(repository, head_sha, "commit") is not None,
            unprocessable(f"No commit found for SHA: {head_sha}"))
    annotations = body.get("output", {}).get("annotations", [])
    _check_annotations(annotations)
    fields: dict[str, Any] = {"head_sha": head_sha, "status": "queued"}
    _apply(fields, body)
    suite = next((run.check_suite_id for run in state.check_runs.values()
                  if run.repository is repository and run.fields["head_sha"] == head_sha), None)
    run = CheckRun(state.next_id(), repository, suite or state.next_id(), fields)
    run.annotations.extend(request.objects.annotation(run, given) for given in annotations)
    state.check_runs[run.id] = run
    answer = _render(request, run)
    _record(request, run, answer)
    return Reply(201, answer)


def _check_run(request: ApiRequest) -> CheckRun:
    repository = request.repository()
    run = request.state.check_runs.get(request.integer("check_run_id"))
    require(run is not None and run.repository is repository, not_found())
    assert run is not None
    return run


@handles("checks/update")
def update_check_run(request: ApiRequest) -> Reply:
    run, body = _check_run(request), request.json
    annotations = body.get("output", {}).get("annotations", [])
    _check_annotations(annotations)
    fields = {**run.fields, "output": dict(run.fields.get("output", {}))}
    _apply(fields, body)
    run.fields = fields
    run.annotations.extend(request.objects.annotation(run, given) for given in annotations)
    answer = _render(request, run)
    _record(request, run, answer)
    return Reply(200, answer)


@handles("checks/get")
def get_check_run(request: ApiRequest) -> Reply:
    return Reply(200, _render(request, _check_run(request)))


@handles("checks/list-annotations")
def list_annotations(request: ApiRequest) -> Reply:
    run = _check_run(request)
    return paginated(request, run.annotations, dict)


@handles("checks/list-for-ref")
def list_check_runs_for_ref(request: ApiRequest) -> Reply:
    repository, query = request.repository(), request.query
    sha = repository.git.resolve(request.params["ref"])
    if sha is None:
        raise ApiError(422, f"No commit found for SHA: {request.params['ref']}")
    runs = [run for run in request.state.check_runs.values() if run.repository is repository
            and run.fields["head_sha"] == sha]
    if "check_name" in query:
        runs = [run for run in runs if run.fields["name"] == query["check_name"]]
    if "status" in query:
        runs = [run for run in runs if run.fields["status"] == query["status"]]
    if query.get("filter", "latest") == "latest":
        latest: dict[str, CheckRun] = {}
        for run in runs:
            latest[run.fields["name"]] = run
        runs = list(latest.values())
    runs.sort(key=lambda run: run.id, reverse=True)
    page = paginated(request, runs, lambda run: _render(request, run))
    return Reply(200, {"total_count": len(runs), "check_runs": page.body}, page.headers)
