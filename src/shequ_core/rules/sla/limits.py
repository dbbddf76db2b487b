"""Statutory time limits: moved to :mod:`shequ_core.policy`, where every number lives.

This module keeps the old import path working.
"""

from shequ_core.policy import (
    JUDICIAL_CONFIRMATION_WINDOW,
    PETITION_HANDLING,
    PETITION_RECHECK,
    PETITION_REVIEW,
    PETITION_ROUTING,
    StatutoryLimit,
)

__all__ = [
    "JUDICIAL_CONFIRMATION_WINDOW",
    "PETITION_HANDLING",
    "PETITION_RECHECK",
    "PETITION_REVIEW",
    "PETITION_ROUTING",
    "StatutoryLimit",
]
