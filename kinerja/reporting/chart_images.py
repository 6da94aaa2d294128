"""Charts as PNG images for reports: rendered by kaleido (a headless Chromium) in one batch, and
cached by content, so exporting an unchanged period again renders nothing."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

WIDTH, HEIGHT_DEFAULT, SCALE = 1000, 480, 2  # pixels at 2× for print


class ChartImageError(RuntimeError):
    """The charts could not be rendered (no browser); the message says why, in Indonesian."""


def _key(figure: go.Figure, width: int, height: int) -> str:
    payload = f"{width}x{height}@{SCALE}:{figure.to_json()}".encode()
    return hashlib.sha256(payload).hexdigest()


def chart_images(figures: dict[str, go.Figure], cache_dir: Path, width: int = WIDTH) -> dict[str, bytes]:
    """PNG bytes of each figure (by name), from the cache where the same figure was drawn before;
    the rest rendered together with one browser start."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    # a figure drawn to its own size (the pohon kinerja's page) keeps it: its words are laid out for it
    sizes = {
        name: (int(fig.layout.width or width), int(fig.layout.height or HEIGHT_DEFAULT))
        for name, fig in figures.items()
    }
    paths = {name: cache_dir / f"{_key(fig, *sizes[name])}.png" for name, fig in figures.items()}
    missing = [name for name, path in paths.items() if not path.exists()]
    if missing:
        with tempfile.TemporaryDirectory(dir=cache_dir) as scratch:
            drafts = [Path(scratch) / f"{n}.png" for n in range(len(missing))]
            try:
                for name in missing:  # sizes differ per chart: set them on the figures themselves
                    figures[name].update_layout(width=sizes[name][0], height=sizes[name][1])
                pio.write_images([figures[n] for n in missing], drafts, format="png", scale=SCALE)
            except Exception as exc:  # kaleido raises its own errors when no browser can start
                raise ChartImageError(
                    f"Grafik tidak dapat dibuat ({exc.__class__.__name__}): pasang Chromium (apt-get install chromium)."
                ) from exc
            for name, draft in zip(missing, drafts, strict=True):
                draft.replace(paths[name])  # whole files only: a cut-off run leaves no half image
    return {name: path.read_bytes() for name, path in paths.items()}


A4_LANDSCAPE = (1123, 794)  # pixels at 96 per inch: 297 × 210 mm


def figure_pdf(figure: go.Figure, size: tuple[int, int] = A4_LANDSCAPE) -> bytes:
    """``figure`` as a one-page PDF of ``size`` (A4 landscape unless told), drawn as vectors: its
    words stay sharp on paper."""
    try:
        return pio.to_image(go.Figure(figure).update_layout(width=size[0], height=size[1]), format="pdf")
    except Exception as exc:  # kaleido raises its own errors when no browser can start
        raise ChartImageError(
            f"Gambar tidak dapat dibuat ({exc.__class__.__name__}): pasang Chromium (apt-get install chromium)."
        ) from exc
