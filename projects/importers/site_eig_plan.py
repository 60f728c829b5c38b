"""The plan of the ``site-eig`` import: the files reconciled without touching the database.

Spellings of one administration are merged, a person listed twice is merged, a link between a
person and a challenge is kept when either side lists it, and everything that cannot be placed is
reported (see projects.importers.site_eig, which writes the plan).
"""

from collections import Counter

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify
from django.utils.translation import gettext as _

from cohorts.models import Profile
from core.records import unique_slug
from projects.importers.report import ImportReport
from projects.importers.site_eig_mapping import (
    _HANDLE,
    FELLOW,
    MENTOR,
    PROFILE_BY_TAG,
    ROLE_TAGS,
    VIDEO_URLS,
    _AdministrationGroup,
    _entry_kind,
    _LinkPlan,
    _PersonPlan,
    _profile,
    _quoted,
    _split_acronym,
    fold,
)
from projects.importers.site_eig_source import (
    SITE_URL,
    ChallengeRow,
    PersonRow,
    SiteSource,
    SourceError,
)
from projects.models import Administration, ChallengeLink, LinkKind, TeamRole


class SitePlan:
    """The files reconciled: what the write will save, and the report of what was merged,
    noted or left unplaced."""

    def __init__(self, source: SiteSource, report: ImportReport):
        self.source = source
        self.report = report
        self.url_validator = URLValidator(schemes=["http", "https"])
        self.url_max_length = ChallengeLink._meta.get_field("url").max_length
        self.cohort_rows = {row.promotion: row for row in source.cohorts}
        self.challenges = {row.key: row for row in source.challenges}
        self.administration_of: dict[str, str] = {}
        self.administrations: dict[str, _AdministrationGroup] = {}
        self.links: dict[str, list[_LinkPlan]] = {}
        self.people: dict[str, _PersonPlan] = {}
        self.person_by_name: dict[str, str] = {}
        self.ambiguous_names: set[str] = set()
        self.challenge_by_name: dict[str, str] = {}
        # (challenge key, person slug, role) → which side listed it
        self.memberships: dict[tuple[str, str, TeamRole], str] = {}
        self.fellowships: list[tuple[str, str, Profile]] = []

    # ---- plan: reconcile the files, nothing written ---------------------------------------

    def plan(self) -> None:
        self._plan_challenges()
        self._plan_administrations()
        self._plan_people()
        self._plan_memberships()
        self._plan_fellowships()
        for name in self.source.orphan_files:
            self.report.unplaced.append(
                _("fichier %(file)s : aucun défi ni aucune personne n'y correspond")
                % {"file": name}
            )

    def _valid_url(self, url: str) -> bool:
        try:
            self.url_validator(url)
        except ValidationError:
            return False
        return len(url) <= self.url_max_length

    def _plan_challenges(self) -> None:
        seen: dict[tuple[str, str], str] = {}
        for row in self.source.challenges:
            if row.promotion not in self.cohort_rows:
                raise SourceError(
                    file="defis.yml",
                    record=row.key,
                    key="promotion",
                    reason=_("promotion « %(value)s » absente de promos.yml")
                    % {"value": row.promotion},
                )
            other = seen.setdefault((row.promotion, row.slug), row.key)
            if other != row.key:
                raise SourceError(
                    file="defis.yml",
                    record=row.key,
                    key="link_to",
                    reason=_("même adresse que le défi « %(other)s »") % {"other": other},
                )
            if row.body is None:
                self.report.note(
                    _("Défis sans texte de présentation"),
                    _("« %(title)s » : aucun fichier defis/ pour %(year)d/%(slug)s")
                    % {"title": row.key, "year": row.year, "slug": row.slug},
                )
            self.links[row.key] = self._plan_links(row)

        # A challenge is named by its key; its title names it too, unless two challenges share it
        # (the three "EIG Link").
        titles = Counter(fold(row.title) for row in self.source.challenges)
        for row in self.source.challenges:
            self.challenge_by_name[fold(row.key)] = row.key
        for row in self.source.challenges:
            if titles[fold(row.title)] == 1:
                self.challenge_by_name.setdefault(fold(row.title), row.key)

    def _plan_links(self, row: ChallengeRow) -> list[_LinkPlan]:
        skipped = _("Liens non importés")
        candidates = [
            _LinkPlan(LinkKind.SOURCE_CODE, row.source_code),
            _LinkPlan(LinkKind.WEBSITE, row.website),
        ]
        for video in row.videos:
            title = _("Vidéo de présentation") if video.intro else _("Rétrospective")
            if not video.shown:
                self.report.note(
                    skipped,
                    _("« %(challenge)s » : vidéo %(id)s, masquée sur l'ancien site")
                    % {"challenge": row.key, "id": video.video_id},
                )
                continue
            template = VIDEO_URLS.get(video.platform)
            if template is None:
                self.report.note(
                    skipped,
                    _("« %(challenge)s » : vidéo %(id)s sur une plateforme inconnue (%(platform)s)")
                    % {"challenge": row.key, "id": video.video_id, "platform": video.platform},
                )
                continue
            candidates.append(
                _LinkPlan(
                    LinkKind.VIDEO, template.format(id=video.video_id), title, video.description
                )
            )
        candidates.append(_LinkPlan(LinkKind.POSTER, row.poster))
        for achievement in row.achievements:
            if not achievement.url:
                self.report.note(
                    skipped,
                    _("« %(challenge)s » : réalisation « %(title)s » sans adresse")
                    % {"challenge": row.key, "title": achievement.title},
                )
                continue
            url = achievement.url
            if url.startswith("/"):
                url = SITE_URL + url
                self.report.note(
                    _("Adresses relatives complétées avec l'adresse de l'ancien site"), url
                )
            candidates.append(
                _LinkPlan(LinkKind.ACHIEVEMENT, url, achievement.title, achievement.description)
            )
        links, seen = [], set()
        for link in candidates:
            if not link.url:
                continue
            if not self._valid_url(link.url):
                self.report.note(
                    skipped,
                    _("« %(challenge)s » : adresse invalide « %(url)s »")
                    % {"challenge": row.key, "url": link.url},
                )
            elif (link.kind, link.url) in seen:
                self.report.note(
                    skipped,
                    _("« %(challenge)s » : lien en double « %(url)s »")
                    % {"challenge": row.key, "url": link.url},
                )
            else:
                seen.add((link.kind, link.url))
                links.append(link)
        return links

    def _plan_administrations(self) -> None:
        max_length = Administration._meta.get_field("name").max_length
        for row in self.source.challenges:
            name, acronym = _split_acronym(row.administration)
            key = fold(name)
            if not key or len(name) > max_length:
                raise SourceError(
                    file="defis.yml",
                    record=row.key,
                    key="administration",
                    reason=_("nom d'administration vide ou trop long"),
                )
            group = self.administrations.setdefault(key, _AdministrationGroup(key))
            group.names[name] += 1
            group.spellings[row.administration] += 1
            if acronym:
                group.acronyms[acronym] += 1
            website = row.administration_website
            if website and self._valid_url(website):
                group.websites[website] += 1
            elif website:
                self.report.note(
                    _("Sites web d'administration écartés"),
                    _("« %(name)s » : adresse invalide « %(url)s »")
                    % {"name": row.administration, "url": website},
                )
            self.administration_of[row.key] = key
        for group in self.administrations.values():
            label = f"{group.name} ({group.acronym})" if group.acronym else group.name
            if len(group.spellings) > 1:
                spellings = ", ".join(
                    f"« {spelling} » ({count})" for spelling, count in group.spellings.items()
                )
                line = _("Administration : %(spellings)s → « %(name)s »") % {
                    "spellings": spellings,
                    "name": label,
                }
                if len(group.websites) > 1:
                    line += _(" ; site web retenu : %(kept)s (aussi donné : %(others)s)") % {
                        "kept": group.website,
                        "others": ", ".join(w for w in group.websites if w != group.website),
                    }
                self.report.merges.append(line)
            elif len(group.websites) > 1:
                self.report.note(
                    _("Sites web d'administration écartés"),
                    _("« %(name)s » : %(kept)s retenu, %(others)s écarté")
                    % {
                        "name": label,
                        "kept": group.website,
                        "others": ", ".join(w for w in group.websites if w != group.website),
                    },
                )

    def _plan_people(self) -> None:
        entries_by_slug: dict[str, list[PersonRow]] = {}
        for entry in self.source.people:
            entries_by_slug.setdefault(entry.slug, []).append(entry)
        for slug, entries in entries_by_slug.items():
            full_name = next(
                (entry.key for entry in entries if entry.key == entry.title), entries[0].key
            )
            person = _PersonPlan(slug=slug, full_name=full_name, entries=entries)
            person.values = self._person_values(person)
            self.people[slug] = person
            if not person.values["biography"]:
                self.report.name(
                    _("Personnes sans biographie (pas de fichier communaute/ ou un fichier vide)"),
                    full_name,
                )
            if len(entries) > 1:
                self.report.merges.append(
                    _("Personne : %(spellings)s → « %(name)s » (fiche %(slug)s)")
                    % {
                        "spellings": _quoted(entry.key for entry in entries),
                        "name": full_name,
                        "slug": slug,
                    }
                )
            for entry in entries:
                if entry.title and fold(entry.title) != fold(entry.key):
                    self.report.note(
                        _("Incohérences des fiches"),
                        _(
                            "« %(name)s » : titre « %(title)s » ignoré, le nom de la fiche est "
                            "retenu"
                        )
                        % {"name": entry.key, "title": entry.title},
                    )
                if _entry_kind(entry) == "unknown":
                    self.report.note(
                        _("Incohérences des fiches"),
                        _("« %(name)s » : profil « %(profile)s » non reconnu")
                        % {"name": entry.key, "profile": entry.profile},
                    )

        # A person is named by the keys of its entries, then by their titles when no other
        # entry already answers to that name.
        claimed: dict[str, set[str]] = {}
        for slug, person in self.people.items():
            for entry in person.entries:
                claimed.setdefault(fold(entry.key), set()).add(slug)
        for name, slugs in claimed.items():
            if len(slugs) == 1:
                self.person_by_name[name] = next(iter(slugs))
            else:
                self.ambiguous_names.add(name)
                self.report.unplaced.append(
                    _("nom « %(name)s » porté par plusieurs fiches (%(slugs)s) : liens ignorés")
                    % {"name": name, "slugs": ", ".join(sorted(slugs))}
                )
        for slug, person in self.people.items():
            for entry in person.entries:
                if entry.title and fold(entry.title) not in claimed:
                    self.person_by_name.setdefault(fold(entry.title), slug)

    def _person_values(self, person: _PersonPlan) -> dict[str, str]:
        values = {
            "biography": next((entry.biography for entry in person.entries if entry.biography), "")
        }
        topic = _("Incohérences des fiches")
        for name in ("github", "gitlab", "twitter", "linkedin", "website"):
            found = [getattr(entry, name) for entry in person.entries if getattr(entry, name)]
            kept = ""
            for value in found:
                if name in ("github", "gitlab", "twitter"):
                    value = value.removeprefix("@").rstrip("/").rsplit("/", 1)[-1]
                    valid = bool(_HANDLE.match(value))
                else:
                    valid = self._valid_url(value)
                if not valid:
                    self.report.note(
                        topic,
                        _("« %(name)s » : %(field)s « %(value)s » invalide, écarté")
                        % {"name": person.full_name, "field": name, "value": value},
                    )
                elif not kept:
                    kept = value
                elif value != kept:
                    self.report.note(
                        topic,
                        _("« %(name)s » : %(field)s « %(value)s » écarté au profit de « %(kept)s »")
                        % {"name": person.full_name, "field": name, "value": value, "kept": kept},
                    )
            values[name] = kept
        return values

    def _unlisted_person(self, name: str, challenge: str, role: TeamRole) -> str:
        """The slug of a person named on a challenge without an entry in personnes.yml."""
        key = fold(name)
        if key in self.person_by_name:
            return self.person_by_name[key]
        slug = unique_slug(base=slugify(name) or "personne", taken=self.people.__contains__)
        self.people[slug] = _PersonPlan(slug=slug, full_name=name, entries=[], listed=False)
        self.person_by_name[key] = slug
        self.report.note(
            _("Personnes citées sur un défi sans fiche, créées non publiques"),
            _("« %(name)s » (%(role)s sur « %(challenge)s »)")
            % {"name": name, "role": role.label, "challenge": challenge},
        )
        return slug

    def _plan_memberships(self) -> None:
        one_side = _("Liens trouvés d'un seul côté, retenus")
        corrected = _("Rôles corrigés")
        person_challenges = {
            slug: {
                self.challenge_by_name.get(fold(name))
                for entry in person.entries
                for name in entry.challenges
            }
            for slug, person in self.people.items()
        }
        for row in self.source.challenges:
            for listed_role, names in ((FELLOW, row.fellows), (MENTOR, row.mentors)):
                for name in names:
                    if fold(name) in self.ambiguous_names:
                        continue  # reported with the names
                    slug = self.person_by_name.get(fold(name))
                    if slug is None:
                        slug = self._unlisted_person(name, row.key, listed_role)
                    person, role = self.people[slug], listed_role
                    if (
                        person.listed
                        and role == MENTOR
                        and not person.can_be_mentor
                        and person.can_be_fellow
                    ):
                        role = FELLOW
                    elif (
                        person.listed
                        and role == FELLOW
                        and not person.can_be_fellow
                        and person.can_be_mentor
                    ):
                        role = MENTOR
                    if role != listed_role:
                        self.report.note(
                            corrected,
                            _(
                                "« %(name)s » sur « %(challenge)s » : "
                                "listé %(listed)s sur le défi, "
                                "retenu %(role)s d'après sa fiche"
                            )
                            % {
                                "name": person.full_name,
                                "challenge": row.key,
                                "listed": listed_role.label,
                                "role": role.label,
                            },
                        )
                    self.memberships.setdefault((row.key, slug, role), "challenge")
                    if person.listed and row.key not in person_challenges.get(slug, set()):
                        self.report.note(
                            one_side,
                            _(
                                "« %(name)s » %(role)s sur « %(challenge)s » : listé sur le défi, "
                                "pas sur sa fiche"
                            )
                            % {"name": person.full_name, "role": role.label, "challenge": row.key},
                        )

        linked = {(challenge, slug) for challenge, slug, _role in self.memberships}
        for slug, person in self.people.items():
            for entry in person.entries:
                for name in entry.challenges:
                    challenge = self.challenge_by_name.get(fold(name))
                    if challenge is None:
                        self.report.unplaced.append(
                            _("« %(name)s » : défi « %(challenge)s » introuvable dans defis.yml")
                            % {"name": entry.key, "challenge": name}
                        )
                        continue
                    if (challenge, slug) in linked:
                        continue
                    kind = _entry_kind(entry)
                    role = {"fellow": FELLOW, "mentor": MENTOR, "staff": MENTOR}.get(kind)
                    if role is None:
                        self.report.unplaced.append(
                            _(
                                "« %(name)s » sur « %(challenge)s » : rôle inconnu (profil "
                                "« %(profile)s »)"
                            )
                            % {"name": entry.key, "challenge": challenge, "profile": entry.profile}
                        )
                        continue
                    self.memberships[(challenge, slug, role)] = "person"
                    linked.add((challenge, slug))
                    self.report.note(
                        one_side,
                        _(
                            "« %(name)s » %(role)s sur « %(challenge)s » : listé sur sa fiche, pas "
                            "sur le défi"
                        )
                        % {"name": person.full_name, "role": role.label, "challenge": challenge},
                    )

    def _plan_fellowships(self) -> None:
        cohort_of_tag = {tag: row.promotion for row in self.source.cohorts for tag in row.tags}
        known_tags = set(cohort_of_tag) | set(PROFILE_BY_TAG) | ROLE_TAGS
        unknown_tags: Counter = Counter()
        roles: dict[str, dict[TeamRole, set[str]]] = {}
        for challenge, slug, role in self.memberships:
            promotion = self.challenges[challenge].promotion
            roles.setdefault(slug, {FELLOW: set(), MENTOR: set()})[role].add(promotion)
        several, from_tags, staff, idle = [], [], [], []
        for slug, person in self.people.items():
            for entry in person.entries:
                unknown_tags.update(tag for tag in entry.classes if tag not in known_tags)
            person_roles = roles.get(slug, {FELLOW: set(), MENTOR: set()})
            if person.listed and not person_roles[FELLOW] and not person_roles[MENTOR]:
                idle.append(person.full_name)
            if not person.can_be_fellow:
                if "staff" in person.kinds:
                    staff.append(person.full_name)
                continue
            fellow_entries = [entry for entry in person.entries if _entry_kind(entry) == "fellow"]
            tagged: set[str] = set()
            for entry in fellow_entries:
                tags = {cohort_of_tag[tag] for tag in entry.classes if tag in cohort_of_tag}
                if "mentor" in entry.classes:
                    # A fellow who later mentored carries the tags of both roles: the promotion
                    # of a challenge they mentored is not a fellowship.
                    tags -= person_roles[MENTOR] - person_roles[FELLOW]
                tagged |= tags
            promotions = person_roles[FELLOW] | tagged
            if not promotions:
                self.report.unplaced.append(
                    _("« %(name)s » : EIG sans promotion (ni défi, ni étiquette de promotion)")
                    % {"name": person.full_name}
                )
                continue
            profile = _profile(fellow_entries)
            for promotion in sorted(promotions):
                self.fellowships.append((slug, promotion, profile))
            cohort_names = [self.cohort_rows[p].key for p in sorted(promotions)]
            if len(promotions) > 1:
                several.append(f"{person.full_name} ({', '.join(cohort_names)})")
            only_tagged = sorted(tagged - person_roles[FELLOW])
            if only_tagged:
                from_tags.append(
                    _("%(name)s : %(cohorts)s")
                    % {
                        "name": person.full_name,
                        "cohorts": ", ".join(self.cohort_rows[p].key for p in only_tagged),
                    }
                )
        for topic, items in (
            (_("EIG dans plusieurs promotions"), several),
            (_("Promotions connues par les seules étiquettes de la fiche, sans défi"), from_tags),
            (_("Équipe du programme (profil Accompagnement), importée sans parcours d'EIG"), staff),
            (_("Personnes sans défi"), idle),
        ):
            for item in items:
                self.report.name(topic, item)
        for tag, count in sorted(unknown_tags.items()):
            self.report.note(_("Étiquettes inconnues, ignorées"), f"{tag} ({count})")
