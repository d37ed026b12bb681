"""The library's filter form: resource types and themes as labelled groups of checkboxes."""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from library.models import ResourceType


class ResourceFilterForm(forms.Form):
    """A GET form that never fails: values it does not know are left out before binding, so a
    stale or hand-made link shows the library with the filters that still make sense."""

    type = forms.MultipleChoiceField(
        label=_("Type"),
        choices=ResourceType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    theme = forms.MultipleChoiceField(
        label=_("Theme"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, themes=(), types=None, **kwargs):
        """`themes` to offer; `types` (values of ResourceType) to offer, all when None."""
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [(theme.slug, theme.name) for theme in themes]
        if types is not None:
            self.fields["type"].choices = [
                (value, label) for value, label in ResourceType.choices if value in types
            ]
        self.ignored = False

    @classmethod
    def from_params(cls, params: QueryDict, *, themes, types=None) -> "ResourceFilterForm":
        form = cls(themes=themes, types=types)
        data = QueryDict(mutable=True)
        for name in ("type", "theme"):
            known = {str(value) for value, _label in form.fields[name].choices}
            given = [value for value in params.getlist(name) if value.strip()]
            kept = list(dict.fromkeys(value for value in given if value in known))
            form.ignored = form.ignored or len(kept) < len(set(given))
            data.setlist(name, kept)
        bound = cls(data, themes=themes, types=types)
        bound.ignored = form.ignored
        bound.is_valid()  # always true: only known choices are left
        return bound

    @property
    def types(self) -> list[str]:
        return self.cleaned_data.get("type", [])

    @property
    def theme_slugs(self) -> list[str]:
        return self.cleaned_data.get("theme", [])

    def query_items(self) -> list[tuple[str, str]]:
        """The active filters as query-string pairs, for links to other result pages."""
        return [("type", value) for value in self.types] + [
            ("theme", value) for value in self.theme_slugs
        ]
