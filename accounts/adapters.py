"""allauth adapter: where learners land after signing in, failed logins that stay limited, and
account emails in the learner's language.

allauth renders its emails (address verification, password reset, security notices) in the
language of the request that caused them, which may be a page in another language than the one
the learner chose. Here the email is in the recipient's own language when the address belongs
to an account, and in the request's language when it does not (a password reset asked for an
unknown address), with the links in it leading to that language's pages.

Everything else (sign-up with email and password only, mandatory verification, no account
enumeration, rate limits) is allauth's own behaviour, configured by the ACCOUNT_* settings.
The flag that offers to import browser-stored progress is set by accounts.signals.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.models import EmailAddress
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.ratelimit import respond_429
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse, translate_url
from django.utils import translation

from mailing.language import (
    language_headers,
    recipient_language,
    site_language,
    user_language,
    user_zone,
)


def login_attempts_key(login: str) -> str:
    """The key that failed logins for one account are counted under: its email address alone.

    allauth prefixes the address with the current site's domain, which without
    django.contrib.sites is the request's Host header, port included; a client that changed
    the port (or the host name's case) on every try started a fresh count each time.
    """
    return str(login).strip().lower()


def email_recipient(email: str, context: dict):
    """The account an account email goes to: the one allauth names, else the one holding the
    address, else None (an address nobody has signed up with)."""
    user = context.get("user")
    if user is not None and getattr(user, "pk", None) is not None:
        return user
    address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
    if address is not None:
        return address.user
    return get_user_model().objects.filter(email__iexact=email).first()


def links_in_language(context: dict, language: str) -> dict:
    """The context with every link allauth built (`*_url`, in the request's language) moved to
    the same page in `language`. Call it while the request's language is still active: the
    links are read in that language."""
    return {
        key: translate_url(value, language)
        if key.endswith("_url") and isinstance(value, str)
        else value
        for key, value in context.items()
    }


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        return super().get_login_redirect_url(request) or reverse("dashboard")

    def _get_login_attempts_cache_key(self, request, **credentials):
        # allauth's documented place for this key is this (underscored) adapter method; it is
        # used both to count failures and to clear them after a password reset.
        return login_attempts_key(credentials.get("email", credentials.get("username", "")))

    def pre_authenticate(self, request, **credentials):
        """Once an account (or an address) has failed too often, answer 429 with our page.

        allauth shows the limit as a form error with status 200, which a script reads as one
        more wrong password and which looks different from every other limit on the site.
        """
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if error.code == "too_many_login_attempts":
                raise ImmediateHttpResponse(respond_429(request)) from error
            raise

    def save_user(self, request, user, form, commit=True):
        """A new learner reads in the language they signed up in, until they choose another."""
        user.language = site_language(translation.get_language())
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        recipient = email_recipient(email, context)
        if recipient is None:
            language, zone = site_language(translation.get_language()), None
        else:
            language, zone = user_language(recipient), user_zone(recipient)
        context = links_in_language(context, language)
        with recipient_language(language, zone):
            super().send_mail(template_prefix, email, context)

    def render_mail(self, template_prefix, email, context, headers=None):
        """The email, marked with the language it is written in (the active one)."""
        headers = {**language_headers(site_language(translation.get_language())), **(headers or {})}
        return super().render_mail(template_prefix, email, context, headers=headers)
