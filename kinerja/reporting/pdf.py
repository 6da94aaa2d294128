"""Word drafts as PDF, where LibreOffice is installed (converted headless, one private profile per
conversion so that two at once do not lock each other out)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT = 180  # seconds; a long LKjIP converts in well under a minute


class PdfUnavailable(RuntimeError):
    """No LibreOffice here, or the conversion failed; the message says what to do, in Indonesian."""


def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: bytes, name: str = "laporan") -> bytes:
    program = libreoffice()
    if program is None:
        raise PdfUnavailable("PDF memerlukan LibreOffice: pasang dengan 'apt-get install libreoffice-writer-nogui'.")
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / f"{name}.docx"
        source.write_bytes(docx)
        done = subprocess.run(
            [
                program,
                f"-env:UserInstallation=file://{work}/profil",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                work,
                str(source),
            ],
            capture_output=True,
            timeout=TIMEOUT,
        )
        result = Path(work) / f"{name}.pdf"
        if done.returncode != 0 or not result.exists():
            raise PdfUnavailable(
                f"LibreOffice gagal mengubah {name}.docx ke PDF: {done.stderr.decode(errors='replace')[-300:]}"
            )
        return result.read_bytes()
