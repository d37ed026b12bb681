"""Cross-origin reads of the content API: any site's scripts may GET it, nothing else.

The API is public and anonymous (no cookie is ever read), so `*` is safe: a browser sends no
credentials with a wildcard origin. A preflight (OPTIONS) is answered here, before any view.
"""

from django.http import HttpResponse

API_PREFIX = "/api/v2/"
READ_METHODS = ("GET", "HEAD", "OPTIONS")
PREFLIGHT_MAX_AGE = 86400


class ApiCorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = ", ".join(READ_METHODS)
            asked = request.headers.get("Access-Control-Request-Headers")
            if asked:
                response["Access-Control-Allow-Headers"] = asked
            response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
        else:
            response = self.get_response(request)
        if request.method in READ_METHODS:
            response["Access-Control-Allow-Origin"] = "*"
        return response
