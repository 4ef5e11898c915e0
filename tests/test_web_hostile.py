"""A server no client can lock (issue 17, the server's items), on a real ``pyqualify serve``.

Each item of the issue is a test, with a variant of our own beside it: long static names,
clients that go away mid-body, crowds of half-sent requests, slow and idle connections, the
Host header (DNS rebinding), the static table, and the words for empty and non-UTF-8 bodies.
"""

from __future__ import annotations

import json
import resource
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from pyqualify.cli import main
from tests.web_server import Server, running_server

pytestmark = pytest.mark.slow
CROWD = 1100


@pytest.fixture(scope="module")
def quick() -> Iterator[Server]:
    """A server with short deadlines: headers 1.5 s, body 2 s."""
    with running_server(workers=1, args=("--header-timeout", "1.5", "--body-timeout", "2")
                        ) as base:
        yield base


def get(url: str, host: str | None = None, timeout: float = 10) -> tuple[int, Any]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as exc:
        return exc.code, json.load(exc)


def post(url: str, body: bytes, timeout: float = 30) -> tuple[int, Any]:
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as exc:
        return exc.code, json.load(exc)


def connect(server: Server) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=10)
    return sock


def closed_by_server(sock: socket.socket, within: float) -> bool:
    """True when the server closes the connection within ``within`` seconds."""
    sock.settimeout(within)
    try:
        while True:
            data = sock.recv(65536)
            if not data:
                return True
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True


def raise_file_limit(needed: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = min(hard, max(soft, needed)) if hard != resource.RLIM_INFINITY else max(soft, needed)
    if wanted > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    assert resource.getrlimit(resource.RLIMIT_NOFILE)[0] >= needed, "too few file descriptors"


QUESTION = json.dumps({"education": "high_school", "as_of": "2026-11",
                       "work": [{"start": "2020-01", "occupation": "same"}]}).encode()


# --- static names ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["a" * 300 + ".js", "b" * 5000 + ".css", "c" * 255 + ".js",
                                  "%00.js", "app.js%00.css", "..%2fapp.py", "." * 300])
def test_any_static_name_answers_404_or_the_file(quick: Server, name: str) -> None:
    status, body = get(f"{quick}/static/{name}")
    assert status == 404 and body["error"]["message"]
    assert get(f"{quick}/api/health")[0] == 200


def test_the_static_table_does_not_grow() -> None:
    from pyqualify.web import page

    known = page.static_file("app.js")
    assert known is not None
    for i in range(5000):
        assert page.static_file(f"missing-{i}.js") is None
    assert page._static_files.cache_info().currsize == 1   # one table, read once
    assert not hasattr(page.static_file, "cache_info")     # no cache of names asked for


# --- clients that go away ----------------------------------------------------------------------

