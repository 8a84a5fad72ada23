"""Event extraction: triggers, arguments, modality, merging."""
