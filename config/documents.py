"""Wagtail's document view, with its redirects kept out of every cache.

With object storage the view answers a permitted request with a redirect to a URL signed for a
minute or so (config/storage.py). A shared cache in front of the site (Varnish, a CDN) keeps a
response without Cache-Control for its default lifetime: it would hand a visitor an expired
address, or the signed address of a document the view would have asked them to sign in for.
The privacy check itself stays Wagtail's (its `before_serve_document` hook).
"""

from django.utils.cache import add_never_cache_headers
from wagtail.documents.views.serve import serve


def document_serve(request, document_id, document_filename):
    """Wagtail's `serve`, with `Cache-Control: no-store, private` on any redirect it answers."""
    response = serve(request, document_id, document_filename)
    if 300 <= response.status_code < 400:
        add_never_cache_headers(response)
    return response
