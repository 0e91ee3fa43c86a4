"""The unit table: every unit the extractor reads has an IRI slug and an English name."""

from __future__ import annotations

import re
from decimal import Decimal

from policygraph.extraction.targets import UNITS as READ
from policygraph.units import UNITS, unit_info


def test_every_unit_the_extractor_reads_is_in_the_table() -> None:
    for notation in READ:
        unit = unit_info("%" if notation == "％" else notation)
        assert unit.en, notation
        assert unit is UNITS["%" if notation == "％" else notation]


def test_slugs_are_ascii_and_name_one_notation_each() -> None:
    slugs = [u.slug for u in UNITS.values()]
    assert len(slugs) == len(set(slugs))
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug), slug


def test_new_units_in_english() -> None:
    assert unit_info("PFlops").quantity_en(Decimal(2000)) == "2,000 PFLOPS"
    assert unit_info("标准箱").quantity_en(Decimal(3000000)) == "3,000,000 TEU"
    assert unit_info("千元").quantity_en(Decimal(5)) == "5,000 yuan"
    assert unit_info("场").quantity_en(Decimal(20)) == "20"
    assert unit_info("").quantity_en(Decimal(500000000)) == "500,000,000"
