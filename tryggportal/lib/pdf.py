"""PDF documents from HTML, made with WeasyPrint and never touching the network.

`render_pdf(html)` turns a rendered template into a tagged PDF (PDF/UA-1: structure tags,
the document's language from `<html lang>`, its title from `<title>` shown as the window
title), styled by `static/css/pdf.css`. That stylesheet and the font configuration are made
once per process and reused by every document: parsing the one and setting up fontconfig for
the other cost 10–20 ms of each PDF. The only resources WeasyPrint may load are the project's
static files, read from disk through Django's static-file finders
(or STATIC_ROOT after collectstatic). Anything else — an image URL typed into a report, a
`file:` path — is refused, so a document never fetches from the network or reads other files.
Fonts come from the system (fontconfig: DejaVu in the Dockerfile and `make pdf-deps`).

`render_document(template, context, user)` renders a document template for its reader,
stamped "Printed by … on …" (`document_html`), `print_stamp(pdf, user)` stamps a finished one
for the reader who downloads it now, and `download_name(*parts)` names the file: the helpers
every app's documents share (documents' report and joint picture PDFs, the yearly picture's).

`stamp_pdf(pdf, text)` adds a print stamp to a finished PDF (a decided yearly picture's frozen
one) as an incremental update with pypdf: the original bytes stay first and unchanged.

WeasyPrint needs Debian's pango libraries at import time, so it is imported on first use:
the rest of the site starts without them.

A text may hold characters HTML forbids (control characters, noncharacters: a vertical tab
pasted from Word). WeasyPrint draws them as a missing glyph and then writes the whole font
with an encoding that leaves the document's text unreadable to text extraction (screen
readers, search, copying), so `render_pdf` replaces them first, as the exports do
(`printable`: a vertical tab or form feed by a line break, the others by U+FFFD).
"""

import functools
import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

# The documents' base address: resource URLs resolve against it and the fetcher serves only
# those under STATIC_URL. ".invalid" (RFC 2606) can never resolve to a real host.
BASE_URL = "https://tryggportal.invalid/"


def static_path(url: str) -> Path | None:
    """The file behind a static URL of the document, or None for anything else."""
    parts = urlsplit(url)
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if f"{parts.scheme}://{parts.netloc}/" != BASE_URL or not parts.path.startswith(prefix):
        return None
    name = unquote(parts.path.removeprefix(prefix))
    if ".." in Path(name).parts:
        return None
    found = finders.find(name)
    if found:
        return Path(found)
    collected = Path(settings.STATIC_ROOT) / name
    return collected if collected.is_file() else None


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            path = static_path(url)
            if path is None:
                raise ValueError(f"not a static file of the site: {url}")
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                url, path.read_bytes(), headers={"Content-Type": content_type}
            )

    return StaticOnlyFetcher


STYLESHEET = "css/pdf.css"

# HTML's parse errors among characters (https://html.spec.whatwg.org/#preprocessing-the-input-stream):
# controls other than whitespace (C0, DEL, C1), lone surrogates and noncharacters; and the form
# feed, which HTML counts as white space but WeasyPrint draws as a missing glyph.
NOT_IN_HTML = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
    + "]"
)


def printable(html: str) -> str:
    """The HTML with the characters it forbids replaced (see above)."""
    return NOT_IN_HTML.sub(lambda m: "\n" if m.group() in "\x0b\x0c" else "\ufffd", html)


