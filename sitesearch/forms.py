"""The search form: the words, and optional kind and theme filters.

A kind or theme that does not exist (an old link, a hand-edited address) is dropped rather than
refused, so the visitor still gets results for their words.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from modules.models import Theme
from sitesearch.kinds import ResultKind
from sitesearch.languages import in_reader_language
from sitesearch.query import MAX_QUERY_LENGTH, truncate_query


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Words to look for"), required=False, strip=True, widget=forms.SearchInput
    )
    kind = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[("", _("Everything"))] + [(kind.value, kind.plural) for kind in ResultKind],
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        required=False,
        queryset=Theme.objects.all(),
        to_field_name="slug",
        empty_label=_("All themes"),
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        # The themes in the reader's language (the English one where it has no translation),
        # so that a theme's address names one theme even when translations keep the English one.
        self.fields["theme"].queryset = in_reader_language(Theme.objects.all())
        self.fields["q"].widget.attrs.update({"maxlength": MAX_QUERY_LENGTH, "autocomplete": "off"})

    @property
    def values(self) -> dict:
        """The usable part of what was sent: words (at most 200 characters), kind, theme."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        query, truncated = truncate_query(self.data.get("q") or "" if self.is_bound else "")
        return {
            "query": query,
            "truncated": truncated,
            "kind": ResultKind(data["kind"]) if data.get("kind") else None,
            "theme": data.get("theme"),
        }
