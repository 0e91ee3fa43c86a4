"""The curation format as a schema: the published JSON Schema, its command, and the checks
that only the pydantic models and the YAML reader make (not-null keys, key lines, aliases)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from policygraph.cli import main
from policygraph.curation import parse_curation
from policygraph.curation.schema import curation_json_schema_text
from policygraph.errors import CurationError
from policygraph.resources import resource_path

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = resource_path("data", "curation.schema.json")
JIAXING = ROOT / "data" / "curation" / "jiaxing-315.yaml"
NINGBO = ROOT / "tests" / "corpus" / "texts" / "ningbo_ai_opc_2026.txt"


def error(text: str) -> str:
    with pytest.raises(CurationError) as info:
        parse_curation(text, source="c.yaml")
    return str(info.value).removeprefix("c.yaml:")


# --------------------------------------------------------------------------- the shipped copy


def test_the_shipped_schema_is_the_generated_one() -> None:
    assert SHIPPED.read_text(encoding="utf-8") == curation_json_schema_text()


def test_the_schema_command_prints_and_writes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["curation", "schema"]) == 0
    assert capsys.readouterr().out == SHIPPED.read_text(encoding="utf-8")
    out = tmp_path / "curation.schema.json"
    assert main(["curation", "schema", "-o", str(out)]) == 0
    assert capsys.readouterr().out == f"wrote {out}\n"
    assert out.read_bytes() == SHIPPED.read_bytes()


def test_an_unwritable_schema_file_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "no-such-folder" / "s.json"
    assert main(["curation", "schema", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err == (f"policygraph curation: error: {out}: cannot write: No such file or directory\n")


def test_the_schema_names_every_section_and_its_keys() -> None:
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert list(schema["properties"]) == [
        "plan",
        "departments",
        "parts",
        "platforms",
        "mentions",
        "schemes",
        "indicators",
        "targets",
    ]
    defs = schema["$defs"]
    assert defs["PlanEntry"]["required"] == ["id", "jurisdiction", "en"]
    assert list(defs["TargetFix"]["properties"]) == [
        "part",
        "match",
        "drop",
        "set",
        "add",
        "reason",
    ]
    assert defs["TargetFix"]["required"] == ["part", "reason"]
    types = defs["PlatformEntry"]["properties"]["type"]["anyOf"][0]["enum"]
    assert len(types) == 13 and types[0] == "Laboratory"
    # a key that may be left out but is never null has no null branch
    assert defs["TargetFix"]["properties"]["match"]["type"] == "string"
    assert defs["DepartmentEntry"]["properties"]["id"]["anyOf"][1] == {"type": "null"}


# ------------------------------------------------------------------ schema and models agree


@pytest.fixture(scope="module")
def validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


def test_the_jiaxing_curation_conforms_to_the_schema(validator: Any) -> None:
    data = yaml.safe_load(JIAXING.read_text(encoding="utf-8"))
    assert list(validator.iter_errors(data)) == []
    assert len(data["targets"]) == 13


def test_a_skeleton_conforms_to_the_schema(validator: Any, tmp_path: Path) -> None:
    out = tmp_path / "c.yaml"
    assert main(["curation", "init", str(NINGBO), "-o", str(out)]) == 0
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["plan"] == {
        "id": None,
        "jurisdiction": None,
        "en": None,
        "issuer": {"id": None, "en": None},
    }
    assert list(validator.iter_errors(data)) == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "parts:\n  '1': {en: A, title: B}\n",
            "2: parts.1: unknown key 'title' (expected one of: en)",
        ),
        ("parts:\n  '1': {en: ''}\n", "2: parts.1.en: must not be empty"),
        (
            "departments:\n  市科技局: {id: Science_Bureau, en: A}\n",
            "2: departments.市科技局.id: id 'Science_Bureau' is not a slug "
            "(lowercase letters, digits and single hyphens)",
        ),
        ("plan:\n  id: p\n  en: P\n", "2: plan: missing key 'jurisdiction'"),
        (
            "targets:\n  - {part: '1', match: x, drop: true, set: {value: 1}, reason: r}\n",
            "2: targets[1]: give exactly one of 'drop', 'set' or 'add'",
        ),
        (
            "targets:\n  - {part: '1', match: x, set: {}, reason: r}\n",
            "2: targets[1].set: nothing to set",
        ),
        (
            "targets:\n  - {part: '1', match: x, set: {value: '5'}, reason: r}\n",
            "2: targets[1].set.value: expected a number, got a string",
        ),
        (
            "targets:\n  - {part: '1', match: x, drop: false, reason: r}\n",
            "2: targets[1].drop: only 'drop: true' makes sense",
        ),
        (
            "targets:\n  - {part: '1', match: null, drop: true, reason: r}\n",
            "2: targets[1].match: expected a string, got null",
        ),
        (
            "schemes:\n  h:\n    en: H\n    members: null\n",
            "4: schemes.h.members: expected a mapping, got null",
        ),
        (
            "platforms:\n  x: {id: x, en: X, type: Lab}\n",
            "2: platforms.x.type: 'Lab' is not one of: Laboratory, ResearchInstitute, University, "
            "College, Center, Base, Corridor, ScienceCity, LakeDistrict, Valley, Park, Zone, "
            "GenericPlatform",
        ),
    ],
)
def test_what_the_models_refuse_the_schema_refuses(validator: Any, text: str, message: str) -> None:
    assert error(text) == message
    assert list(validator.iter_errors(yaml.safe_load(text))) != []


# --------------------------------------------------------------------------- where errors point


def test_an_error_about_a_key_names_the_key_s_line() -> None:
    text = (
        "targets:\n"
        "  - part: '1'\n"
        "    reason: r\n"
        "    add: {text: x, value: 1, unit: 家, comparator: Exactly, indicator: y}\n"
        "    match: x\n"
    )
    assert error(text) == "5: targets[1]: 'match' does not go with 'add'"
    assert error("plan:\n  id: p\n  jurisdiction: j\n  en: P\n\n\n  title: t\n") == (
        "7: plan: unknown key 'title' (expected one of: id, jurisdiction, en, issuer)"
    )


def test_a_missing_key_is_reported_at_its_mapping() -> None:
    assert error("\n\ndepartments:\n\n  市科技局:\n    id: a\n") == (
        "6: departments.市科技局: missing key 'en'"
    )


def test_of_several_problems_the_first_in_the_file_is_named() -> None:
    text = "parts:\n  '1': {en: A}\n  '2': {en: 5}\nindicators:\n  x: {id: X, en: x}\n"
    assert error(text) == "3: parts.2.en: expected a string, got an integer"
    # on one line, as before: unknown keys, then missing keys, then values
    assert error("parts:\n  '1': {en: 5, title: t}\n") == (
        "2: parts.1: unknown key 'title' (expected one of: en)"
    )
    assert error("parts:\n  '1': {title: t}\n") == (
        "2: parts.1: unknown key 'title' (expected one of: en)"
    )


def test_entries_know_their_line_and_key() -> None:
    curation = parse_curation(
        "mentions:\n"
        "  add:\n"
        "    - {part: '1', name: 南湖实验室, reason: missed}\n"
        "  drop:\n"
        "    - {part: '2', name: 嘉兴大学, reason: not a platform}\n"
        "schemes:\n"
        "  highlands:\n"
        "    en: Highlands\n"
        "    members:\n"
        "      新材料: New materials\n"
        "      新能源:\n"
        "        New energy\n"
    )
    assert [(m.op, m.part, m.line) for m in curation.mentions] == [
        ("drop", "2", 5),
        ("add", "1", 3),
    ]
    (scheme,) = curation.schemes
    assert (scheme.key, scheme.line) == ("highlands", 8)
    members = scheme.members or {}
    # a member's line is its name's, as before
    assert [(m.name, m.en, m.line) for m in members.values()] == [
        ("新材料", "New materials", 10),
        ("新能源", "New energy", 11),
    ]


def test_set_keeps_the_changes_in_file_order() -> None:
    curation = parse_curation(
        "targets:\n"
        "  - {part: '1', match: x, reason: r,\n"
        "     set: {periodicity: null, deadline: 2025, value: 3.65, deadline_implied: false}}\n"
    )
    from decimal import Decimal

    assert curation.targets[0].changes == (
        ("periodicity", None),
        ("deadline", 2025),
        ("value", Decimal("3.65")),
        ("deadline_implied", False),
    )
    assert isinstance(curation.targets[0].changes[2][1], Decimal)


def test_aliases_that_repeat_without_bound_are_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    # named at the line of the value being repeated when the limit is reached
    assert error("\n".join(lines) + "\n") == "1: malformed YAML: aliases repeat too much"


def test_an_alias_inside_itself_is_refused() -> None:
    assert error("parts: &p {'1': *p}\n") == "1: malformed YAML: aliases repeat too much"


def test_an_alias_that_repeats_a_value_is_read() -> None:
    curation = parse_curation(
        "mentions:\n"
        "  drop:\n"
        "    - {part: '1', name: x, reason: &why not a platform}\n"
        "    - {part: '2', name: y, reason: *why}\n"
    )
    assert [m.reason for m in curation.mentions] == ["not a platform", "not a platform"]


# --------------------------------------------------------------------------- import stays light


def _loaded(code: str) -> list[str]:
    report = "print(json.dumps(sorted(m for m in ('pydantic', 'yaml') if m in sys.modules)))"
    probe = f"import json, sys\n{code}\n{report}"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return list(json.loads(out.stdout))


def test_pydantic_loads_only_when_a_curation_file_is_read() -> None:
    assert _loaded("import policygraph; policygraph.__version__") == []
    assert _loaded("from policygraph.cli import build_parser; build_parser()") == []
    assert _loaded("from policygraph.curation import missing_english, target_label_en") == []
    assert _loaded("from policygraph import load_curation; load_curation") == ["pydantic", "yaml"]


# --------------------------------------------------------------------------- the package's names


def test_every_curation_export_resolves_to_its_module() -> None:
    import ast
    import importlib

    import policygraph.curation as curation

    for name, module_name in curation._EXPORTS.items():
        module = importlib.import_module(module_name, "policygraph.curation")
        assert getattr(curation, name) is getattr(module, name)
        assert name in module.__all__
    tree = ast.parse(Path(curation.__file__).read_text(encoding="utf-8"))
    block = next(n for n in tree.body if isinstance(n, ast.If))
    imported = {
        alias.name: "." * node.level + (node.module or "")
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert imported == curation._EXPORTS
    assert curation.__all__ == sorted(curation._EXPORTS)
    assert set(curation._EXPORTS) <= set(dir(curation))
    with pytest.raises(AttributeError, match="has no attribute 'load'"):
        curation.load  # noqa: B018
