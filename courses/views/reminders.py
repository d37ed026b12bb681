"""Reminder settings, and the one-click unsubscribe that mail clients can use (RFC 8058)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from courses.forms import ReminderPreferenceForm
from courses.models import ReminderSend
from courses.reminders.preferences import reminder_preference_for, reminders_turn_off
from courses.reminders.tokens import BadToken, user_id_from_token


@login_required
@require_http_methods(["GET", "POST"])
def reminder_settings(request):
    preference = reminder_preference_for(request.user)
    form = ReminderPreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your reminder settings are saved."))
        return redirect("reminder_settings")
    last = ReminderSend.objects.sent().filter(user=request.user).order_by("-sent_at").first()
    return render(request, "courses/reminder_settings.html", {"form": form, "last_reminder": last})


@csrf_exempt  # a mail client posts here with no cookies and no token but the signed URL
@require_http_methods(["GET", "POST"])
def reminder_unsubscribe(request, token: str):
    try:
        user_id = user_id_from_token(token)
    except BadToken as error:
        return render(
            request, "courses/reminder_unsubscribe.html", {"error": str(error)}, status=400
        )
    if request.method == "POST":
        reminders_turn_off(user_id=user_id)
        return render(request, "courses/reminder_unsubscribe.html", {"done": True})
    return render(request, "courses/reminder_unsubscribe.html", {"token": token})
