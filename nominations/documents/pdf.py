"""Django templates rendered to PDF with WeasyPrint, reading only the project's static files.

Templates link their stylesheets, fonts and images relative to the static folder, e.g.
``<link rel="stylesheet" href="css/print.css">`` and, in that stylesheet,
``url("../fonts/LiberationSerif-Regular.ttf")``. Nothing else is fetched: no network, no file
outside ``static/``. A resource that cannot be read stops the rendering rather than letting
WeasyPrint fall back silently (to system fonts, say), so a PDF looks the same on every machine.
"""

import contextlib
import gc
import mimetypes
import threading
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string


def static_root() -> Path:
    """The project's own static folder (``static/``), the only place a PDF reads from."""
    return Path(settings.BASE_DIR, "static").resolve()


class ResourceRefused(ValueError):
    """A document asked for something outside the project's static folder, or missing there."""


def static_path(url: str, root: Path | None = None) -> Path:
    """The file under the static folder that a ``file:`` URL names; refuse anything else."""
    root = root or static_root()
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise ResourceRefused(f"only the project's static files may be read, not {url!r}")
    path = Path(unquote(parts.path)).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise ResourceRefused(f"{url!r} is not a file in {root}")
    return path


@cache
def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """WeasyPrint's fetcher, limited to files under the static folder."""

        def __init__(self, root: Path):
            super().__init__(allowed_protocols={"file"}, allow_redirects=False, fail_on_errors=True)
            self.root = root

        def fetch(self, url, headers=None):
            path = static_path(url, self.root)
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type}
            )

    return StaticOnlyFetcher


def static_only_fetcher(root: Path | None = None):
    return _fetcher_class()(root or static_root())


# WeasyPrint allocates hundreds of thousands of small objects for a long table (boxes, styles,
# Pango layouts) and frees almost all of them by reference counting. Python's default collector
# thresholds (700, 10, 10) then run dozens of full collections over that growing heap: a third
# of the time for 500 rows here. Rendering raises the youngest generation's threshold for its
# duration (the process-wide setting is restored when the last concurrent render ends).
_RENDER_GC_THRESHOLD = 50_000
_gc_lock = threading.Lock()
_gc_renders = 0
_gc_saved: tuple[int, ...] = ()


@contextlib.contextmanager
def _fewer_collections():
    global _gc_renders, _gc_saved
    with _gc_lock:
        if _gc_renders == 0:
            _gc_saved = gc.get_threshold()
            gc.set_threshold(max(_gc_saved[0], _RENDER_GC_THRESHOLD), *_gc_saved[1:])
        _gc_renders += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_renders -= 1
            if _gc_renders == 0:
                gc.set_threshold(*_gc_saved)


def render_pdf(template_name: str, context: dict) -> bytes:
    """Render a Django template to PDF bytes; relative URLs resolve against ``static/``."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    root = static_root()
    with _fewer_collections():
        html = render_to_string(template_name, context)
        document = HTML(
            string=html, base_url=root.as_uri() + "/", url_fetcher=static_only_fetcher(root)
        )
        try:
            return document.write_pdf(font_config=FontConfiguration())
        except FatalURLFetchingError as error:  # a BaseException: make it an ordinary error
            raise ResourceRefused(f"{error}: {error.__cause__}") from error.__cause__