@functools.cache
def _style():
    """(stylesheets, font configuration) shared by the documents of this process."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    url = BASE_URL + static(STYLESHEET).lstrip("/")
    css = CSS(url=url, url_fetcher=_fetcher_class()(), font_config=font_config)
    return [css], font_config


@functools.cache
def _tag_element_languages():
    """Each element's own `lang` onto its structure element as /Lang.

    WeasyPrint 70 writes only `<html lang>` into the PDF (the catalog's /Lang), so in the
    English interface the Swedish text users wrote (`lang="sv"`, `{% lang_sv %}`) would be
    read as English. Its tag tree is built by `weasyprint.pdf.tags._build_box_tree`, one
    structure element per box; this wraps it to add /Lang where the box's element has a
    `lang` of its own (children inherit it, as in HTML). tests/test_pdf_lib.py checks it,
    so an upgrade that changes the function fails there rather than silently.
    """
    import pydyf
    from weasyprint.pdf import tags

    build = tags._build_box_tree

    def build_with_languages(box, *args):
        for element in build(box, *args):
            own = box.element is not None and box.element_tag not in ("html", "body")
            language = box.element.get("lang") if own else None
            if language and "Lang" not in element:
                element["Lang"] = pydyf.String(language)
            yield element

    tags._build_box_tree = build_with_languages


def render_pdf(html: str, *, identifier: str = "") -> bytes:
    """The PDF of an HTML document (a rendered template), tagged for accessibility.

    `identifier` fixes the PDF's file identifier, so that the same content gives the same
    bytes (WeasyPrint otherwise derives it from the content and time)."""
    from weasyprint import HTML

    _tag_element_languages()
    stylesheets, font_config = _style()
    document = HTML(string=printable(html), base_url=BASE_URL, url_fetcher=_fetcher_class()())
    return document.write_pdf(
        stylesheets=stylesheets,
        font_config=font_config,
        pdf_variant="pdf/ua-1",
        pdf_identifier=identifier.encode() if identifier else None,
    )


# The stamp's page margins and footer are those of `static/css/pdf.css`'s `@page`, so the
# stamp sits where a live document says who printed it; its white ground covers the foot of
# a document frozen before stamps were added per download (which named the decider there).
STAMP_CSS = """
@page { margin: 18mm 16mm 20mm;
  @bottom-left { content: %s; font: 8pt "DejaVu Sans", sans-serif; color: #444;
    width: 70%%; background: #fff; } }
div { break-before: page; }
"""


def _css_string(text: str) -> str:
    text = " ".join(printable(text).split())
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def stamp_pdf(pdf: bytes, text: str) -> bytes:
    """A finished PDF with `text` at the foot of every page ("Printed by … on …"), added as an
    incremental update: the result begins with the original bytes, unchanged, so a frozen
    document stays what it was and only the stamp is per download. The stamp is drawn as an
    artifact (PDF/UA: not part of the tagged content), with the documents' font."""
    import io

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ContentStream
    from weasyprint import CSS, HTML

    reader = PdfReader(io.BytesIO(pdf))
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    names = {size: f"s{n}" for n, size in enumerate(dict.fromkeys(sizes))}
    css = STAMP_CSS % _css_string(text) + "".join(
        f"@page {name} {{ size: {w}pt {h}pt; }} .{name} {{ page: {name}; }}"
        for (w, h), name in names.items()
    )
    body = "".join(f'<div class="{names[size]}"></div>' for size in sizes)
    _stylesheets, font_config = _style()
    stamps = HTML(string=f"<html><body>{body}</body></html>", base_url=BASE_URL).write_pdf(
        stylesheets=[CSS(string=css, font_config=font_config)], font_config=font_config
    )
    stamps = PdfWriter(clone_from=io.BytesIO(stamps))
    writer = PdfWriter(reader, incremental=True)
    for page, stamp in zip(writer.pages, stamps.pages, strict=True):
        content = stamp.get_contents()
        marked = ContentStream(None, None)
        marked.set_data(b"/Artifact BMC\n" + content.get_data() + b"\nEMC\n")
        stamp.replace_contents(marked)
        page.merge_page(stamp)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def document_html(template: str, context: dict, user) -> str:
    """A document template's HTML for its reader, stamped with who printed it and when;
    without the stamp for no reader (`user` None: a document frozen to be stamped per
    download, `print_stamp`)."""
    context = {**context, "printed_by": user, "printed_at": timezone.now()}
    return render_to_string(template, context)


def render_document(template: str, context: dict, user) -> bytes:
    """The PDF of a document template for its reader (`document_html`)."""
    return render_pdf(document_html(template, context, user))


def download_name(*parts) -> str:
    """A download's file name from words in the reader's language and values, e.g.
    "lagesbild-angered-2026-11-16-staden" (no codes such as "city" or "decided")."""
    return slugify(" ".join(str(part) for part in parts if part not in (None, "")))


def print_stamp(pdf: bytes, user) -> bytes:
    """A finished PDF stamped, at the foot of every page, with the reader who prints it now
    (as `render_document` stamps a live one); the PDF's own bytes stay as they are."""
    text = _("Printed by %(who)s on %(when)s") % {
        "who": user.get_full_name() or user.username,
        "when": date_format(timezone.localtime(), "j F Y H:i"),
    }
    return stamp_pdf(pdf, text)
