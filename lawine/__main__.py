"""Allow `python -m lawine`."""
from lawine.cli import main

raise SystemExit(main())
