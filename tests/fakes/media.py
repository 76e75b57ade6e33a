"""A loopback HTTP server that serves fixed bytes per path (media URLs a webhook points to)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@contextmanager
def media_server(
    files: dict[str, tuple[str, bytes]],
    authorizations: list[str | None] | None = None,
    *,
    redirects: dict[str, str] | None = None,
    gate: threading.Event | None = None,
) -> Iterator[str]:
    """Serve ``{path: (content type, bytes)}``; yields the base URL. ``files`` may change while serving.
    Each request's Authorization header (or None) is appended to ``authorizations`` when given. A path in
    ``redirects`` answers 302 to its location; with ``gate``, files are sent only once it is set (slow
    media)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if authorizations is not None:
                authorizations.append(self.headers.get("Authorization"))
            if redirects and self.path in redirects:
                self.send_response(302)
                self.send_header("Location", redirects[self.path])
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if gate is not None:
                gate.wait(timeout=60)
            if self.path not in files:
                self.send_error(404)
                return
            content_type, data = files[self.path]
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *_args: object) -> None:
            """Quiet."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
