"""Frequently asked questions: the knowledge base (``kb``), informal-Indonesian normalisation
(``normalize`` + ``lexicon.yaml``), the matcher (``matcher``), what the bot calls (``service``) and the
``helpdesk faq`` commands (``cli``)."""
