"""The deployment files: the image, the compose file and the Kubernetes manifests start the App as it runs.

What is checked is what breaks a deployment silently: a command the CLI does not have, a setting the App reads
that no container is given, a reference to a Secret key that does not exist, a probe on the wrong port, an App
manifest that does not subscribe to an event the App handles. The linters the README promises pass too.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import zipfile
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from ruamel.yaml import YAML

from iacfix.bot import cli

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
DOCKERFILE = DEPLOY / "Dockerfile"
KUBERNETES = sorted((DEPLOY / "k8s").glob("*.yaml"))

# What an operator sets (see bot/settings.py); every container of the App must be given each one.
IDENTITY = {"IACFIX_APP_ID", "IACFIX_WEBHOOK_SECRET", "IACFIX_GITHUB_API_URL"}
PRIVATE_KEY = {"IACFIX_PRIVATE_KEY", "IACFIX_PRIVATE_KEY_PATH"}
QUEUE = {"IACFIX_REDIS_URL", "IACFIX_DATA_DIR", "IACFIX_WORKERS", "IACFIX_LOG_LEVEL"}
LISTENING = {"IACFIX_HOST", "IACFIX_PORT"}
FLAGS_FOR_SETTINGS = {"host": "IACFIX_HOST", "port": "IACFIX_PORT", "workers": "IACFIX_WORKERS"}
EVENTS = {"pull_request", "issue_comment", "pull_request_review_comment", "check_run", "check_suite"}
PERMISSIONS = {"contents": "write", "pull_requests": "write", "checks": "write", "issues": "write", "metadata": "read"}


def _yaml(path: Path) -> Any:
    return YAML(typ="safe").load(path.read_text(encoding="utf-8"))


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path=str(Path(sys.executable).parent))
    assert found, f"{name} is not installed: run .ci/run, which installs it"
    return found


def _app_variables() -> set[str]:
    """The environment variables the App's settings read, named as an operator writes them."""
    from iacfix.bot.settings import Settings

    prefix = Settings.model_config.get("env_prefix", "")
    return {f"{prefix}{name}".upper() for name in Settings.model_fields}


def iacfix_command(argv: list[str]) -> argparse.Namespace:
    """Parse a container's command with the CLI's own parser: a typo or a removed flag fails here, not at 3am."""
    assert argv[0] == "iacfix", argv
    try:
        return cli.parser().parse_args(argv[1:])
    except SystemExit:
        pytest.fail(f"`{' '.join(argv)}` is not a valid iacfix command")


def _settings_from_flags(argv: list[str]) -> set[str]:
    return {variable for flag, variable in FLAGS_FOR_SETTINGS.items() if f"--{flag}" in argv}


def assert_configured(where: str, environment: dict[str, Any], argv: list[str], *, listens: bool) -> None:
    iacfix_command(argv)
    configured = set(environment) | _settings_from_flags(argv)
    required = IDENTITY | QUEUE | (LISTENING if listens else set())
    assert required - configured == set(), f"{where} lacks settings"
    assert len(PRIVATE_KEY & configured) == 1, f"{where} must set exactly one of {sorted(PRIVATE_KEY)}"
    unknown = {name for name in environment if name.startswith("IACFIX_")} - _app_variables()
    assert unknown == set(), f"{where} sets variables the App does not read"


def test_every_setting_the_deployments_rely_on_is_one_the_app_reads() -> None:
    assert _app_variables() >= IDENTITY | PRIVATE_KEY | QUEUE | LISTENING


# ------------------------------------------------------------------------------------------------ the image
def dockerfile_instructions() -> list[tuple[str, str]]:
    text = re.sub(r"\\\n\s*", " ", DOCKERFILE.read_text(encoding="utf-8"))
    lines = (line.strip() for line in text.splitlines())
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines if line and not line.startswith("#")]


def _instruction(name: str) -> list[str]:
    return [argument for instruction, argument in dockerfile_instructions() if instruction == name]