@pytest.mark.parametrize("stage", ["body", "headers", "answer"])
def test_a_client_that_goes_away_leaves_no_traceback(stage: str) -> None:
    with running_server(workers=1) as server:
        for _ in range(3):
            sock = connect(server)
            if stage == "headers":
                sock.sendall(b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le")
            else:
                sock.sendall(b"POST /api/path?horizon=480 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             b"Content-Type: application/json\r\nContent-Length: "
                             + str(len(QUESTION) + (100 if stage == "body" else 0)).encode()
                             + b"\r\n\r\n" + QUESTION)
            time.sleep(0.3)
            sock.close()
        time.sleep(1.0)
        assert get(f"{server}/api/health")[0] == 200
        log = server.log_text()
    assert "Traceback" not in log and "Exception in ASGI" not in log, log[-3000:]


# --- crowds of half-sent requests ----------------------------------------------------------------

@pytest.mark.parametrize("half", ["headers", "body"])
def test_a_crowd_of_half_sent_requests_keeps_health_and_check_answering(half: str) -> None:
    raise_file_limit(2 * CROWD + 200)
    with running_server(workers=1) as server:
        held = []
        try:
            for i in range(CROWD):
                sock = connect(server)
                if half == "headers":
                    sock.sendall(b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                else:
                    sock.sendall(b"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                 b"Content-Length: 5000\r\n\r\n{\"educa")
                held.append(sock)
                if i % 200 == 199:
                    assert get(f"{server}/api/health", timeout=5)[0] == 200
            started = time.perf_counter()
            status, body = get(f"{server}/api/health", timeout=5)
            assert status == 200 and body["status"] == "ok"
            status, body = post(f"{server}/api/check", QUESTION, timeout=20)
            assert status == 200 and body["levels"][0]["eligible"] is True
            assert time.perf_counter() - started < 5
        finally:
            for sock in held:
                sock.close()
        log = server.log_text()
    assert "Traceback" not in log, log[-3000:]


# --- slow and idle connections ----------------------------------------------------------------

def test_a_connection_that_sends_nothing_is_closed(quick: Server) -> None:
    sock = connect(quick)
    started = time.perf_counter()
    assert closed_by_server(sock, 10)
    assert 1.0 < time.perf_counter() - started < 6
    sock.close()


def test_headers_that_drip_are_cut_off(quick: Server) -> None:
    sock = connect(quick)
    started = time.perf_counter()
    closed = False
    for byte in b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + b"a" * 200:
        try:
            sock.sendall(bytes([byte]))
        except OSError:
            closed = True
            break
        time.sleep(0.05)
        if time.perf_counter() - started > 8:
            break
    closed = closed or closed_by_server(sock, 3)
    assert closed and time.perf_counter() - started < 8
    sock.close()


def test_a_body_that_stalls_answers_408_and_closes(quick: Server) -> None:
    sock = connect(quick)
    sock.sendall(b"POST /api/check?lang=zh HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                 b"Content-Length: 1000\r\n\r\n{\"education\"")
    sock.settimeout(10)
    started = time.perf_counter()
    reply = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            break
        reply += chunk
    assert reply.startswith(b"HTTP/1.1 408"), reply[:200]
    assert "秒内传完".encode() in reply
    assert 1.5 < time.perf_counter() - started < 8
    sock.close()


def test_an_idle_kept_alive_connection_is_closed(quick: Server) -> None:
    sock = connect(quick)
    sock.sendall(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    sock.settimeout(5)
    assert sock.recv(65536).startswith(b"HTTP/1.1 200")
    started = time.perf_counter()
    assert closed_by_server(sock, 12)
    assert time.perf_counter() - started < 8
    sock.close()


# --- the Host header --------------------------------------------------------------------------

@pytest.mark.parametrize(("host", "status"), [
    ("evil.example", 421), ("evil.example:{port}", 421), ("127.0.0.1.evil.example", 421),
    ("localhost.evil.example:{port}", 421), ("", 421),
    ("127.0.0.1:{port}", 200), ("localhost:{port}", 200), ("LOCALHOST", 200),
    ("[::1]:{port}", 200), ("127.0.0.1", 200),
])
def test_only_the_hosts_the_server_was_started_for_are_answered(quick: Server, host: str,
                                                                status: int) -> None:
    sock = connect(quick)
    header = f"Host: {host.format(port=quick.port)}\r\n".encode() if host else b"Host: \r\n"
    sock.sendall(b"GET /api/health HTTP/1.1\r\n" + header + b"Connection: close\r\n\r\n")
    sock.settimeout(10)
    reply = b""
    while chunk := sock.recv(65536):
        reply += chunk
    sock.close()
    answered = reply[9:12].decode()
    assert answered == str(status) or (not host and answered == "400"), (host, reply[:200])


def test_allowed_hosts_of_a_server() -> None:
    from pyqualify.web.app import allowed_hosts, host_name

    assert allowed_hosts("127.0.0.1") == {"127.0.0.1", "localhost", "::1"}
    assert allowed_hosts("192.0.2.7", ["pyq.example"]) == {"192.0.2.7", "pyq.example"}
    assert allowed_hosts("0.0.0.0") is None and allowed_hosts("::") is None
    assert host_name("[::1]:8000") == "::1" and host_name("Example.COM:80") == "example.com"


def test_an_extra_host_name_is_answered() -> None:
    with running_server(workers=1, args=("--allow-host", "pyq.internal")) as server:
        assert get(f"{server}/api/health", host="pyq.internal")[0] == 200
        assert get(f"{server}/api/health", host="pyq.internal.evil")[0] == 421


# --- the same words as the command line -------------------------------------------------------

@pytest.mark.parametrize(("body", "name"), [(b"", "empty"), (b"  \n\n", "blank"),
                                            (b"\xef\xbb\xbf", "bom-only"),
                                            (b"education: \xff\n", "not-utf8"),
                                            (b"\xff\xfe\x00\x01", "binary")])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_empty_and_undecodable_bodies_have_the_command_lines_words(
        quick: Server, body: bytes, name: str, lang: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("body.yaml").write_bytes(body)
    cli = CliRunner().invoke(main, ["check", "body.yaml", "--lang", lang])
    assert cli.exit_code == 2
    prefix = "pyqualify：错误：" if lang == "zh" else "pyqualify: error: "
    cli_words = cli.output.strip().removeprefix(prefix).replace(
        '"body.yaml"', "请求内容" if lang == "zh" else "the body")
    request = urllib.request.Request(f"{quick}/api/check?lang={lang}", data=body, method="POST")
    try:
        urllib.request.urlopen(request, timeout=20)
        raise AssertionError("accepted")
    except urllib.error.HTTPError as exc:
        assert exc.code == 422
        api = json.load(exc)["error"]["message"]
    assert api.replace(" 请求内容 ", "请求内容") == cli_words.replace(" 请求内容 ", "请求内容")
