"""`{{ session.user_agent|device }}`: a browser's user agent as a short name people recognise."""

from django import template

from accounts.sessions import device_label

register = template.Library()


@register.filter
def device(user_agent: str) -> str:
    return device_label(user_agent or "")
