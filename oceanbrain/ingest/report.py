"""What one source step of an ingest run did: counts per label, rejects and time.

Every source kind (canonical data/, enterprise exports, documents) returns a
:class:`SourceReport`; the job adds them up into the run's counts and the JSON run report.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from oceanbrain.ingest.rejects import Reject

COUNT_KEYS = ("created", "updated", "unchanged", "rejected", "expired")


def empty_counts() -> dict[str, int]:
    return dict.fromkeys(COUNT_KEYS, 0)


@dataclass
class SourceReport:
    source: str
    kind: str
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    # label or rel type → {created, updated, unchanged, rejected, expired}
    rejects: list[Reject] = field(default_factory=list)
    seconds: float = 0.0
    error: str | None = None  # set when the step failed as a whole (the run fails, exit 2)
    source_ids: list[str] = field(default_factory=list)  # Source nodes read (FROM_SOURCE links)

    def add(self, label: str, key: str, n: int = 1) -> None:
        """Add ``n`` to one count, creating the label's counts on first use."""
        if key not in COUNT_KEYS:
            raise ValueError(f"unknown count {key!r}; expected one of {COUNT_KEYS}")
        self.counts.setdefault(label, empty_counts())[key] += n

    @property
    def rejected_rows(self) -> int:
        """Rows (or files) skipped; warnings do not count."""
        return sum(1 for r in self.rejects if r.severity != "warning")

    @property
    def warnings(self) -> int:
        return sum(1 for r in self.rejects if r.severity == "warning")

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "kind": self.kind,
            "counts": self.counts,
            "rejected_rows": self.rejected_rows,
            "warnings": self.warnings,
            "seconds": round(self.seconds, 3),
            "error": self.error,
        }


def merge_counts(reports: list[SourceReport]) -> dict[str, dict[str, int]]:
    """Counts of several source steps added up per label."""
    total: dict[str, dict[str, int]] = {}
    for report in reports:
        for label, numbers in report.counts.items():
            bucket = total.setdefault(label, empty_counts())
            for key, value in numbers.items():
                bucket[key] = bucket.get(key, 0) + value
    return dict(sorted(total.items()))


def rejects_as_dicts(rejects: list[Reject]) -> list[dict[str, Any]]:
    return [asdict(r) for r in rejects]
