"""The exceptions OceanBrain raises on purpose.

Library code raises these; only the edges (CLI, dashboard) turn them into exit codes and
messages. Each message names the input, the problem and the fix.
"""


class OceanBrainError(Exception):
    """Root of every error OceanBrain raises deliberately."""


class ConfigError(OceanBrainError):
    """A setting has a value we cannot use."""


class GraphConnectionError(OceanBrainError):
    """The graph engine could not be reached, or refused our credentials."""


class QueryError(OceanBrainError):
    """The engine rejected a query (syntax, types, constraints)."""


class ReadOnlyViolation(QueryError):
    """A write was attempted through a read-only call; the engine itself refused it."""


class BatchWriteError(QueryError):
    """One batch of a batched write failed; earlier batches stay committed."""

    def __init__(self, message: str, *, batch_index: int, rows_committed: int) -> None:
        super().__init__(message)
        self.batch_index = batch_index
        self.rows_committed = rows_committed


class SchemaError(OceanBrainError):
    """The schema definition (schema.yaml) is malformed or inconsistent."""
