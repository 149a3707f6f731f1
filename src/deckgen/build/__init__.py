"""The build as data: one request object, the pipeline that chains the stages, the atomic save."""
from __future__ import annotations
