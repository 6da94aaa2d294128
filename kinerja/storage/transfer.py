"""Moving a whole Kinerja from one storage to another: an embedded file into a DuckLake when an
office outgrows one machine, or back. Every table is copied in one transaction on the target and
checked value for value against the source (the digests of ``kinerja.storage.backup``)."""

from __future__ import annotations

from kinerja.storage.backup import referenced_first, table_digests, table_names
from kinerja.storage.store import Store

# tables the schema itself fills (migrations' defaults), which a copy replaces
_SCHEMA_FILLED = {"schema_migration", "data_version", "category_band"}


class TransferError(ValueError):
    """A copy that cannot be made; the message is for the user."""


def copy_database(source: Store, target: Store) -> dict[str, dict[str, object]]:
    """Copy every table of ``source`` into ``target`` (which must hold no data of its own) and
    return the digests both now share."""
    if source.schema_version() != target.schema_version():
        raise TransferError(f"Versi skema berbeda (sumber {source.schema_version()}, tujuan {target.schema_version()})")
    tables = referenced_first(target.cursor(), table_names(source.cursor()))  # a file's keys: referenced rows first
    filled = [
        t
        for t in table_names(target.cursor())
        if t not in _SCHEMA_FILLED and target.scalar(f'SELECT count(*) FROM "{t}"')
    ]
    if filled:
        raise TransferError(f"Tujuan sudah berisi data ({', '.join(filled)}); pindahkan hanya ke basis data kosong")
    with source.hold_writes(), target.write(bump=False) as w:
        for table in tables:
            rows = source.cursor().execute(f'SELECT * FROM "{table}"').fetch_arrow_table()
            w.execute(f'DELETE FROM "{table}"')
            if rows.num_rows:
                w.cursor.register("_salinan", rows)
                w.execute(f'INSERT INTO "{table}" SELECT * FROM _salinan')
                w.cursor.unregister("_salinan")
        wanted, found = table_digests(source.cursor()), table_digests(w.cursor)
        wrong = [t for t in wanted if wanted[t] != found.get(t)]
        if wrong:  # raising here rolls the whole copy back
            raise TransferError("Salinan tidak cocok nilai demi nilai: " + ", ".join(wrong))
    return wanted
