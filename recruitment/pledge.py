"""The confidentiality pledge every peer helper signs before being offered any request.

The text lives whole in templates, one per version and language:
`recruitment/pledge/<version>.<language>.html`, and what changed since the version before it in
`recruitment/pledge/<version>.changes.<language>.html`. A new version means new templates and a
new constant here; older templates stay, so a signed version can always be read. Each profile
records the version its helper signed, and a helper who signed an older version is offered no
request until they sign the current one (see HelperProfile.needs_pledge).
"""

from lib.i18n import current_language

CURRENT_PLEDGE_VERSION = "2026-12"


def pledge_template(version: str = CURRENT_PLEDGE_VERSION, language: str | None = None) -> str:
    return f"recruitment/pledge/{version}.{language or current_language()}.html"


def changes_template(version: str = CURRENT_PLEDGE_VERSION, language: str | None = None) -> str:
    """What changed in this version, for the helpers who signed the one before."""
    return f"recruitment/pledge/{version}.changes.{language or current_language()}.html"
