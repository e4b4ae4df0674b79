"""Adapters that present the Assistant through other libraries' interfaces."""
