"""What the staff pages of the Wagtail admin share: the named-permission check and the menu
item shown to those who hold it."""

from functools import wraps

from django.core.exceptions import PermissionDenied
from wagtail.admin.menu import MenuItem


def permission_required(*permissions: str):
    """Refuse (403) anyone who lacks one of these named permissions ("app.codename"); a
    permission comes from the person's staff groups (see ``docs/roles.md``), never from
    ``is_staff`` alone. The superuser has them all."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not (user.is_active and user.is_staff and user.has_perms(permissions)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


class PermissionMenuItem(MenuItem):
    """A menu item shown only to staff who hold ``permission``."""

    def __init__(self, *args, permission: str, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        user = request.user
        return user.is_active and user.is_staff and user.has_perm(self.permission)
