from django import forms
from django.utils.translation import gettext_lazy as _

from courses.models import ReminderPreference
from courses.services.certificates import NAME_MAX_LENGTH, certificate_name_clean


class ReminderPreferenceForm(forms.ModelForm):
    class Meta:
        model = ReminderPreference
        fields = ["enabled", "cadence"]
        widgets = {"cadence": forms.RadioSelect}


class CertificateNameForm(forms.Form):
    """The name to print on a certificate, checked by the same rules as the service."""

    learner_name = forms.CharField(
        label=_("Name to print on the certificate"),
        max_length=NAME_MAX_LENGTH,
        help_text=_(
            "This is how it will appear on a public page: the certificate's verification page, "
            "which anyone with the code can open, and the PDF."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Type the name to print on your certificate.")},
    )

    def clean_learner_name(self):
        return certificate_name_clean(self.cleaned_data["learner_name"])
