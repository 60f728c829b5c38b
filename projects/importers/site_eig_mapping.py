"""How the former public site's fields map onto the records (``site-eig``): one folding for
every name, the profiles and roles its entries state, the video platforms, and what the plan of
the import holds (see projects.importers.site_eig)."""

import re
from collections import Counter
from dataclasses import dataclass, field

from cohorts.models import Profile
from projects.importers.site_eig_source import PersonRow
from projects.models import LinkKind, TeamRole
from projects.naming import administration_name_key

# The same folding serves every name: case, accents, apostrophes (’ or '), dashes (– or -) and
# punctuation do not tell two names apart.
fold = administration_name_key

# An acronym in brackets at the end of an administration's name, possibly before a stray comma.
_TRAILING_ACRONYM = re.compile(r"^(?P<name>.*?\S)\s*\((?P<acronym>[^\s()]{2,30})\)$")
_HANDLE = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")

PROFILE_BY_PROFIL = {
    "developpeur": Profile.DEVELOPER,
    "developpeuse": Profile.DEVELOPER,
    "data scientist": Profile.DATA_SCIENTIST,
    "data engineer": Profile.DATA_ENGINEER,
    "designer": Profile.DESIGNER,
    "designeuse": Profile.DESIGNER,
}
PROFILE_BY_TAG = {
    "webdev": Profile.DEVELOPER,
    "datascientist": Profile.DATA_SCIENTIST,
    "designer": Profile.DESIGNER,
    "geomatique": Profile.GEOMATICIAN,
}
MENTOR_PROFIL = "mentor"
STAFF_PROFIL = "accompagnement"  # the programme's own team and coaches
ROLE_TAGS = {"eig", "mentor"}

VIDEO_URLS = {
    "dailymotion": "https://www.dailymotion.com/video/{id}",
    "youtube": "https://www.youtube.com/watch?v={id}",
    "vimeo": "https://vimeo.com/{id}",
    "loom": "https://www.loom.com/share/{id}",
}

FELLOW, MENTOR = TeamRole.FELLOW, TeamRole.MENTOR


@dataclass
class _AdministrationGroup:
    key: str
    names: Counter = field(default_factory=Counter)
    spellings: Counter = field(default_factory=Counter)
    acronyms: Counter = field(default_factory=Counter)
    websites: Counter = field(default_factory=Counter)

    @property
    def name(self) -> str:
        return self.names.most_common(1)[0][0]

    @property
    def acronym(self) -> str:
        return self.acronyms.most_common(1)[0][0] if self.acronyms else ""

    @property
    def website(self) -> str:
        return self.websites.most_common(1)[0][0] if self.websites else ""


@dataclass
class _LinkPlan:
    kind: LinkKind
    url: str
    title: str = ""
    description: str = ""


@dataclass
class _PersonPlan:
    slug: str
    full_name: str
    entries: list[PersonRow]
    values: dict[str, str] = field(default_factory=dict)
    listed: bool = True  # False: known only as a name on a challenge

    @property
    def kinds(self) -> set[str]:
        return {_entry_kind(entry) for entry in self.entries}

    @property
    def can_be_fellow(self) -> bool:
        return "fellow" in self.kinds

    @property
    def can_be_mentor(self) -> bool:
        return bool(self.kinds & {"mentor", "staff"}) or any(
            "mentor" in entry.classes for entry in self.entries
        )


def _entry_kind(entry: PersonRow) -> str:
    """What one entry of personnes.yml describes: a fellow, a mentor, the programme's staff."""
    profil = fold(entry.profile)
    if profil in PROFILE_BY_PROFIL:
        return "fellow"
    if profil == MENTOR_PROFIL:
        return "mentor"
    if profil == STAFF_PROFIL:
        return "staff"
    if "mentor" in entry.classes:
        return "mentor"
    if "eig" in entry.classes or any(tag in PROFILE_BY_TAG for tag in entry.classes):
        return "fellow"
    return "unknown"


def _split_acronym(raw: str) -> tuple[str, str]:
    """``"Direction interministérielle du numérique (DINUM),"`` → name and acronym."""
    cleaned = raw.strip().rstrip(",;").strip()
    match = _TRAILING_ACRONYM.match(cleaned)
    if match and any(char.isupper() for char in match["acronym"]):
        return match["name"].rstrip(" ,;"), match["acronym"]
    return cleaned, ""


def _quoted(items) -> str:
    return ", ".join(f"« {item} »" for item in items)


def _profile(entries: list[PersonRow]) -> Profile:
    """A fellow's profile: the geomatics tag first (the ``profil`` field has no such value),
    then ``profil``, then the profile tags."""
    tags = {tag for entry in entries for tag in entry.classes}
    if "geomatique" in tags:
        return Profile.GEOMATICIAN
    for entry in entries:
        profile = PROFILE_BY_PROFIL.get(fold(entry.profile))
        if profile is not None:
            return profile
    for tag, profile in PROFILE_BY_TAG.items():
        if tag in tags:
            return profile
    return Profile.OTHER
