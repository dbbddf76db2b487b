"""The old path of :mod:`shequ_core.extra.pandas`: pandas DataFrames from the records.

Kept so that ``from shequ_core.frames import to_frames`` goes on working; new code
imports from :mod:`shequ_core.extra.pandas`.
"""

from shequ_core.extra.pandas import child_tables, from_frames, to_frame, to_frames

__all__ = ["child_tables", "from_frames", "to_frame", "to_frames"]
