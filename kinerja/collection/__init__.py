"""Quarterly data from units: screening and reading their files, checking and saving realisations,
mappings, versions, templates and completeness."""
