"""Ingest: sources, validation, entity resolution, provenance and the weekly job."""
