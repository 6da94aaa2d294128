"""The settings Kinerja takes from its environment, read in one place and checked when the app or
a command starts, so a mistyped value is one clear sentence instead of a failure later."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

# Every variable Kinerja reads, with what it means (tests/storage/test_config.py: the README documents each).
VARIABLES = {
    "KINERJA_DB": "the database: a .duckdb file, or a DuckLake target (ducklake:postgres:…, ducklake:sqlite:…, ducklake:PATH)",
    "KINERJA_DATA_PATH": "where a DuckLake keeps its data files (a shared folder or s3://…)",
    "KINERJA_BACKUP_DIR": "the folder of the app's daily backups (unset: no daily backup)",
    "KINERJA_BACKUP_KEEP": "how many daily backups to keep (14)",
    "KINERJA_DEMO_OTOMATIS": "1: with demo data, a browser on this machine is signed in as the demo admin (`make run` sets it)",
    "KINERJA_BACKUP_KEY": "the key that signs backups and checks them on restore (else .kunci-cadangan beside the database)",
}


class ConfigError(ValueError):
    """A setting of the environment that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Environment:
    db: str | None
    data_path: str | None
    backup_dir: Path | None
    backup_keep: int
    backup_key: str | None = None
    demo_auto: bool = False  # the demo's automatic admin, for a browser on the server's own machine


def environment(env: Mapping[str, str] | None = None) -> Environment:
    """The environment's settings, checked."""
    env = os.environ if env is None else env
    db = env.get("KINERJA_DB") or None
    data_path = env.get("KINERJA_DATA_PATH") or None
    if data_path and db and not db.startswith("ducklake:"):
        raise ConfigError(
            f"KINERJA_DATA_PATH={data_path} hanya berlaku untuk DuckLake, tetapi KINERJA_DB={db} adalah berkas; "
            "hapus KINERJA_DATA_PATH atau tulis KINERJA_DB=ducklake:…"
        )
    keep_text = env.get("KINERJA_BACKUP_KEEP") or "14"
    try:
        keep = int(keep_text)
    except ValueError:
        keep = 0
    if keep < 1:
        raise ConfigError(f"KINERJA_BACKUP_KEEP harus bilangan bulat 1 atau lebih, bukan '{keep_text}'")
    backup_dir = Path(env["KINERJA_BACKUP_DIR"]).expanduser() if env.get("KINERJA_BACKUP_DIR") else None
    if backup_dir is not None and backup_dir.exists() and not backup_dir.is_dir():
        raise ConfigError(f"KINERJA_BACKUP_DIR={backup_dir} bukan folder")
    return Environment(
        db, data_path, backup_dir, keep, env.get("KINERJA_BACKUP_KEY") or None, env.get("KINERJA_DEMO_OTOMATIS") == "1"
    )
