"""tryggportal.lib.pdf: WeasyPrint may read the site's static files and nothing else."""

import io
import logging

from tryggportal.lib.pdf import BASE_URL, render_pdf, static_path


def test_static_files_resolve_from_the_finders():
    assert static_path(BASE_URL + "static/css/pdf.css").name == "pdf.css"


def test_collected_hashed_files_resolve_from_static_root(settings, tmp_path):
    # In production `{% static %}` names the hashed copy collectstatic wrote to STATIC_ROOT.
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "css").mkdir()
    (tmp_path / "css" / "pdf.0123abcd.css").write_text("html { color: #000; }")
    assert (
        static_path(BASE_URL + "static/css/pdf.0123abcd.css") == tmp_path / "css/pdf.0123abcd.css"
    )


def test_everything_else_is_refused():
    for url in [
        "https://example.org/static/css/pdf.css",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        BASE_URL + "static/../manage.py",
        BASE_URL + "media/x.png",
        BASE_URL + "static/css/missing.css",
    ]:
        assert static_path(url) is None, url


def test_a_document_with_a_remote_image_renders_without_fetching_it(monkeypatch):
    import urllib.request

    def no_network(*args, **kwargs):
        raise AssertionError("WeasyPrint tried the network")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", no_network)
    html = '<html lang="sv"><head><title>T</title></head><body><img src="https://example.org/x.png" alt="x"><p>Text</p></body></html>'
    assert render_pdf(html).startswith(b"%PDF-")


def test_rendering_logs_no_progress_steps(caplog):
    # WeasyPrint logs each step of each PDF at INFO ("Step 5 - Creating layout"): settings
    # LOGGING keeps `weasyprint.progress` at WARNING, so production logs stay readable.
    caplog.set_level(logging.INFO)
    html = '<html lang="sv"><head><title>T</title></head><body><p>Text</p></body></html>'
    render_pdf(html)
    chatter = [r for r in caplog.records if r.name.startswith("weasyprint")]
    assert [r for r in chatter if r.levelno < logging.WARNING] == []


def _languages(pdf: bytes) -> list[str]:
    """Every structure element's own /Lang, in the order of the tag tree."""
    from pypdf import PdfReader

    found = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, dict):
            if "/Lang" in node and node.get("/Type") == "/StructElem":
                found.append(str(node["/Lang"]))
            kids = node.get("/K")
            if kids is not None:
                kids = kids.get_object()
                for kid in kids if isinstance(kids, list) else [kids]:
                    if hasattr(kid, "get_object"):
                        walk(kid)

    reader = PdfReader(io.BytesIO(pdf))
    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_an_elements_own_language_reaches_the_pdfs_tags():
    from pypdf import PdfReader

    html = (
        '<html lang="en"><head><title>T</title></head><body><h1>Joint picture</h1>'
        '<div lang="sv"><p>Lugnt vid torget.</p></div><p>Printed by</p>'
        '<table><tr><th scope="row">Note</th><td lang="sv">Öppen handel.</td></tr></table>'
        "</body></html>"
    )
    pdf = render_pdf(html)
    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == "en"
    assert _languages(pdf) == ["sv", "sv"]


def test_a_stamp_is_added_after_the_documents_bytes_on_every_page_of_every_size():
    import io

    from pypdf import PdfReader

    from tryggportal.lib.pdf import stamp_pdf

    html = (
        '<html lang="sv"><title>t</title><style>@page wide { size: A4 landscape }'
        " .wide { page: wide }</style><p>Ett</p><p class=wide>Två</p></html>"
    )
    pdf = render_pdf(html)

    stamped = stamp_pdf(pdf, 'Utskriven av Åsa "Ö" \\ Berg\x0b den 1 februari 2027')

    assert stamped.startswith(pdf)
    pages = PdfReader(io.BytesIO(stamped)).pages
    assert [page.mediabox.width > page.mediabox.height for page in pages] == [False, True]
    for page in pages:
        assert 'Utskriven av Åsa "Ö" \\ Berg den 1 februari 2027' in page.extract_text()