@pytest.mark.oracle
def test_the_dockerfile_passes_hadolint(tmp_path: Path) -> None:
    control = tmp_path / "Dockerfile"
    control.write_text("FROM debian:latest\nRUN apt-get install curl\n")  # DL3007 (latest), DL3008, DL3009...
    flagged = subprocess.run([_tool("hadolint"), str(control)], capture_output=True, text=True)
    assert flagged.returncode != 0 and "DL3007" in flagged.stdout, "hadolint gave no verdict on its control"
    result = subprocess.run([_tool("hadolint"), str(DOCKERFILE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_starts_the_app_as_an_unprivileged_user_with_a_health_check() -> None:
    (base,) = _instruction("FROM")
    assert re.fullmatch(r"python:3\.11\.\d+-slim-bookworm", base), f"{base}: pin the Python image by version"
    user = _instruction("USER")[-1].split(":")[0]
    assert user not in ("root", "0"), "the App must not run as root"
    assert _instruction("EXPOSE") == ["8000"]
    assert any("IACFIX_DATA_DIR=/data" in env for env in _instruction("ENV"))
    assert "/data" in json.loads(_instruction("VOLUME")[-1])
    (healthcheck,) = _instruction("HEALTHCHECK")
    assert "/healthz" in healthcheck and "curl" not in healthcheck

    command = iacfix_command(json.loads(_instruction("CMD")[-1]))
    assert command.command == "serve" and command.host == "0.0.0.0"


def test_the_files_the_image_copies_are_enough_to_build_the_package(tmp_path: Path) -> None:
    """``pip install .`` in the image sees only what COPY brought in; the wheel must still hold the templates."""
    context = tmp_path / "context"
    for copy in _instruction("COPY"):
        *sources, _destination = copy.split()
        for source in sources:
            origin = ROOT / source
            if origin.is_dir():
                shutil.copytree(origin, context / source, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                context.mkdir(exist_ok=True)
                shutil.copy2(origin, context / source)
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(tmp_path / "wheels"),
         str(context)], capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    (wheel,) = (tmp_path / "wheels").glob("iacfix-*.whl")
    packaged = set(zipfile.ZipFile(wheel).namelist())
    templates = {"iacfix/" + path.relative_to(ROOT).as_posix() for path in (ROOT / "templates").rglob("*.j2")}
    assert templates and templates <= packaged
    modules = {"iacfix/" + path.relative_to(ROOT).as_posix() for folder in ("bot", "fixers", "templates")
               for path in (ROOT / folder).rglob("*.py")}
    assert modules <= packaged, f"modules left out of the wheel: {sorted(modules - packaged)}"
    assert not any(name.startswith(("bot/", "fixers/", "templates/")) for name in packaged)
    fixtures = ROOT / "tests" / "fixtures"
    examples = {"iacfix/rule_examples/" + path.relative_to(fixtures).as_posix() for path in fixtures.glob("IAC*/*/*.*")
                if path.is_file() and not path.name.endswith("findings.json")}
    assert examples and examples <= packaged, "`iacfix rules CODE` shows the examples: they ship in the wheel"
    entry_points = next(name for name in packaged if name.endswith(".dist-info/entry_points.txt"))
    assert "iacfix = iacfix.bot.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_the_build_context_leaves_credentials_out() -> None:
    ignored = {line.strip() for line in (ROOT / ".dockerignore").read_text().splitlines()}
    assert {".env", "*.pem", ".git", ".tools"} <= ignored


# ------------------------------------------------------------------------------------------ docker compose
@cache
def compose() -> dict[str, Any]:
    return _yaml(DEPLOY / "compose.yaml")


def _compose_environment(service: dict[str, Any]) -> dict[str, Any]:
    environment = service.get("environment", {})
    if isinstance(environment, list):
        return dict(item.split("=", 1) if "=" in item else (item, None) for item in environment)
    return dict(environment)


def test_compose_runs_a_web_process_two_workers_and_redis() -> None:
    services = compose()["services"]
    assert set(services) == {"web", "worker", "redis"}

    web = iacfix_command(services["web"]["command"])
    assert (web.command, web.host, web.workers) == ("serve", "0.0.0.0", 0)  # web only: the workers consume
    worker = iacfix_command(services["worker"]["command"])
    assert worker.command == "worker"
    assert services["worker"]["deploy"]["replicas"] == 2

    redis = services["redis"]
    assert re.fullmatch(r"redis:\d+\.\d+\.\d+(-[a-z0-9.]+)?", redis["image"]), "pin Redis by version"
    assert redis["healthcheck"]["test"]
    for name in ("web", "worker"):
        assert services[name]["depends_on"]["redis"]["condition"] == "service_healthy"
        redis_url = urlsplit(_compose_environment(services[name])["IACFIX_REDIS_URL"])
        assert (redis_url.scheme, redis_url.hostname) == ("redis", "redis")


def test_compose_gives_the_app_every_setting_from_the_env_file() -> None:
    services = compose()["services"]
    for name, listens in (("web", True), ("worker", False)):
        service = services[name]
        environment = _compose_environment(service)
        assert_configured(f"compose service {name}", environment, service["command"], listens=listens)
        for variable in ("IACFIX_APP_ID", "IACFIX_WEBHOOK_SECRET", "IACFIX_GITHUB_API_URL"):
            assert environment[variable].startswith("${" + variable), f"{variable} must come from .env"
        key_path = environment["IACFIX_PRIVATE_KEY_PATH"]
        assert key_path.startswith("/run/secrets/") and key_path.rsplit("/", 1)[1] in service["secrets"]
        data_volumes = [volume for volume in service["volumes"] if volume.split(":")[1] == environment["IACFIX_DATA_DIR"]]
        assert data_volumes and data_volumes[0].split(":")[0] in compose()["volumes"], "the queue must be kept"
    web = _compose_environment(services["web"])
    assert any(port.endswith(f":{web['IACFIX_PORT']}") for port in services["web"]["ports"])
    for secret in compose()["secrets"].values():
        assert secret["file"].startswith("${IACFIX_PRIVATE_KEY_PATH"), "the key file `iacfix register` wrote"


# --------------------------------------------------------------------------------------------- Kubernetes
@pytest.mark.oracle
def test_the_kubernetes_manifests_pass_kubernetes_validate(tmp_path: Path) -> None:
    assert KUBERNETES, "deploy/k8s/*.yaml is missing"
    control = tmp_path / "control.yaml"
    control.write_text("apiVersion: v1\nkind: Service\nmetadata:\n  name: control\nspec:\n  ports: [{port: not-a-number}]\n")
    flagged = subprocess.run([_tool("kubernetes-validate"), "--quiet", str(control)], capture_output=True, text=True)
    assert flagged.returncode != 0 and "control.yaml" in flagged.stdout + flagged.stderr, \
        "kubernetes-validate gave no verdict on its control"
    result = subprocess.run([_tool("kubernetes-validate"), "--quiet", *map(str, KUBERNETES)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@cache
def kubernetes_objects() -> tuple[dict[str, Any], ...]:
    objects: list[dict[str, Any]] = []
    for path in KUBERNETES:
        objects.extend(document for document in YAML(typ="safe").load_all(path.read_text()) if document)
    return tuple(objects)


def kubernetes_object(kind: str, name: str) -> dict[str, Any]:
    found = [item for item in kubernetes_objects() if item["kind"] == kind and item["metadata"]["name"] == name]
    assert len(found) == 1, f"expected one {kind} {name}, found {len(found)}"
    return found[0]


def _secret_keys(secret: dict[str, Any]) -> dict[str, str]:
    return {**secret.get("data", {}), **secret.get("stringData", {})}


def pod_environment(container: dict[str, Any]) -> dict[str, Any]:
    """The variables a container gets, every reference resolved: a missing ConfigMap, Secret or key fails."""
    environment: dict[str, Any] = {}
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            environment.update(kubernetes_object("ConfigMap", source["configMapRef"]["name"])["data"])
        if "secretRef" in source:
            environment.update(_secret_keys(kubernetes_object("Secret", source["secretRef"]["name"])))
    for entry in container.get("env", []):
        if "value" in entry:
            environment[entry["name"]] = entry["value"]
            continue
        reference = entry["valueFrom"].get("secretKeyRef") or entry["valueFrom"]["configMapKeyRef"]
        kind = "Secret" if "secretKeyRef" in entry["valueFrom"] else "ConfigMap"
        source = kubernetes_object(kind, reference["name"])
        values = _secret_keys(source) if kind == "Secret" else source["data"]
        assert reference["key"] in values, f"{kind} {reference['name']} has no key {reference['key']}"
        environment[entry["name"]] = values[reference["key"]]
    return environment


def _deployment_container(name: str) -> tuple[dict[str, Any], dict[str, Any]]:
    deployment = kubernetes_object("Deployment", name)
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    return deployment, container


def _mounted_file(pod: dict[str, Any], container: dict[str, Any], path: str) -> tuple[str, str]:
    """Which Secret key provides the file at ``path`` in the container."""
    for mount in container.get("volumeMounts", []):
        prefix = mount["mountPath"].rstrip("/") + "/"
        if path.startswith(prefix):
            volume = next(item for item in pod["volumes"] if item["name"] == mount["name"])
            secret = volume["secret"]
            item = next(item for item in secret["items"] if item["path"] == path[len(prefix):])
            return secret["secretName"], item["key"]
    raise AssertionError(f"nothing is mounted at {path}")


def test_the_kubernetes_web_and_worker_pods_start_the_app_with_every_setting() -> None:
    for name, listens in (("iacfix-web", True), ("iacfix-worker", False)):
        deployment, container = _deployment_container(name)
        pod = deployment["spec"]["template"]["spec"]
        environment = pod_environment(container)
        assert_configured(f"Deployment {name}", environment, container["command"], listens=listens)

        secret, key = _mounted_file(pod, container, environment["IACFIX_PRIVATE_KEY_PATH"])
        assert key in _secret_keys(kubernetes_object("Secret", secret))
        mounts = {mount["mountPath"]: mount["name"] for mount in container["volumeMounts"]}
        data_volume = next(item for item in pod["volumes"] if item["name"] == mounts[environment["IACFIX_DATA_DIR"]])
        assert "emptyDir" in data_volume
        assert container["securityContext"]["readOnlyRootFilesystem"] is True
        assert container["securityContext"]["allowPrivilegeEscalation"] is False
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert str(pod["securityContext"]["runAsUser"]) == _instruction("USER")[-1].split(":")[0]
        assert container["resources"]["requests"] and container["resources"]["limits"]

    assert iacfix_command(_deployment_container("iacfix-web")[1]["command"]).workers == 0
    assert iacfix_command(_deployment_container("iacfix-worker")[1]["command"]).command == "worker"


def test_the_kubernetes_web_pods_are_probed_and_reached_through_their_service() -> None:
    deployment, container = _deployment_container("iacfix-web")
    assert deployment["spec"]["replicas"] == 2
    port = int(pod_environment(container)["IACFIX_PORT"])
    named_ports = {item["name"]: item["containerPort"] for item in container["ports"]}
    # Ready only while the queue answers; alive as long as the process serves (a Redis outage is no reason
    # to restart the web pods).
    for probe, path in (("readinessProbe", "/healthz"), ("livenessProbe", "/livez")):
        http = container[probe]["httpGet"]
        assert http["path"] == path
        assert named_ports.get(http["port"], http["port"]) == port

    service = kubernetes_object("Service", "iacfix-web")
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()
    (service_port,) = service["spec"]["ports"]
    assert named_ports.get(service_port["targetPort"], service_port["targetPort"]) == port


def test_the_kubernetes_workers_reach_the_redis_service() -> None:
    redis_deployment, redis_container = _deployment_container("iacfix-redis")
    assert re.fullmatch(r"redis:\d+\.\d+\.\d+(-[a-z0-9.]+)?", redis_container["image"]), "pin Redis by version"
    service = kubernetes_object("Service", "iacfix-redis")
    assert service["spec"]["selector"].items() <= redis_deployment["spec"]["template"]["metadata"]["labels"].items()
    for name in ("iacfix-web", "iacfix-worker"):
        redis_url = urlsplit(pod_environment(_deployment_container(name)[1])["IACFIX_REDIS_URL"])
        assert redis_url.hostname == "iacfix-redis"
        assert redis_url.port in {port["port"] for port in service["spec"]["ports"]}


def test_the_kubernetes_manifests_leave_the_namespace_to_kubectl() -> None:
    assert [item["metadata"]["name"] for item in kubernetes_objects() if "namespace" in item["metadata"]] == []


# ----------------------------------------------------------------------------------------- the App manifest
def test_the_app_manifest_subscribes_to_every_event_the_app_handles_with_the_permissions_it_uses() -> None:
    from iacfix.bot.events import HANDLED_EVENTS

    manifest = _yaml(ROOT / "app.yml")
    assert set(manifest["default_events"]) == EVENTS
    assert set(manifest["default_events"]) >= HANDLED_EVENTS
    assert manifest["default_permissions"] == PERMISSIONS
    assert manifest["public"] is False
    assert manifest["hook_attributes"]["url"].startswith("https://") and manifest["hook_attributes"]["active"]
    assert manifest["name"] == "iacfix" and manifest["url"] and manifest["redirect_url"]


def test_every_package_of_the_tree_is_listed_for_the_wheel() -> None:
    """The wheel's packages are listed by hand (the folders map under ``iacfix``): a new package must be too."""
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {"iacfix." + init.parent.relative_to(ROOT).as_posix().replace("/", ".")
             for folder in ("bot", "fixers", "templates") for init in (ROOT / folder).rglob("__init__.py")}
    # ``iacfix`` itself: the repository's root, for app.yml; ``iacfix.rule_examples``: tests/fixtures, the examples
    assert found | {"iacfix", "iacfix.rule_examples"} == listed
