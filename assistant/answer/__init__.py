"""Passages -> an Answer: extractive or model-written, abstention, verified citations."""
