"""The read-only API of the program's public data, with its OpenAPI description.

Mounted at /api/: documentation at /api/docs, description at /api/openapi.json. It serves the
same records as the downloads of the open data page (see ``projects.open_data``): published
challenges only, people only when they consented. Every answer carries the licence and source.
"""

from typing import Any, Literal

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import HttpError, ValidationError
from ninja.renderers import JSONRenderer

from core.bounds import Int64, PositiveInt64
from projects import open_data, selectors

PAGE_SIZE = 50


class SafeJSONRenderer(JSONRenderer):
    """JSON with ``<``, ``>`` and ``&`` escaped, as the downloads: text holding HTML stays
    inert even if an answer is opened as a web page."""

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> str:
        return open_data.json_text(data)


DESCRIPTION = f"""
Données publiques du programme Entrepreneurs d'intérêt général : promotions, défis publiés,
administrations d'accueil et personnes ayant accepté d'apparaître sur le site.

Lecture seule, sans authentification. Les listes sont paginées ({PAGE_SIZE} résultats par page,
paramètre `page`) ; chaque réponse donne le nombre total de résultats et l'adresse des pages
suivante et précédente.

**Licence** : {open_data.LICENCE_NAME} ({settings.EIG_DATA_LICENCE_URL}).
**Source à citer** : {settings.EIG_DATA_CREDIT}.
Chaque réponse reprend la licence (`licence`) et la source (`source`).
Les mêmes données sont téléchargeables en CSV et JSON sur la page « Données ouvertes » du site.

**Erreurs** (en JSON, message en français dans `detail`) : 400 pour un caractère invisible ou un
nombre au-delà de 64 bits dans l'adresse, 404 pour une page ou un défi qui n'existe pas, 422 pour
un paramètre d'un mauvais type ou hors de ses bornes, avec un message par paramètre (`erreurs`).
"""


class PublicAPI(NinjaAPI):
    """The API, readable from any web site's scripts (CORS) for its GET answers, errors
    included."""

    def create_response(self, request: HttpRequest, data: Any, **kwargs) -> HttpResponse:
        response = super().create_response(request, data, **kwargs)
        if request.method in ("GET", "HEAD"):
            response["Access-Control-Allow-Origin"] = "*"
        return response


