"""Rendering a Comparison as JSON, Markdown, HTML or CSV."""
