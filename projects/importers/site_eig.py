"""Import of the former public site's data (``site-eig``): cohorts, administrations,
challenges with their links and key figures, people, fellowships and teams.

The import runs in two steps. The plan reconciles the files without touching the database:
spellings of one administration are merged, a person listed twice is merged, a link between a
person and a challenge is kept when either side lists it, and everything that cannot be placed is
reported. The write then goes through the apps' services, inside one transaction, saving only
what changed. Records that the files do not mention are never deleted, and a value the files
leave empty never erases one recorded since.
"""

from collections import Counter
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cohorts.models import Person, Track
from cohorts.services import cohort_upsert, fellowship_upsert, person_create_unlisted, person_upsert
from core.records import Outcome
from projects.importers.report import ImportReport
from projects.importers.site_eig_mapping import _quoted
from projects.importers.site_eig_plan import SitePlan
from projects.importers.site_eig_source import SourceError, site_source_read
from projects.models import ChallengeStatus, Skill
from projects.services import (
    administration_upsert,
    challenge_link_upsert,
    challenge_upsert,
    key_figure_upsert,
    team_membership_ensure,
)


class _SiteImport(SitePlan):
    """The import: the plan of ``SitePlan``, then its write."""

    # ---- write: through the services, only what changed --------------------------------

    def write(self) -> None:
        report = self.report
        cohorts = {}
        for row in self.source.cohorts:
            is_dig = row.promotion == "dig"
            cohort, outcome = cohort_upsert(
                track=Track.DIG if is_dig else Track.EIG,
                number=1 if is_dig else int(row.promotion),
                name=row.key,
                slug=slugify(row.key),
                year=row.year,
            )
            cohorts[row.promotion] = cohort
            report.count("cohort", outcome)

        administrations = {}
        for key, group in self.administrations.items():
            administration, outcome = administration_upsert(
                name=group.name, acronym=group.acronym or None, website=group.website or None
            )
            administrations[key] = administration
            report.count("administration", outcome)

        skills = Skill.objects.in_bulk(field_name="code")
        challenges = {}
        for row in self.source.challenges:
            unknown = [code for code in row.skills if code not in skills]
            if unknown:
                raise SourceError(
                    file="defis.yml",
                    record=row.key,
                    key="skills",
                    reason=_("compétence inconnue %(unknown)s (connues : %(known)s)")
                    % {"unknown": _quoted(unknown), "known": ", ".join(sorted(skills))},
                )
            challenge, outcome = challenge_upsert(
                cohort=cohorts[row.promotion],
                slug=row.slug,
                title=row.title,
                summary=row.summary or None,
                body=row.body or None,
                town=row.town or None,
                duration_months=row.duration_months,
                status=ChallengeStatus.COMPLETED,
                is_published=True,
                administrations=[administrations[self.administration_of[row.key]]],
                skills=[skills[code] for code in dict.fromkeys(row.skills)],
            )
            challenges[row.key] = challenge
            report.count("challenge", outcome)
            positions: Counter = Counter()
            for link in self.links[row.key]:
                _link, outcome = challenge_link_upsert(
                    challenge=challenge,
                    kind=link.kind,
                    url=link.url,
                    title=link.title,
                    description=link.description,
                    position=positions[link.kind],
                )
                positions[link.kind] += 1
                report.count("link", outcome)
            for position, figure in enumerate(row.key_figures):
                _figure, outcome = key_figure_upsert(
                    challenge=challenge,
                    position=position,
                    amount=figure.amount,
                    description=figure.description,
                    prefix=figure.prefix,
                    suffix=figure.suffix,
                )
                report.count("key_figure", outcome)

        people: dict[str, Person] = {}
        for slug, plan in self.people.items():
            if plan.listed:
                # Published on the programme's public site: consent to appear there.
                # A value the files leave empty never erases one recorded since.
                values = {name: value or None for name, value in plan.values.items()}
                person, outcome = person_upsert(
                    slug=slug, full_name=plan.full_name, public_consent=True, **values
                )
            else:
                person, outcome = person_create_unlisted(slug=slug, full_name=plan.full_name)
            people[slug] = person
            report.count("person", outcome)

        for slug, promotion, profile in self.fellowships:
            _fellowship, outcome = fellowship_upsert(
                person=people[slug], cohort=cohorts[promotion], profile=profile
            )
            report.count("fellowship", outcome)

        for challenge, slug, role in self.memberships:
            _membership, outcome = team_membership_ensure(
                challenge=challenges[challenge], person=people[slug], role=role
            )
            report.count("membership", outcome)


def site_eig_import(*, directory: Path, dry_run: bool = False) -> ImportReport:
    """Import the ``site-eig`` data found in ``directory``, in one transaction.

    Raises :class:`SourceError` on a malformed file, the database being left as it was. With
    ``dry_run`` everything is done, reported, then rolled back.
    """
    source = site_source_read(directory=directory)
    report = ImportReport(dry_run=dry_run)
    run = _SiteImport(source, report)
    run.plan()
    with transaction.atomic():
        run.write()
        if dry_run:
            transaction.set_rollback(True)
    return report


__all__ = ["ImportReport", "Outcome", "SourceError", "site_eig_import"]
