"""Newsdesk's read side: question -> retrieval -> answer with verified citations."""
