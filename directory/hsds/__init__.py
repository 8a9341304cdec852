"""The directory as Open Referral HSDS 3.1: the read API's documents, exports and imports.

One HSDS document carries one language (`fr` or `en`); the models keep both. How our fields map
to HSDS, and the few Entraide additions (the "Entraide profile"), are written out in
`openapi.PROFILE_DESCRIPTION`, which the API serves in its OpenAPI document.

- `schemas`: the vendored official schemas (vendor/, see vendor/SOURCE.txt) and their validators
- `serialize`: models to HSDS dictionaries
- `export`: the JSON document and the CSV tabular data package
- `read`: JSON and CSV files to flat HSDS table rows
- `load`: checks those rows against the schemas and the database, then upserts them
- `openapi`: the OpenAPI 3.1 document of the API
"""
