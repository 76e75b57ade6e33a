"""Frequently asked questions: the knowledge base (``kb``), the matcher (``matcher``, on top of the shared
normalisation in :mod:`nlu.normalize`), what the bot calls (``service``) and the
``helpdesk faq`` commands (``cli``)."""
