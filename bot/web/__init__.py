"""HTTP pieces the web chat, the webhooks and the officer console share: request bodies, path parameters,
security headers, metrics. The one application that mounts them all is :mod:`app.web`."""
