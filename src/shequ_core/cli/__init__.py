"""The ``shequ`` command: the library's jobs on the sample banner or on your own files.

:func:`main` runs it (the console script and ``python -m shequ_core`` call it);
``shequ --help`` lists the subcommands and the exit codes.
"""

from shequ_core.cli._main import main

__all__ = ["main"]
