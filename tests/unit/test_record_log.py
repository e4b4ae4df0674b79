"""Append-only record logs beside a base file (index.record_log)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index import record_log

pytestmark = pytest.mark.unit


def test_records_read_back_in_order_and_stop_at_a_torn_tail(tmp_path: Path) -> None:
    log = tmp_path / "rows.log"
    base = record_log.new_base_id()
    end = record_log.append(log, base, 0, {"ids": np.array([1, 2])})
    assert end is not None
    end2 = record_log.append(log, base, end, {"ids": np.array([3])})
    assert end2 == log.stat().st_size
    with log.open("ab") as handle:  # a write killed mid-record
        handle.write(b"\x01\x02\x03")
    records, length = record_log.read(log, base)
    assert [r["ids"].tolist() for r in records] == [[1, 2], [3]]
    assert length == end2


def test_a_log_of_another_base_reads_as_empty_and_takes_no_appends(tmp_path: Path) -> None:
    log = tmp_path / "rows.log"
    old = record_log.new_base_id()
    end = record_log.append(log, old, 0, {"ids": np.array([1])})
    assert record_log.read(log, record_log.new_base_id()) == ([], 0)
    assert record_log.append(log, old, 0, {"ids": np.array([2])}) is None  # not the seen end
    assert record_log.append(log, 0, end or 0, {"ids": np.array([2])}) is None  # no base id
    record_log.drop(log)
    assert record_log.read(log, old) == ([], 0)


def test_a_log_takes_rows_up_to_an_eighth_of_its_base_or_the_minimum() -> None:
    assert record_log.log_takes(7, base_rows=8000, log_rows=900, new_rows=100, minimum=10)
    assert not record_log.log_takes(7, base_rows=8000, log_rows=900, new_rows=101, minimum=10)
    assert record_log.log_takes(7, base_rows=80, log_rows=0, new_rows=500, minimum=512)
    assert not record_log.log_takes(0, base_rows=8000, log_rows=0, new_rows=1, minimum=512)
