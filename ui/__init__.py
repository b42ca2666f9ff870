"""Streamlit UI pieces."""

from .network_component import network_view

__all__ = ["network_view"]
