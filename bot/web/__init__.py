"""The ASGI application: webhooks, web chat, officer console, health and metrics, in one Starlette app."""
