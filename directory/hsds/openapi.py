"""The OpenAPI 3.1 document of the directory's HSDA read API: exactly what `directory.api` serves.

Object schemas are built from the vendored HSDS field definitions, keeping only the fields we
emit, and close their objects (`additionalProperties: false`) so that a test can hold every
response to them.
"""

from directory.hsds.schemas import PROFILE_FIELDS, table_schema
from directory.hsds.serialize import REGION_URI_PREFIX, TAXONOMY_ID

PER_PAGE_DEFAULT = 25
PER_PAGE_MAX = 100
SEARCH_MAX_LENGTH = 200

PROFILE_DESCRIPTION = f"""\
The Entraide help directory as an HSDS 3.1 read API (HSDA): JSON, GET only, no authentication.

**Languages.** The directory is kept in French and English; a response carries one language.
Every endpoint takes `lang` (`fr`, the default, or `en`) and answers with a `Content-Language`
header. Texts are the stored text of that language.

**Services.** Lists and the service endpoint show active services only; the HSDS exports
(`manage.py export_hsds`) carry every service with its status. `search` runs the directory's
own search (accents folded, French and English stemming, synonyms, typo correction) and keeps
its order, best first; without `search`, services are ordered by name.

**Mapping and the Entraide profile.**
- `service.assured_date` is the date the service was last verified; `last_modified` is when
  its record last changed.
- Added fields (HSDS has none for them): `service.keywords` (everyday words people search
  with), `service.crisis_rank` (order of a crisis line pinned first when a search reads like a
  crisis), `organization.assured_date` (date the organization was last verified).
- `schedule`: weekly hours (`freq` WEEKLY, `byday`), `opens_at`/`closes_at` as local wall-clock
  times `HH:MM:SS` in the America/Montreal zone (no UTC offset: it changes twice a year).
  00:00:00 to 00:00:00 is the whole day; closing before opening spans midnight.
- `service_area`: `name` is the area's name; an area covering one administrative region of
  Quebec has `uri` `{REGION_URI_PREFIX}NN`, NN the official region code (01 to 17); an area
  without `uri` is the whole province or country.
- `phone.type` is one of voice, text (SMS), textphone (TTY), fax; `extension` is numeric.
- `language`: `code` is ISO 639-1; `name` is the language's own name.
- `attribute`: each links a service (`link_entity` "service") to a topic, its
  `taxonomy_term`. There is one taxonomy, the topics, with id `{TAXONOMY_ID}`.

**Errors.** A bad parameter gets HTTP 400, an unknown id or path 404, another method than GET
405; the body is always the `Error` object, which names the parameter at fault.
"""


def hsds_property(table: str, name: str, **changes: object) -> dict:
    definition = table_schema(table)["properties"][name]
    keys = ("type", "format", "enum", "description")
    return {key: definition[key] for key in keys if key in definition} | changes


def profile_property(table: str, name: str) -> dict:
    field = next(f for f in PROFILE_FIELDS[table] if f["name"] == name)
    kinds = {"date": {"type": "string", "format": "date"}, "integer": {"type": "integer"}}
    return kinds.get(field["type"], {"type": "string"}) | {"description": field["description"]}


