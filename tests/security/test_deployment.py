"""The documented deployment: Debian's nginx (deploy/nginx/saraburi.conf) in front of the app with
TLS, HSTS, anti-framing headers and Streamlit's metrics closed (issue 9, "No anti-framing
protection; /_stcore/metrics is open"). The app's own server sets the staff session cookie and the
same headers when no proxy is there."""

from __future__ import annotations

import contextlib
import http.client
import os
import shutil
import ssl
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser_support import ROOT, free_port, streamlit_server

pytestmark = [pytest.mark.slow, pytest.mark.proxy]
SITE = ROOT / "deploy" / "nginx" / "saraburi.conf"


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("proxy-app")
    env = {"SARABURI_WAREHOUSE_DIR": str(folder / "warehouse")}
    with streamlit_server(env, folder / "streamlit.log") as url:
        yield url


@contextlib.contextmanager
def nginx(folder: Path, upstream: str) -> Iterator[tuple[int, int]]:
    """The site file as shipped, with its placeholders filled, under a throwaway nginx."""
    nginx_binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(nginx_binary).exists():
        raise RuntimeError("nginx is missing: run ./dev test (it installs Debian's nginx)")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=localhost", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    http_port, https_port = free_port(), free_port()
    site = (
        SITE.read_text()
        .replace("__HTTP_PORT__", f"127.0.0.1:{http_port}")
        .replace("__HTTPS_PORT__", f"127.0.0.1:{https_port}")
        .replace("__SERVER_NAME__", "localhost")
        .replace("__TLS_CERT__", str(cert))
        .replace("__TLS_KEY__", str(key))
        .replace("__APP_UPSTREAM__", upstream)
    )
    body = "\n".join(line for line in site.splitlines() if not line.startswith("#"))
    assert "__" not in body  # every placeholder filled
    (folder / "site.conf").write_text(site)
    (folder / "nginx.conf").write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"daemon off;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
        "events {}\nhttp {\n"
        f"  access_log {folder}/access.log;\n"
        + "".join(f"  {kind}_temp_path {folder}/{kind};\n"
                  for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        + f"  include {folder}/site.conf;\n}}\n"
    )  # fmt: skip
    process = subprocess.Popen(
        [nginx_binary, "-p", str(folder), "-c", str(folder / "nginx.conf")],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                _get(https_port, "/_stcore/health")
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError((folder / "error.log").read_text()) from None
                time.sleep(0.2)
        yield http_port, https_port
    finally:
        process.terminate()
        process.wait(timeout=10)


def _get(port: int, path: str, tls: bool = True, **headers: str) -> http.client.HTTPResponse:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # our own throwaway certificate
    connection = (
        http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=10)
        if tls
        else http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    )
    connection.request("GET", path, headers={"Host": "localhost", **headers})
    response = connection.getresponse()
    response.read()
    return response


@pytest.fixture(scope="module")
def proxy(app_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, int]]:
    with nginx(tmp_path_factory.mktemp("nginx"), app_url.removeprefix("http://")) as ports:
        yield ports


def test_the_proxy_serves_the_app_over_tls_with_security_headers(
    proxy: tuple[int, int],
) -> None:
    _, https = proxy
    page = _get(https, "/")
    assert page.status == 200
    assert page.getheader("Strict-Transport-Security", "").startswith("max-age=31536000")
    assert page.getheader("Content-Security-Policy") == "frame-ancestors 'self'"
    assert page.getheader("X-Frame-Options") == "SAMEORIGIN"
    assert page.getheader("X-Content-Type-Options") == "nosniff"
    # one value per header (the app's own are hidden behind the proxy)
    assert len(page.headers.get_all("Content-Security-Policy") or []) == 1
    cookie = page.getheader("Set-Cookie", "")
    assert cookie.startswith("__Host-saraburi_staff=")
    assert all(flag in cookie for flag in ("Secure", "HttpOnly", "SameSite=Lax", "Path=/"))


def test_the_proxy_redirects_http_and_closes_the_metrics(proxy: tuple[int, int]) -> None:
    http_port, https = proxy
    redirect = _get(http_port, "/queue", tls=False)
    assert redirect.status == 301
    assert redirect.getheader("Location", "").startswith("https://localhost")
    assert _get(https, "/_stcore/metrics").status == 404
    assert _get(https, "/_stcore/health").status == 200


def test_the_proxy_passes_websockets(proxy: tuple[int, int]) -> None:
    _, https = proxy
    response = _get(
        https,
        "/_stcore/stream",
        Connection="Upgrade",
        Upgrade="websocket",
        **{"Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ=="},
        Origin="https://localhost",
    )
    assert response.status == 101


def test_without_a_proxy_the_app_still_refuses_framing_and_hides_metrics_remotely(
    app_url: str,
) -> None:
    port = int(app_url.rsplit(":", 1)[1])
    page = _get(port, "/", tls=False)
    assert page.getheader("Content-Security-Policy") == "frame-ancestors 'self'"
    assert page.getheader("X-Frame-Options") == "SAMEORIGIN"
    # this machine may read the metrics; a remote client (via the proxy above) may not
    assert _get(port, "/_stcore/metrics", tls=False).status == 200
