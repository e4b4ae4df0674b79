"""Newsdesk's front ends: the Gradio web chat and the `newsdesk` command line."""
