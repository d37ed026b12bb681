from django.shortcuts import render
from django.views.decorators.http import require_GET

from sitesearch.forms import SearchForm
from sitesearch.services import site_search


@require_GET
def search(request):
    form = SearchForm(request.GET or None)
    form.is_valid()  # invalid filters are dropped, see SearchForm
    values = form.values
    outcome = site_search(
        query=values["query"],
        kind=values["kind"],
        theme=values["theme"],
        page=request.GET.get("page"),
        request=request,
    )
    return render(
        request,
        "sitesearch/search.html",
        {
            "form": form,
            "query": values["query"],
            "query_truncated": values["truncated"],
            "outcome": outcome,
            "results": outcome.page,
            "themes": form.fields["theme"].queryset,
        },
    )
