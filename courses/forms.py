from django import forms

from courses.models import ReminderPreference


class ReminderPreferenceForm(forms.ModelForm):
    class Meta:
        model = ReminderPreference
        fields = ["enabled", "cadence"]
        widgets = {"cadence": forms.RadioSelect}
