"""``python -m shequ_core``: the ``shequ`` command."""

from shequ_core.cli import main

raise SystemExit(main())
