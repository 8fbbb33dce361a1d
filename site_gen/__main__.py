from site_gen.commands.cli import main

raise SystemExit(main())
