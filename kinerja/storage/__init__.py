"""Where everything is kept: the embedded DuckDB file or a DuckLake, its migrations, backups,
transfers between storages, and the settings stored in it."""
