"""Publication dates printed in headers and footers."""

from __future__ import annotations

import pytest

from storyline.ingest.dateline import find_date, parse_date_line


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("date 2024-10-16", "2024-10-16"),
        ("2024.10.16 오전 09:08", "2024-10-16T09:08"),
        ("2024.10.16 오후 3:08", "2024-10-16T15:08"),
        ("입력 2024.10.16. 오전 9:08", "2024-10-16T09:08"),
        ("2024年10月16日 午後3時05分", "2024-10-16T15:05"),
        ("Published: Oct. 16, 2024", "2024-10-16"),
        ("Wednesday, October 16, 2024 3:04 PM EDT", "2024-10-16T15:04-04:00"),
        ("3:04 PM EDT, Oct. 16, 2024", "2024-10-16T15:04-04:00"),
        ("16 October 2024", "2024-10-16"),
        ("2024-10-16T09:08+09:00", "2024-10-16T09:08+09:00"),
        ("Updated 2024/10/16 14:00 KST", "2024-10-16T14:00+09:00"),
        ("Nov. 4, 2025 | 6:05 p.m.", "2025-11-04T18:05"),
    ],
)
def test_date_lines(line: str, iso: str) -> None:
    found = parse_date_line(line)
    assert found is not None and found.iso == iso


@pytest.mark.parametrize(
    "line",
    ["Oct. 7 is when it happened", "The 2024-10-16 report was bad", "[Phone] 02-398-8585", "2024.13.40", "May we?"],
)
def test_not_date_lines(line: str) -> None:
    assert parse_date_line(line) is None


def test_find_date_in_a_dateline() -> None:
    assert find_date("GENEVA, March 3, 2025 (Wire) - talks resumed") == "2025-03-03"
    assert find_date("call 02-398-8585 now") is None
