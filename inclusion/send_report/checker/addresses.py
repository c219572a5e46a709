"""Which addresses the checker may connect to, and a requests adapter that enforces it.

The fetcher checks every host before each request; the adapter checks again at connect time
and connects to the very address it checked, so a DNS answer that changes between the two
(DNS rebinding) cannot reach a private network.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import weakref
from typing import Any

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import NewConnectionError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class AddressRefused(Exception):
    """The host resolves to an address the checker must not connect to."""

    def __init__(self, address: str, kind: str) -> None:
        super().__init__(f"{address} is a {kind} address")
        self.address = address
        self.kind = kind


def refusal_kind(address: IPAddress, allow_loopback: bool = False) -> str | None:
    """Why this address is refused ("private network", "loopback", ...) or None if allowed."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address.is_loopback:
        return None if allow_loopback else "loopback"
    checks = (
        ("unspecified", address.is_unspecified),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private network", address.is_private),
        ("non-public", not address.is_global),
    )
    return next((kind for kind, refused in checks if refused), None)


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address the host resolves to (raises socket.gaierror when it does not)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses: list[IPAddress] = []
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    return addresses


def checked_addresses(host: str, port: int, allow_loopback: bool) -> list[IPAddress]:
    """Resolve the host; raise AddressRefused if ANY of its addresses is not allowed."""
    addresses = resolve(host.strip("[]"), port)
    for address in addresses:
        kind = refusal_kind(address, allow_loopback)
        if kind:
            raise AddressRefused(str(address), kind)
    return addresses


class SocketWatch:
    """The sockets one fetcher opened, so a timer can cut them when a request's time is up.

    Shutting a socket down from another thread wakes a recv() blocked on it, so a server that
    sends one byte a second cannot hold a request past its wall-clock limit.
    """

    def __init__(self) -> None:
        self._sockets: weakref.WeakSet[socket.socket] = weakref.WeakSet()
        self._lock = threading.Lock()
        self._request = 0
        self.cut = False

    def arm(self) -> int:
        """A new request begins: returns its number, for cut_all."""
        with self._lock:
            self._request += 1
            self.cut = False
            return self._request

    def add(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.add(sock)

    def cut_all(self, request: int) -> None:
        """Shut every socket down, unless that request has already ended (a late timer)."""
        with self._lock:
            if request != self._request:
                return
            self.cut = True
            for sock in list(self._sockets):
                with contextlib.suppress(OSError):  # already closed
                    sock.shutdown(socket.SHUT_RDWR)


class _PinnedConnection:
    """Mixin for urllib3 connections: check the host, then connect to the checked address."""

    allow_loopback = False
    watch: SocketWatch | None = None
    _dns_host: str
    port: int

    def _new_conn(self) -> socket.socket:
        addresses = checked_addresses(self._dns_host, self.port, self.allow_loopback)
        original = self._dns_host
        try:
            for address in addresses[:-1]:
                try:
                    return self._watched(self._connect_to(str(address)))
                except NewConnectionError:
                    continue  # e.g. no IPv6 route: try the next checked address
            return self._watched(self._connect_to(str(addresses[-1])))
        finally:
            self._dns_host = original

    def _watched(self, sock: socket.socket) -> socket.socket:
        if self.watch is not None:
            self.watch.add(sock)
        return sock

    def _connect_to(self, address: str) -> socket.socket:
        self._dns_host = address  # TLS still verifies the name in self.host
        return super()._new_conn()  # type: ignore[misc]


def _pool_classes(allow_loopback: bool, watch: SocketWatch | None) -> dict[str, type]:
    attrs = {"allow_loopback": allow_loopback, "watch": watch}
    http = type("PinnedHTTPConnection", (_PinnedConnection, HTTPConnection), attrs)
    https = type("PinnedHTTPSConnection", (_PinnedConnection, HTTPSConnection), attrs)
    return {
        "http": type("PinnedHTTPPool", (HTTPConnectionPool,), {"ConnectionCls": http}),
        "https": type("PinnedHTTPSPool", (HTTPSConnectionPool,), {"ConnectionCls": https}),
    }


class PinnedAdapter(HTTPAdapter):
    """An HTTPAdapter whose connections refuse non-public addresses; no retries."""

    def __init__(self, allow_loopback: bool = False, watch: SocketWatch | None = None) -> None:
        self._allow_loopback = allow_loopback
        self._watch = watch
        super().__init__(max_retries=0)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        classes = _pool_classes(self._allow_loopback, self._watch)
        self.poolmanager.pool_classes_by_scheme = classes
