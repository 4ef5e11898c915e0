"""The Dask engine: the same chunks, answered on a Dask cluster (``pyqualify[dask]``).

Each chunk of the input is one task (a partition) handed to ``distributed``'s executor;
the runner keeps a bounded window of tasks in flight and writes their answers in input
order, exactly as the local engine does.  Without a scheduler address a LocalCluster of
``jobs`` single-threaded worker processes is started for the run.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import struct
import time
from concurrent.futures import Executor
from contextlib import ExitStack

from ..messages import InputError

CONNECT_SECONDS = 10.0    # to reach the scheduler and hear its first message
WORKER_SECONDS = 10.0     # for the scheduler to have a worker
HANDSHAKE_BYTES = 1 << 16  # a scheduler's first message (Dask's handshake) is about 100 bytes
DEFAULT_PORT = 8786
_LABEL = re.compile(r"[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?")
_FORM = "a Dask scheduler's address tcp://HOST:PORT"


def check_address(address: str) -> tuple[str, str, int]:
    """The scheme, host and port of a scheduler address, or exit 2 naming --scheduler: only
    ``tcp://`` (or ``HOST:PORT``) and ``tls://`` with certificates in Dask's configuration;
    a host name of at most 253 characters or an IP address; a port from 1 to 65535."""
    scheme, sep, rest = address.partition("://")
    if not sep:
        scheme, rest = "tcp", address
    scheme = scheme.lower()
    if scheme not in ("tcp", "tls"):
        raise InputError("--scheduler", f"{_FORM} (tcp:// or tls://)", address)
    if scheme == "tls" and not _tls_configured():
        raise InputError("--scheduler", "tls:// with a client certificate and key in Dask's "
                                        "configuration (distributed.comm.tls.client.cert, "
                                        ".key), or a tcp:// address", address)
    if rest.startswith("["):
        host, bracket, port_text = rest[1:].partition("]")
        if not bracket or (port_text and not port_text.startswith(":")):
            raise InputError("--scheduler", _FORM, address)
        port_text = port_text[1:]
    elif rest.count(":") == 1:
        host, _, port_text = rest.partition(":")
    else:
        host, port_text = rest, ""
    if not _host_ok(host, bracketed=rest.startswith("[")):
        raise InputError("--scheduler", f"{_FORM} with a host name of at most 253 "
                                        f"characters or an IP address", address)
    if port_text == "" and not rest.endswith(":"):
        port = DEFAULT_PORT
    elif port_text.isdecimal() and len(port_text) <= 5 and 0 < int(port_text) < 65536:
        port = int(port_text)
    else:
        raise InputError("--scheduler", f"{_FORM} with a port from 1 to 65535", address)
    return scheme, host, port


def _host_ok(host: str, *, bracketed: bool) -> bool:
    if bracketed:
        try:
            return ipaddress.ip_address(host).version == 6
        except ValueError:
            return False
    if not host or len(host) > 253:
        return False
    return all(_LABEL.fullmatch(label) for label in host.removesuffix(".").split("."))


def _tls_configured() -> bool:
    import dask

    return bool(dask.config.get("distributed.comm.tls.client.cert", None))


def _probe(address: str, host: str, port: int, tls: bool) -> None:
    """Reach the scheduler and, on tcp://, hear the first message a Dask scheduler sends
    on a new connection (its handshake: 8 bytes of length, then a short message), within
    :data:`CONNECT_SECONDS`: a port that never speaks or answers other bytes is refused
    here, before Dask would wait for ever or read a length of exabytes."""
    deadline = time.monotonic() + CONNECT_SECONDS
    try:
        sock = socket.create_connection((host, port), timeout=CONNECT_SECONDS)
    except socket.gaierror as exc:
        raise InputError("--scheduler", f"the address of a running Dask scheduler (the host "
                                        f"is not known: {exc.strerror})", address) from None
    except TimeoutError:
        raise InputError("--scheduler", f"the address of a running Dask scheduler (no "
                                        f"connection within {CONNECT_SECONDS:g} s)",
                         address) from None
    except OSError as exc:
        raise InputError("--scheduler", f"the address of a running Dask scheduler "
                                        f"({exc.strerror or exc})", address) from None
    with sock:
        if tls:
            return   # its words are encrypted: Dask's own connect timeout bounds the rest
        try:
            head = _receive(sock, 8, deadline)
            (size,) = struct.unpack("Q", head)
            if not 0 < size <= HANDSHAKE_BYTES:
                raise ValueError(size)
            _receive(sock, size, deadline)
        except TimeoutError:
            raise InputError("--scheduler", f"a Dask scheduler, but the server there said "
                                            f"nothing within {CONNECT_SECONDS:g} s",
                             address) from None
        except (OSError, ValueError, struct.error):
            raise InputError("--scheduler", "a Dask scheduler, but the server there does "
                                            "not speak Dask's protocol", address) from None


def _receive(sock: socket.socket, size: int, deadline: float) -> bytes:
    data = b""
    while len(data) < size:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        sock.settimeout(left)
        block = sock.recv(size - len(data))
        if not block:
            raise ConnectionError("closed")
        data += block
    return data


def dask_executor(scheduler: str | None, jobs: int, stack: ExitStack) -> tuple[Executor, int]:
    """An executor on the cluster at ``scheduler`` (or a new local one) and its workers."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise InputError("--engine", "Dask installed: pip install 'pyqualify[dask]'",
                         "dask") from None
    if scheduler is None:
        cluster = stack.enter_context(LocalCluster(
            n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None))
        client = stack.enter_context(Client(cluster))
    else:
        scheme, host, port = check_address(scheduler)
        _probe(scheduler, host, port, scheme == "tls")
        shown = f"[{host}]" if ":" in host else host
        try:
            client = stack.enter_context(Client(f"{scheme}://{shown}:{port}",
                                                timeout=f"{CONNECT_SECONDS:g}s"))
        except Exception as exc:  # OSError, a timeout, or what a strange peer made Dask do
            raise InputError("--scheduler", f"the address of a running Dask scheduler "
                                            f"({exc.__class__.__name__})", scheduler) from None
        try:
            client.wait_for_workers(1, timeout=WORKER_SECONDS)
        except TimeoutError:
            raise InputError("--scheduler", f"a Dask scheduler with workers, but none is "
                                            f"there after {WORKER_SECONDS:g} s",
                             scheduler) from None
    threads = sum(client.nthreads().values()) or 1
    return client.get_executor(pure=False), threads
