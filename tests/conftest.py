from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.template.base import FilterExpression, Parser, VariableDoesNotExist
from django.test.utils import override_settings

from tests.factories import UserFactory

# The program's real public data, beside the project's root (never copied into it).
SITE_EIG_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "site-eig"


@pytest.fixture
def site_eig_dir() -> Path:
    if not SITE_EIG_DIR.is_dir():
        pytest.fail(
            f"The real data is missing: {SITE_EIG_DIR} (../shared must sit beside the project)."
        )
    return SITE_EIG_DIR


@pytest.fixture
def staff_user(db):
    return UserFactory(username="equipe", staff=True)


@pytest.fixture
def outsider_user(db):
    return UserFactory(username="visiteur")


@pytest.fixture
def agent_user(db):
    """An agent of an administration of their own (call for challenges, projects/rules.py)."""
    from tests.call_factories import MembershipFactory

    return MembershipFactory(user__username="agent", administration__name="Ma direction").user


@pytest.fixture
def reviewer_user(db):
    """A jury member with one review assigned (on a proposal of an administration of its own)."""
    from tests.call_factories import AssignmentFactory

    return AssignmentFactory(reviewer__username="jure").reviewer


@pytest.fixture
def candidate_user(db):
    """A candidate with a draft application of their own, to a cohort whose call is open."""
    from tests.selection.factories import ApplicationFactory

    return ApplicationFactory(candidate__username="candidat", cv=None).candidate


@pytest.fixture
def application_reviewer_user(db):
    """A reviewer of the call for candidates, with one application assigned to them."""
    from tests.selection.factories import ReviewFactory

    return ReviewFactory(reviewer__username="jury-candidatures", application__cv=None).reviewer


@pytest.fixture
def alumnus_user(db):
    """A former fellow: their person is linked to the account, their cohort has ended."""
    from tests.alumni_factories import alumnus

    return alumnus(username="ancienne", full_name="Alice Ancienne")


@pytest.fixture
def team_user(db):
    """A fellow of one challenge's team: the role TEAM of the authorization matrix."""
    from tests.program_life_factories import team_member

    return team_member(username="membre-equipe", full_name="Dominique Équipe")


# Strict test settings: fast password hashing, and an undefined variable in one of the project's
# own templates (templates/) fails the test. Third-party templates (Wagtail admin, DSFR) keep
# Django's lenient behaviour. `{% if %}` and `{% for %}` stay lenient everywhere, as in Django.
STRICT_TEMPLATE_DIRS = [settings.BASE_DIR / "templates"]


class UndefinedTemplateVariable(Exception):
    pass


class _Resolved:
    """Stand-in for a FilterExpression whose variable is already resolved."""

    is_var = False

    def __init__(self, value, filters):
        self.var = value
        self.filters = filters


class StrictFilterExpression(FilterExpression):
    __slots__ = ("origin",)

    def __init__(self, token, parser):
        super().__init__(token, parser)
        self.origin = parser.origin

    def resolve(self, context, ignore_failures=False):
        if not self.is_var or ignore_failures:
            return super().resolve(context, ignore_failures)
        try:
            value = self.var.resolve(context)
        except VariableDoesNotExist as error:
            raise UndefinedTemplateVariable(
                f"{self.origin.name}: {{{{ {self.token} }}}} is undefined ({error})"
            ) from error
        # Apply the filters exactly as Django does to a resolved value.
        return FilterExpression.resolve(_Resolved(value, self.filters), context)


def is_strict_template(origin) -> bool:
    name = getattr(origin, "name", None)
    if not isinstance(name, str):
        return False
    return any(Path(name).is_relative_to(directory) for directory in STRICT_TEMPLATE_DIRS)


def strict_compile_filter(parser, token):
    if is_strict_template(parser.origin):
        return StrictFilterExpression(token, parser)
    return FilterExpression(token, parser)


@pytest.fixture(autouse=True, scope="session")
def strict_test_settings():
    fast_hasher = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with pytest.MonkeyPatch.context() as patch, override_settings(PASSWORD_HASHERS=fast_hasher):
        patch.setattr(Parser, "compile_filter", strict_compile_filter)
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: no public page cached by an earlier test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def public_site(db):
    """The public site's pages and settings, as `manage.py setup_site` creates them; returns
    the home page."""
    from django.core.management import call_command
    from wagtail.models import Site

    call_command("setup_site", stdout=StringIO())
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def staff_without_group_user(db):
    """A staff member (``is_staff``, with TOTP) who is neither superuser nor in any staff group:
    the role STAFF_WITHOUT_GROUP of the authorization matrix."""
    return UserFactory(username="equipe-sans-groupe", is_staff=True)
