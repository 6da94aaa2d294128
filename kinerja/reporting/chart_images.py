"""Charts as PNG images for reports: rendered by kaleido (a headless Chromium) in one batch, and
cached by content, so exporting an unchanged period again renders nothing."""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

# A chart is drawn at the size it is printed: the text column of an A4 page (16 cm) in CSS pixels
# (96 per inch), so 14 px type prints at 10.5 pt, the report's own size; 3× the pixels for a printer.
PRINT_WIDTH_CM = 16.0
PRINT_HEIGHT_CM = 22.0  # the A4 text column (24.7 cm) less the figure's caption and a heading kept with it
WIDTH = round(PRINT_WIDTH_CM / 2.54 * 96)  # 605 px
MAX_HEIGHT = round(PRINT_HEIGHT_CM / 2.54 * 96)  # 831 px: a taller chart would be shrunk onto the page
HEIGHT_DEFAULT, SCALE = 480, 3


class ChartImageError(RuntimeError):
    """The charts could not be rendered (no browser); the message says why, in Indonesian."""


def _key(figure: go.Figure, width: int, height: int) -> str:
    payload = f"{width}x{height}@{SCALE}:{figure.to_json()}".encode()
    return hashlib.sha256(payload).hexdigest()


def chart_images(figures: dict[str, go.Figure], cache_dir: Path, width: int = WIDTH) -> dict[str, bytes]:
    """PNG bytes of each figure (by name), from the cache where the same figure was drawn before;
    the rest rendered together with one browser start. A figure is drawn ``width`` px wide (the
    printed width, :data:`WIDTH`) unless it sets its own, and as tall as its layout says."""
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
                # kaleido draws at its own default (700 × 500) unless told: the size goes with each figure
                pio.write_images(
                    [figures[n] for n in missing],
                    drafts,
                    format="png",
                    scale=SCALE,
                    width=[sizes[n][0] for n in missing],
                    height=[sizes[n][1] for n in missing],
                )
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
