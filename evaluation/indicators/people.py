"""People: the fellows, per cohort and per profile."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext_lazy

from cohorts import selectors as cohort_selectors
from cohorts.models import Profile
from evaluation.indicators.results import Indicator
from evaluation.indicators.scope import _choice_breakdown, _counted, _Scope
from evaluation.indicators.specs import SPECS


def _fellow_indicators(scope: _Scope) -> list[Indicator]:
    fellowships = scope.fellowships
    n = len(fellowships)
    no_data = _("Aucun parcours d'EIG n'est enregistré.") if not n else ""
    repeated_note = _counted(
        int((fellowships.groupby("person_id").size() > 1).sum()),
        ngettext_lazy(
            "%(n)d personne a suivi plusieurs promotions : elle compte une fois par promotion.",
            "%(n)d personnes ont suivi plusieurs promotions : elles comptent une fois par "
            "promotion.",
            "n",
        ),
    )
    per_profile = fellowships.groupby("profile").size()
    other_note = _counted(
        int(per_profile.get(Profile.OTHER.value, 0)),
        ngettext_lazy(
            "%(n)d parcours a un profil « autre ».",
            "%(n)d parcours ont un profil « autre ».",
            "n",
        ),
    )
    return [
        SPECS["fellows_per_cohort"].measured(
            n=n,
            value=n,
            missing=no_data or repeated_note,
            breakdowns=(
                scope.per_cohort(
                    fellowships.groupby("cohort_id").size(),
                    title=_("EIG par promotion"),
                    chart_id="chart-fellows-cohort",
                ),
            ),
        ),
        SPECS["fellows_per_profile"].measured(
            n=n,
            value=n,
            missing=no_data or other_note,
            breakdowns=(
                _choice_breakdown(
                    per_profile,
                    cohort_selectors.profile_labels(),
                    title=_("EIG par profil"),
                    chart_id="chart-fellows-profile",
                ),
            ),
        ),
    ]
