"""The composition root: where the layers are put together, and the only package that imports all of them.

:mod:`app.cli` is the ``helpdesk`` command line, :mod:`app.web` the one ASGI application ``helpdesk serve``
runs (web chat, webhooks, the officer console, the deadline scheduler), and :mod:`app.wiring` hands the runtime
(``bot``) what it must not import itself: the flows that decide each turn and the FAQ seed.
"""
