"""A throwaway PostgreSQL server for the DuckLake tests: Debian's package, a cluster in a temporary
folder, listening on a free port of localhost only."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def available() -> bool:
    return _binary("initdb") is not None and _binary("pg_ctl") is not None


class Postgres:
    """initdb, pg_ctl start; ``dsn`` for libpq; ``stop()`` stops it and removes its folder. The
    folder is its own under /tmp: pytest's are private to root, and initdb runs as postgres."""

    def __init__(self):
        folder = self.folder = Path(tempfile.mkdtemp(prefix="kinerja-pg-"))
        self.data = folder / "pgdata"
        self.socket_dir = folder / "sock"
        self.socket_dir.mkdir(parents=True, exist_ok=True)
        self._as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []  # initdb refuses root
        if self._as_user:
            shutil.chown(folder, "postgres")
            shutil.chown(self.socket_dir, "postgres")
        self._run(_binary("initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        for attempt in range(5):  # another run beside this one may take the free port first: take another
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                self.port = s.getsockname()[1]
            options = f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off"
            try:
                self._run(
                    _binary("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(folder / "pg.log"), "-w", "start"
                )
                break
            except subprocess.CalledProcessError:
                if attempt == 4:
                    raise
        self._run(_binary("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "kinerja")

    def create_database(self, name: str) -> None:
        self._run(_binary("createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)

    def _run(self, *command: str) -> None:
        subprocess.run([*self._as_user, *command], check=True, capture_output=True, timeout=120)

    @property
    def dsn(self) -> str:
        return f"dbname=kinerja host=127.0.0.1 port={self.port} user=postgres"

    def stop(self) -> None:
        subprocess.run(
            [*self._as_user, _binary("pg_ctl"), "-D", str(self.data), "-m", "fast", "stop"],
            capture_output=True,
            timeout=60,
        )
        time.sleep(0.2)
        shutil.rmtree(self.folder, ignore_errors=True)
