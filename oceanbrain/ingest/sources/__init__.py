"""Readers for firm data as it arrives from outside: platform exports handed in by staff.

Each reader turns one file into typed rows plus rejects; none of them raises on bad data.
"""

from oceanbrain.ingest.sources.enterprise_export import (
    DEFAULT_ALIASES,
    ExportedFirm,
    ExportResult,
    read_enterprise_export,
)

__all__ = ["DEFAULT_ALIASES", "ExportResult", "ExportedFirm", "read_enterprise_export"]
