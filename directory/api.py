"""The HSDA 3.1 read API over the directory: JSON, GET only, one language per request.

What each endpoint takes and returns is written out in `directory.hsds.openapi`, served at
/api/v1/openapi.json. Every parameter is checked: an unknown, repeated or bad one gets a 400
naming it, never a 500.
"""

import functools
import math
import uuid
from collections.abc import Callable

from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse, QueryDict
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from directory.hsds.openapi import (
    PER_PAGE_DEFAULT,
    PER_PAGE_MAX,
    SEARCH_MAX_LENGTH,
    openapi_document,
)
from directory.hsds.serialize import (
    TAXONOMY_ID,
    organization_dict,
    service_full,
    service_summary,
    services_in_full,
    taxonomy_dict,
    taxonomy_term_dict,
)
from directory.models import Organization, Service, TaxonomyTerm
from directory.search import search_services

LANGUAGES = ("fr", "en")


class BadParameter(Exception):
    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter
        self.message = message


class NotFound(Exception):
    pass


def error_response(status: int, message: str, parameter: str | None = None) -> JsonResponse:
    body = {"status": status, "message": message}
    if parameter is not None:
        body["parameter"] = parameter
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def api_view(view: Callable[..., dict]) -> Callable[..., JsonResponse]:
    """Answers GET with the view's dictionary as JSON, in the language of `lang`, and turns
    bad parameters and unknown ids into JSON errors."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> JsonResponse:
        lang = request.GET.get("lang")
        lang = lang if lang in LANGUAGES else "fr"
        with translation.override(lang):
            if request.method not in ("GET", "HEAD"):
                response = error_response(405, _("This API only answers GET requests."))
                response["Allow"] = "GET, HEAD"
                return response
            try:
                response = JsonResponse(
                    view(request, *args, **kwargs), json_dumps_params={"ensure_ascii": False}
                )
            except BadParameter as error:
                response = error_response(400, error.message, error.parameter)
            except NotFound as error:
                response = error_response(404, str(error))
        response["Content-Language"] = lang
        return response

    return wrapper


# Parameters ----------------------------------------------------------------------------------


def checked(request: HttpRequest, *allowed: str) -> QueryDict:
    """The query parameters, once each refused if unknown or repeated; `lang` is always allowed."""
    allowed = (*allowed, "lang")
    for name, values in request.GET.lists():
        if name not in allowed:
            message = _("%(name)s is not a parameter of this endpoint, which takes: %(allowed)s.")
            raise BadParameter(name, message % {"name": name, "allowed": ", ".join(allowed)})
        if len(values) > 1:
            message = _("%(name)s is given more than once; give it once.")
            raise BadParameter(name, message % {"name": name})
    language(request.GET)
    return request.GET


def language(params: QueryDict) -> str:
    lang = params.get("lang", "fr")
    if lang not in LANGUAGES:
        raise BadParameter("lang", _("lang must be fr (French) or en (English)."))
    return lang


def whole_number(params: QueryDict, name: str, default: int, maximum: int | None = None) -> int:
    value = params.get(name)
    if value is None:
        return default
    if not (value.isascii() and value.isdigit()) or int(value) < 1:
        message = _("%(name)s must be a whole number of 1 or more.")
        raise BadParameter(name, message % {"name": name})
    if maximum is not None and int(value) > maximum:
        message = _("%(name)s must be at most %(maximum)d.")
        raise BadParameter(name, message % {"name": name, "maximum": maximum})
    return int(value)


def pages(params: QueryDict) -> tuple[int, int]:
    page = whole_number(params, "page", 1)
    per_page = whole_number(params, "per_page", PER_PAGE_DEFAULT, maximum=PER_PAGE_MAX)
    return page, per_page


def identifier(params: QueryDict, name: str) -> uuid.UUID | None:
    value = params.get(name)
    if value is None:
        return None
    try:
        return uuid.UUID(value)
    except ValueError:
        message = _("%(name)s must be an id such as 3f7b145d-84af-42d7-8fae-eaca714b02b2.")
        raise BadParameter(name, message % {"name": name}) from None


def search_words(params: QueryDict) -> str:
    words = params.get("search", "").strip()
    if len(words) > SEARCH_MAX_LENGTH:
        message = _("search must be at most %(maximum)d characters long.")
        raise BadParameter("search", message % {"maximum": SEARCH_MAX_LENGTH})
    return words


def one(records: QuerySet, value: str, missing: str) -> object:
    """The record with id `value`, or NotFound with the sentence `missing` (naming %(id)s)."""
    try:
        record = records.filter(id=uuid.UUID(value)).first()
    except ValueError:
        record = None
    if record is None:
        raise NotFound(missing % {"id": value})
    return record


def paginated(contents: list[dict], total: int, page: int, per_page: int) -> dict:
    total_pages = math.ceil(total / per_page)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def page_of(records: QuerySet, page: int, per_page: int) -> tuple[list, int]:
    total = records.count()
    start = (page - 1) * per_page
    return (list(records[start : start + per_page]) if start < total else []), total


# Views ---------------------------------------------------------------------------------------


@api_view
def root(request: HttpRequest) -> dict:
    checked(request)
    openapi_url = request.build_absolute_uri(reverse("api:openapi"))
    return {"version": "3.1", "profile": openapi_url, "openapi_url": openapi_url}


@api_view
def openapi(request: HttpRequest) -> dict:
    checked(request)
    return openapi_document()


@api_view
def services(request: HttpRequest) -> dict:
    params = checked(request, "search", "taxonomy_term_id", "organization_id", "page", "per_page")
    lang = language(params)
    page, per_page = pages(params)
    words = search_words(params)
    candidates = Service.objects.active()
    if (term_id := identifier(params, "taxonomy_term_id")) is not None:
        candidates = candidates.filter(attributes__taxonomy_term_id=term_id)
    if (organization_id := identifier(params, "organization_id")) is not None:
        candidates = candidates.filter(organization_id=organization_id)
    if words:
        ranked = search_services(words, candidates=candidates).service_ids
        start = (page - 1) * per_page
        wanted = ranked[start : start + per_page]
        found = candidates.prefetch_related("phones").in_bulk(wanted)
        rows, total = [found[pk] for pk in wanted if pk in found], len(ranked)
    else:
        ordered = candidates.prefetch_related("phones").order_by(f"name_{lang}", "id")
        rows, total = page_of(ordered, page, per_page)
    return paginated([service_summary(s, lang) for s in rows], total, page, per_page)


@api_view
def service(request: HttpRequest, service_id: str) -> dict:
    lang = language(checked(request))
    missing = _("No active service has the id %(id)s.")
    return service_full(one(services_in_full().active(), service_id, missing), lang)


@api_view
def organizations(request: HttpRequest) -> dict:
    params = checked(request, "page", "per_page")
    lang = language(params)
    page, per_page = pages(params)
    ordered = Organization.objects.order_by(f"name_{lang}", "id")
    rows, total = page_of(ordered, page, per_page)
    return paginated([organization_dict(o, lang) for o in rows], total, page, per_page)


@api_view
def organization(request: HttpRequest, organization_id: str) -> dict:
    lang = language(checked(request))
    missing = _("No organization has the id %(id)s.")
    found = one(Organization.objects.all(), organization_id, missing)
    offered = found.services.active().prefetch_related("phones").order_by(f"name_{lang}", "id")
    return {
        **organization_dict(found, lang),
        "services": [service_summary(s, lang) for s in offered],
    }


@api_view
def taxonomy_terms(request: HttpRequest) -> dict:
    params = checked(request, "page", "per_page")
    lang = language(params)
    page, per_page = pages(params)
    rows, total = page_of(TaxonomyTerm.objects.order_by(f"name_{lang}", "id"), page, per_page)
    return paginated([taxonomy_term_dict(t, lang) for t in rows], total, page, per_page)


@api_view
def taxonomy_term(request: HttpRequest, term_id: str) -> dict:
    lang = language(checked(request))
    term = one(TaxonomyTerm.objects.all(), term_id, _("No taxonomy term has the id %(id)s."))
    return taxonomy_term_dict(term, lang)


@api_view
def taxonomies(request: HttpRequest) -> dict:
    params = checked(request, "page", "per_page")
    lang = language(params)
    page, per_page = pages(params)
    contents = [taxonomy_dict(lang)] if page == 1 else []
    return paginated(contents, 1, page, per_page)


@api_view
def taxonomy(request: HttpRequest, taxonomy_id: str) -> dict:
    lang = language(checked(request))
    if taxonomy_id != str(TAXONOMY_ID):
        raise NotFound(_("No taxonomy has the id %(id)s.") % {"id": taxonomy_id})
    return taxonomy_dict(lang)


@api_view
def not_found(request: HttpRequest, path: str = "") -> dict:
    raise NotFound(_("There is nothing at this address; see /api/v1/openapi.json."))
