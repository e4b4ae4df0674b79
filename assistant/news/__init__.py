"""News-specific reading of the passages: conflicting reports, outlets."""
