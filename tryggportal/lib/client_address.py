"""The client's address: the one rule that rate limits, django-axes and the audit log share.

Without a reverse proxy the client is the connection's peer, `REMOTE_ADDR`. Behind one (TLS
ends at the proxy, see docker-compose.yml and deploy/Caddyfile) every request comes from the
proxy's address, and the visitor's address is in `X-Forwarded-For`, which the proxy appends
to. That header is only as honest as whoever sent it: a visitor may send one of their own,
with any addresses they like. So it is read only when the peer is one of
`settings.TRUSTED_PROXIES` (addresses or networks, from the `TRUSTED_PROXIES` environment
variable), and then from the right: each trusted proxy appended the address it saw, and the
rightmost address that is not a trusted proxy is the client. What lies further left was
written by the client and is ignored.

Gunicorn does not do this: its `forwarded_allow_ips` only decides whether to believe the
`X-Forwarded-Proto` family of headers, and `REMOTE_ADDR` stays the proxy's address.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def client_address(request: HttpRequest) -> str | None:
    """The client's address as text, or None when the request carries none."""
    peer = _parse(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return None
    proxies = trusted_networks(tuple(settings.TRUSTED_PROXIES))
    if not _is_trusted(peer, proxies):
        return str(peer)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    client = peer
    for hop in reversed([hop.strip() for hop in forwarded.split(",")]):
        address = _parse(hop)
        if address is None:  # garbage where a trusted proxy wrote: the last address we trust
            break
        client = address
        if not _is_trusted(address, proxies):
            break
    return str(client)


@lru_cache(maxsize=8)
def trusted_networks(entries: tuple[str, ...]) -> tuple[Network, ...]:
    """`TRUSTED_PROXIES`' entries as networks (an address is a network of one); ValueError
    names an entry that is neither."""
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry)


def _is_trusted(address: Address, proxies: tuple[Network, ...]) -> bool:
    return any(address.version == net.version and address in net for net in proxies)


def _parse(text: str) -> Address | None:
    try:
        address = ipaddress.ip_address(text.strip())
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped:
        return address.ipv4_mapped
    return address
