from medspa_desk.cli import main

raise SystemExit(main())
