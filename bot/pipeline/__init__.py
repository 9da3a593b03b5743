"""Raw source files -> tidy frames -> one SQLite file. pandas lives only in this package.

One module per source (``municipalities``, ``postal``, ``places``, ``centres``, ``ssb``), the
checks that stop a build (``checks``), the JSON-stat2 reader and SSB client (``jsonstat``,
``fetch``), reading every source into tables (``tables``), writing them to SQLite (``write``),
both in ``build``, the understanding models fitted and stored (``train``, ``retrieval``,
``stored_models``) and the coverage report (``coverage``).
"""
