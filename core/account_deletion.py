"""A person deletes their own account, after typing its address to confirm.

What each app holds about the account goes with it (``core.erasure.account_erase``). The
program's records that the account only touched (a fellow's public record, a team's progress
report) stay, without the account; the data protection team erases a person's record on
request. An account the program still needs (staff, a jury member) is not deleted from here.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from core.erasure import account_deletion_refusals, account_erase
from core.forms import DsfrFormMixin


class AccountDeletionForm(DsfrFormMixin, forms.Form):
    email = forms.CharField(
        label=_("Adresse e-mail du compte, pour confirmer"),
        max_length=254,
        help_text=_("Recopiez l'adresse de ce compte : la suppression est définitive."),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        typed = self.cleaned_data["email"].strip()
        if typed.casefold() != (self.user.email or "").casefold():
            raise forms.ValidationError(_("Ce n'est pas l'adresse de ce compte."))
        return typed


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account_delete(request: HttpRequest) -> HttpResponse:
    refusals = account_deletion_refusals(request.user)
    form = AccountDeletionForm(request.POST or None, user=request.user)
    if request.method == "POST" and not refusals and form.is_valid():
        user = request.user
        logout(request)
        account_erase(user=user)
        messages.success(
            request, _("Votre compte et les données qui s'y rattachent sont supprimés.")
        )
        return redirect("/")
    response = render(
        request,
        "account/account_delete.html",
        {"form": form, "refusals": refusals},
        status=400 if request.method == "POST" else 200,
    )
    response["Cache-Control"] = "private, no-store"
    return response
