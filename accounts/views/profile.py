"""The learner's own profile. It only ever edits request.user: there is no id in the URL."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.forms import ProfileForm
from config.languages import remember_language


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    data = request.POST if request.method == "POST" else None
    form = ProfileForm(data, instance=request.user)
    if form.is_valid():
        user = form.save()
        # The profile's language is the reader's choice from now on, on this browser too.
        with translation.override(user.language):
            messages.success(request, _("Your profile has been saved."))
            response = redirect("account_profile")
        remember_language(response, user.language)
        return response
    return render(request, "accounts/profile.html", {"form": form})
