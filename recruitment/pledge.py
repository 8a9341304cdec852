"""The confidentiality pledge every peer helper signs before being offered any request.

The text lives whole in templates, one per version and language:
`recruitment/pledge/<version>.<language>.html`. A new version means new templates and a new
constant here. Each profile records the version its helper signed; a helper who signed an
older version stays active (see HelperProfile.needs_pledge to ask them to sign again).
"""

from lib.i18n import current_language

CURRENT_PLEDGE_VERSION = "2026-11"


def pledge_template(version: str = CURRENT_PLEDGE_VERSION, language: str | None = None) -> str:
    return f"recruitment/pledge/{version}.{language or current_language()}.html"