api = PublicAPI(
    docs_decorator=open_data.allow_any_origin,
    title="API des Entrepreneurs d'intérêt général",
    version="1.0",
    description=DESCRIPTION,
    urls_namespace="api",
    renderer=SafeJSONRenderer(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def _parameter_message(error: dict[str, Any]) -> str:
    """A parameter's error from pydantic, in French."""
    kind, context = error.get("type", ""), error.get("ctx") or {}
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Un nombre entier est attendu.")
    if kind == "greater_than_equal":
        return _("La valeur doit être supérieure ou égale à %(limit)s.") % {
            "limit": context.get("ge")
        }
    if kind == "less_than_equal":
        return _("La valeur doit être inférieure ou égale à %(limit)s.") % {
            "limit": context.get("le")
        }
    if kind == "string_too_long":
        return _("Le texte ne doit pas dépasser %(limit)s caractères.") % {
            "limit": context.get("max_length")
        }
    if kind == "literal_error":
        return _("Valeur non autorisée ; valeurs possibles : %(choices)s.") % {
            "choices": context.get("expected", "")
        }
    if kind == "missing":
        return _("Ce paramètre est obligatoire.")
    return _("Valeur non valide.")


@api.exception_handler(ValidationError)
def invalid_parameters(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {
            "parametre": str(error.get("loc", ("", ""))[-1]),
            "message": _parameter_message(error),
        }
        for error in exc.errors
    ]
    return api.create_response(
        request,
        {"detail": _("Un ou plusieurs paramètres ne sont pas valides."), "erreurs": errors},
        status=422,
    )


# --- Schemas ---------------------------------------------------------------------------------


class ErrorOut(Schema):
    detail: str = Field(description="Ce qui ne va pas, en français.")


class ParameterErrorOut(Schema):
    parametre: str = Field(description="Le paramètre refusé.")
    message: str


class ValidationErrorOut(ErrorOut):
    erreurs: list[ParameterErrorOut] = Field(description="Un message par paramètre refusé.")


# Every answer an operation can give besides its result: a refused character or number in the
# address (core.bounds.InputBoundsMiddleware), a page or record that does not exist, a parameter
# of the wrong type or out of its range.
RECORD_ERRORS = {400: ErrorOut, 404: ErrorOut}
LIST_ERRORS = {**RECORD_ERRORS, 422: ValidationErrorOut}


class LicenceOut(Schema):
    nom: str
    url: str


class SourceOut(Schema):
    credit: str = Field(description="Mention de la source à reprendre.")
    url: str


class PageOut(Schema):
    licence: LicenceOut
    source: SourceOut
    nombre: int = Field(description="Nombre total de résultats.")
    page: int
    pages: int = Field(description="Nombre de pages.")
    suivant: str | None = Field(description="Adresse de la page suivante.")
    precedent: str | None = Field(description="Adresse de la page précédente.")


class AdministrationRef(Schema):
    identifiant: int
    nom: str
    sigle: str


class PersonRef(Schema):
    nom: str
    url: str


class FellowRef(PersonRef):
    profil: str = Field(description="Profil dans la promotion du défi.")


class KeyFigureOut(Schema):
    valeur: float
    prefixe: str
    suffixe: str
    description: str


class LinkOut(Schema):
    nature: str
    nature_libelle: str
    url: str
    titre: str


class ChallengeOut(Schema):
    promotion: str = Field(description="Identifiant de la promotion.")
    promotion_nom: str
    annee: int
    identifiant: str = Field(description="Identifiant du défi dans sa promotion.")
    titre: str
    resume: str
    url: str
    administrations: list[AdministrationRef]
    ville: str
    duree_mois: int
    etat: str
    etat_libelle: str
    thematiques: list[str]
    competences: list[str]
    eig: list[FellowRef] = Field(description="EIG ayant accepté d'apparaître.")
    eig_non_nommes: int = Field(description="Autres EIG de l'équipe, non nommés.")
    mentors: list[PersonRef]
    mentors_non_nommes: int
    porteurs: list[PersonRef]
    porteurs_non_nommes: int
    chiffres_cles: list[KeyFigureOut]
    liens: list[LinkOut]
    devenir: str
    devenir_libelle: str
    precisions_devenir: str


class CohortOut(Schema):
    identifiant: str
    nom: str
    programme: str
    programme_libelle: str
    numero: int
    annee: int
    debut: str | None
    fin: str | None
    nombre_defis: int
    nombre_eig: int
    url: str


class AdministrationOut(Schema):
    identifiant: int
    nom: str
    sigle: str
    nature: str
    nature_libelle: str
    rattachement: int | None = Field(
        description="Identifiant de l'administration de rattachement (ministère, direction…)."
    )
    site_web: str
    nombre_defis: int
    url_defis: str


class FellowshipOut(Schema):
    promotion: str
    profil: str


class PersonOut(Schema):
    nom: str
    identifiant: str
    url: str
    parcours: list[FellowshipOut]


class ChallengePage(PageOut):
    resultats: list[ChallengeOut]


class CohortPage(PageOut):
    resultats: list[CohortOut]


class AdministrationPage(PageOut):
    resultats: list[AdministrationOut]


class PersonPage(PageOut):
    resultats: list[PersonOut]


class ChallengeAnswer(Schema):
    licence: LicenceOut
    source: SourceOut
    resultat: ChallengeOut


class PageQuery(Schema):
    page: PositiveInt64 = Field(1, description="Numéro de la page, à partir de 1.")


class ChallengeQuery(PageQuery):
    promotion: str = Field("", description="Identifiant de promotion, par exemple `eig-2`.")
    annee: Int64 | None = Field(None, description="Année de la promotion.")
    administration: Int64 | None = Field(
        None,
        description="Identifiant d'administration : ses défis et ceux des "
        "administrations qui lui sont rattachées.",
    )
    thematique: str = Field("", description="Identifiant de thématique.")
    competence: str = Field("", description="Code de compétence, par exemple `dev`.")
    etat: Literal["", "selected", "in_progress", "completed"] = Field(
        "", description="État du défi."
    )
    q: str = Field(
        "",
        max_length=200,
        description="Mots cherchés dans le titre, le résumé, "
        "la présentation et les administrations.",
    )


# --- Helpers ---------------------------------------------------------------------------------


def paginated(request: HttpRequest, *, items, page: int, to_records) -> dict[str, Any]:
    """One page of ``items`` as records, with the licence, source and pagination links."""
    paginator = Paginator(items, PAGE_SIZE)
    if page > max(paginator.num_pages, 1):
        raise HttpError(404, "Cette page n'existe pas.")
    page_obj = paginator.page(page)

    def page_url(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return open_data.absolute_url(f"{request.path}?{query.urlencode()}")

    return {
        "licence": open_data.licence_record(),
        "source": open_data.source_record(),
        "nombre": paginator.count,
        "page": page,
        "pages": paginator.num_pages,
        "suivant": page_url(page + 1) if page_obj.has_next() else None,
        "precedent": page_url(page - 1) if page_obj.has_previous() else None,
        "resultats": to_records(page_obj.object_list),
    }


# --- Endpoints -------------------------------------------------------------------------------


@api.get(
    "/promotions",
    response={200: CohortPage, **LIST_ERRORS},
    summary="Les promotions",
    tags=["promotions"],
)
def cohort_list(request: HttpRequest, query: Query[PageQuery]):
    from cohorts.selectors import cohort_public_list

    return paginated(
        request, items=cohort_public_list(), page=query.page, to_records=open_data.cohort_records
    )


@api.get(
    "/defis",
    response={200: ChallengePage, **LIST_ERRORS},
    summary="Les défis publiés",
    tags=["défis"],
)
def challenge_list(request: HttpRequest, query: Query[ChallengeQuery]):
    filters = selectors.ChallengeFilters(
        cohort=query.promotion,
        year=query.annee,
        administration=query.administration,
        theme=query.thematique,
        skill=query.competence,
        status=query.etat,
        q=query.q,
    )
    return paginated(
        request,
        items=selectors.challenge_public_full_list(filters=filters),
        page=query.page,
        to_records=open_data.challenge_records,
    )


@api.get(
    "/defis/{promotion}/{identifiant}",
    response={200: ChallengeAnswer, **RECORD_ERRORS},
    summary="Un défi",
    tags=["défis"],
)
def challenge_detail(request: HttpRequest, promotion: str, identifiant: str):
    challenges = list(
        selectors.challenge_public_full_list(
            filters=selectors.ChallengeFilters(cohort=promotion)
        ).filter(slug=identifiant)
    )
    if not challenges:
        raise HttpError(404, "Ce défi n'existe pas ou n'est pas publié.")
    return {
        "licence": open_data.licence_record(),
        "source": open_data.source_record(),
        "resultat": open_data.challenge_records(challenges)[0],
    }


@api.get(
    "/administrations",
    response={200: AdministrationPage, **LIST_ERRORS},
    summary="Les administrations d'accueil",
    tags=["administrations"],
)
def administration_list(request: HttpRequest, query: Query[PageQuery]):
    return paginated(
        request,
        items=selectors.administration_public_list(),
        page=query.page,
        to_records=open_data.administration_records,
    )


@api.get(
    "/personnes",
    response={200: PersonPage, **LIST_ERRORS},
    summary="Les personnes ayant accepté d'apparaître sur le site",
    tags=["personnes"],
)
def person_list(request: HttpRequest, query: Query[PageQuery]):
    from cohorts.selectors import person_public_list

    return paginated(
        request, items=person_public_list(), page=query.page, to_records=open_data.person_records
    )
