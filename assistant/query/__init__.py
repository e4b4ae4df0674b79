"""Time words in a question -> a published-date window and a recency prior."""
