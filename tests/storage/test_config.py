"""The environment's settings: read in one place, checked with a clear message, documented."""

import pytest

from kinerja.storage.config import VARIABLES, ConfigError, environment
from kinerja.storage.store import PROJECT_ROOT
from tests.cli import kinerja

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(VARIABLES))
def test_the_readme_documents_every_setting(name):
    assert f"`{name}`" in README, f"{name} is read by Kinerja but the README does not say so"


@pytest.mark.parametrize(
    "env, message",
    [
        ({"KINERJA_BACKUP_KEEP": "empat belas"}, "KINERJA_BACKUP_KEEP harus bilangan bulat 1 atau lebih"),
        ({"KINERJA_BACKUP_KEEP": "0"}, "KINERJA_BACKUP_KEEP harus bilangan bulat 1 atau lebih"),
        ({"KINERJA_DB": "data/k.duckdb", "KINERJA_DATA_PATH": "/srv/berkas"}, "hanya berlaku untuk DuckLake"),
    ],
)
def test_a_setting_that_cannot_be_used_is_one_sentence(env, message):
    with pytest.raises(ConfigError, match=message):
        environment(env)


def test_a_file_given_as_the_backup_folder_is_refused(tmp_path):
    (tmp_path / "berkas").write_text("")
    with pytest.raises(ConfigError, match="bukan folder"):
        environment({"KINERJA_BACKUP_DIR": str(tmp_path / "berkas")})
    assert environment({}).backup_keep == 14


def test_the_command_line_says_which_setting_is_wrong(tmp_path, monkeypatch):
    monkeypatch.setenv("KINERJA_BACKUP_KEEP", "x")
    done = kinerja("init", db=tmp_path / "k.duckdb")
    assert done.returncode == 2 and "KINERJA_BACKUP_KEEP" in done.stderr and "Traceback" not in done.stderr
