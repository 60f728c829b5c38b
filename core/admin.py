"""What the staff pages of the Wagtail admin share: the staff check and the staff menu item."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from wagtail.admin.menu import MenuItem


def staff_required(view):
    """Refuse (403) anyone who is not program staff."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_active and request.user.is_staff