def hsds_object(table: str, names: list[str], required: list[str], **extra: dict) -> dict:
    properties = {name: hsds_property(table, name) for name in names} | extra
    return {
        "type": "object",
        "description": table_schema(table)["description"],
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def array_of(name: str) -> dict:
    return {"type": "array", "items": ref(name)}


def service_schema(**nested: dict) -> dict:
    names = ["id", "organization_id", "name", "description", "url", "email", "status"]
    names += ["assured_date", "last_modified"]
    schema = hsds_object(
        "service",
        names,
        ["id", "organization_id", "name", "status"],
        keywords=profile_property("service", "keywords"),
        crisis_rank=profile_property("service", "crisis_rank"),
        **nested,
    )
    schema["properties"]["assured_date"]["format"] = "date"
    return schema


def organization_schema(**nested: dict) -> dict:
    return hsds_object(
        "organization",
        ["id", "name", "description", "email", "website"],
        ["id", "name", "description"],
        assured_date=profile_property("organization", "assured_date"),
        **nested,
    )


def page_schema(item: str) -> dict:
    properties = {
        "total_items": {"type": "integer", "description": "The number of items of every page."},
        "total_pages": {"type": "integer", "description": "The number of pages (0 if none)."},
        "page_number": {"type": "integer", "description": "The number of this page, from 1."},
        "size": {"type": "integer", "description": "The number of items on this page."},
        "first_page": {"type": "boolean", "description": "Whether this is the first page."},
        "last_page": {"type": "boolean", "description": "Whether no page follows this one."},
        "empty": {"type": "boolean", "description": "Whether this page has no items."},
        "contents": array_of(item),
    }
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def components() -> dict:
    schemas = {
        "ApiInfo": {
            "type": "object",
            "properties": {
                "version": {"type": "string", "description": "HSDS version of this API."},
                "profile": {
                    "type": "string",
                    "format": "uri",
                    "description": "Where the profile is described: this document's info.",
                },
                "openapi_url": {
                    "type": "string",
                    "format": "uri",
                    "description": "The URL of this OpenAPI document.",
                },
            },
            "required": ["version", "profile", "openapi_url"],
            "additionalProperties": False,
        },
        "Error": {
            "type": "object",
            "properties": {
                "status": {"type": "integer", "description": "The HTTP status code."},
                "parameter": {"type": "string", "description": "The parameter at fault."},
                "message": {"type": "string", "description": "What is wrong, in a sentence."},
            },
            "required": ["status", "message"],
            "additionalProperties": False,
        },
        "Organization": organization_schema(),
        "OrganizationWithServices": organization_schema(services=array_of("ServiceSummary")),
        "ServiceSummary": service_schema(phones=array_of("Phone")),
        "Service": service_schema(
            organization=ref("Organization"),
            phones=array_of("Phone"),
            schedules=array_of("Schedule"),
            service_areas=array_of("ServiceArea"),
            languages=array_of("Language"),
            attributes=array_of("Attribute"),
        ),
        "Phone": hsds_object(
            "phone",
            ["id", "service_id", "number", "extension", "description"],
            ["id", "service_id", "number", "type"],
            type=hsds_property("phone", "type", enum=["voice", "text", "textphone", "fax"]),
        ),
        "Schedule": hsds_object(
            "schedule",
            ["id", "service_id", "byday", "description"],
            ["id", "service_id", "freq", "byday", "opens_at", "closes_at"],
            freq=hsds_property("schedule", "freq", enum=["WEEKLY"]),
            opens_at=local_time("opens"),
            closes_at=local_time("closes"),
        ),
        "ServiceArea": hsds_object(
            "service_area",
            ["id", "service_id", "name"],
            ["id", "service_id"],
            uri=hsds_property(
                "service_area",
                "uri",
                description=f"{REGION_URI_PREFIX}NN for one administrative region, NN its "
                "official code; absent for the whole province or country.",
            ),
        ),
        "Language": hsds_object(
            "language",
            ["id", "service_id", "name", "code"],
            ["id", "service_id", "name", "code"],
        ),
        "Attribute": hsds_object(
            "attribute",
            ["id", "link_id", "taxonomy_term_id"],
            ["id", "link_id", "link_entity", "taxonomy_term_id", "taxonomy_term"],
            link_entity=hsds_property("attribute", "link_entity", enum=["service"]),
            taxonomy_term=ref("TaxonomyTerm"),
        ),
        "TaxonomyTerm": hsds_object(
            "taxonomy_term",
            ["id", "code", "name", "description", "parent_id", "taxonomy", "taxonomy_id"],
            ["id", "code", "name", "description", "taxonomy", "language", "taxonomy_id"],
            language=hsds_property("taxonomy_term", "language", enum=["fr", "en"]),
        ),
        "Taxonomy": hsds_object(
            "taxonomy", ["id", "name", "description"], ["id", "name", "description"]
        ),
    }
    for item in ("ServiceSummary", "Organization", "TaxonomyTerm", "Taxonomy"):
        schemas[f"{item}Page"] = page_schema(item)
    return {"schemas": schemas, "parameters": parameters(), "responses": responses()}


def local_time(what: str) -> dict:
    return {
        "type": "string",
        "pattern": "^[0-2][0-9]:[0-5][0-9]:[0-5][0-9]$",
        "description": f"The local time (America/Montreal) the service {what}, HH:MM:SS.",
    }


def parameters() -> dict:
    def query(name: str, description: str, schema: dict) -> dict:
        return {
            "name": name,
            "in": "query",
            "required": False,
            "description": description,
            "schema": schema,
        }

    return {
        "lang": query(
            "lang",
            "The language of the texts: fr (French) or en (English).",
            {"type": "string", "enum": ["fr", "en"], "default": "fr"},
        ),
        "search": query(
            "search",
            "Words to search for, in French or English; results come best first.",
            {"type": "string", "maxLength": SEARCH_MAX_LENGTH},
        ),
        "taxonomy_term_id": query(
            "taxonomy_term_id",
            "Only services with this topic. An id that names no topic gives an empty page.",
            {"type": "string", "format": "uuid"},
        ),
        "organization_id": query(
            "organization_id",
            "Only services of this organization.",
            {"type": "string", "format": "uuid"},
        ),
        "page": query(
            "page",
            "The page to return, from 1. A page past the last one is empty.",
            {"type": "integer", "minimum": 1, "default": 1},
        ),
        "per_page": query(
            "per_page",
            "The number of items on a page.",
            {"type": "integer", "minimum": 1, "maximum": PER_PAGE_MAX, "default": PER_PAGE_DEFAULT},
        ),
    }


def responses() -> dict:
    def error(description: str) -> dict:
        return {
            "description": description,
            "content": {"application/json": {"schema": ref("Error")}},
        }

    return {
        "BadRequest": error(
            "A parameter is unknown, repeated or has a value it cannot take; `parameter` names it."
        ),
        "NotFound": error("No record has this id."),
    }


def ok(description: str, schema: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": ref(schema)}}}


def operation(
    operation_id: str, summary: str, schema: str, params: list[str], *, by_id: bool = False
) -> dict:
    responses = {"200": ok(summary, schema), "400": {"$ref": "#/components/responses/BadRequest"}}
    if by_id:
        responses["404"] = {"$ref": "#/components/responses/NotFound"}
    result = {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": [{"$ref": f"#/components/parameters/{name}"} for name in params],
            "responses": responses,
        }
    }
    if by_id:
        path_id = {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
        result["parameters"] = [path_id | {"description": "The record's id (a UUID)."}]
    return result


def openapi_document() -> dict:
    listing = ["page", "per_page", "lang"]
    paths = {
        "/": operation(
            "getAPIMetaInformation",
            "What this API is and where it is described.",
            "ApiInfo",
            ["lang"],
        ),
        "/services": operation(
            "getPaginatedListOfServices",
            "Active services, with their one-to-one fields and phones.",
            "ServiceSummaryPage",
            ["search", "taxonomy_term_id", "organization_id", *listing],
        ),
        "/services/{id}": operation(
            "getFullyNestedServiceById",
            "An active service, fully nested.",
            "Service",
            ["lang"],
            by_id=True,
        ),
        "/organizations": operation(
            "getPaginatedListOfOrganizations", "Organizations.", "OrganizationPage", listing
        ),
        "/organizations/{id}": operation(
            "getOrganizationById",
            "An organization with its active services.",
            "OrganizationWithServices",
            ["lang"],
            by_id=True,
        ),
        "/taxonomy_terms": operation(
            "getPaginatedListOfTaxonomyTerms", "Topics.", "TaxonomyTermPage", listing
        ),
        "/taxonomy_terms/{id}": operation(
            "getTaxonomyTermById", "A topic.", "TaxonomyTerm", ["lang"], by_id=True
        ),
        "/taxonomies": operation(
            "getPaginatedListOfTaxonomies", "The one taxonomy: topics.", "TaxonomyPage", listing
        ),
        "/taxonomies/{id}": operation(
            "getTaxonomyById", "The taxonomy of topics.", "Taxonomy", ["lang"], by_id=True
        ),
    }
    paths["/openapi.json"] = {
        "get": {
            "operationId": "getOpenAPIDocument",
            "summary": "This document.",
            "parameters": [{"$ref": "#/components/parameters/lang"}],
            "responses": {
                "200": {
                    "description": "This document.",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                },
                "400": {"$ref": "#/components/responses/BadRequest"},
            },
        }
    }
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "info": {
            "title": "Entraide directory API (HSDS 3.1)",
            "version": "1.0.0",
            "summary": "The Entraide help directory, read-only, as Open Referral HSDS 3.1.",
            "description": PROFILE_DESCRIPTION,
        },
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": components(),
    }
