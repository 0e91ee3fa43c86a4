"""Scoring against a gold: a target with no unit matches a gold unit written as ""."""

from __future__ import annotations

import json
from pathlib import Path

from policygraph.evaluation import score_corpus


def test_a_bare_number_with_yi_scores_against_an_empty_gold_unit(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "a.txt").write_text(
        "某省工业互联网行动计划\n一、发展目标\n到2023年，标识注册总量突破5亿，新增上云企业2万家。\n",
        encoding="utf-8",
    )
    gold = {
        "a.txt": {
            "tasks": [],
            "targets": [{"value": 500000000, "unit": ""}, {"value": 20000, "unit": "家"}],
        }
    }
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    (plan,) = score_corpus(tmp_path)
    assert (plan.target_hits, plan.targets, plan.targets_extracted) == (2, 2, 2)
    assert plan.target_extras == ()
