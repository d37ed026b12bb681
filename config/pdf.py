"""Tagged PDFs (PDF/UA-1) from an HTML template and its stylesheet, written by WeasyPrint.

A PDF that assistive technology can read needs a structure tree in reading order, one document
language and a title. WeasyPrint writes all three from ordinary HTML when asked for the
"pdf/ua-1" variant: the tags follow the DOM (headings, paragraphs, lists, links), `<html lang>`
becomes the catalogue's /Lang and `<title>` the document title, shown by viewers instead of the
file name. Both the lesson transcript (modules/transcripts.py) and the certificate
(courses/certificates_pdf.py) are written this way, so the rules live here once.

The template is rendered in `language`, so its `{% translate %}` words, its dates and the
document's language agree. Fonts are the system's (DejaVu, Liberation: see the Dockerfile);
nothing is fetched, since the HTML names no external resource and a resolver that refuses
every URL keeps it so.
"""

from django.template.loader import render_to_string
from django.utils import translation

PDF_VARIANT = "pdf/ua-1"


def _no_fetching(url, *args, **kwargs):
    """WeasyPrint's URL fetcher: no PDF of ours loads anything from anywhere."""
    raise ValueError(f"PDFs load no external resources: {url}")


def tagged_pdf(template: str, stylesheet: str, context: dict, *, language: str) -> bytes:
    """The template rendered in `language` and written as tagged PDF/UA-1 bytes.

    `stylesheet` is a template too (for the odd translated word or setting), rendered in the
    same language. The PDF's dates come from the template's `dcterms.created`/`modified` meta
    elements when it has them, so the same input gives the same bytes.
    """
    import weasyprint  # heavy, and only wanted when a PDF is built

    with translation.override(language):
        html = render_to_string(template, context)
        css = render_to_string(stylesheet, context)
    document = weasyprint.HTML(string=html, url_fetcher=_no_fetching)
    return document.write_pdf(
        stylesheets=[weasyprint.CSS(string=css, url_fetcher=_no_fetching)],
        pdf_variant=PDF_VARIANT,
    )
