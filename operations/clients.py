"""Who is asking, for rate limits: the client's network address, never the browser session.

The address comes from the connection, or from ``X-Forwarded-For`` when the connection comes from a
trusted reverse proxy (``SARABURI_TRUSTED_PROXIES``; the server resolves it before the app sees
it, see ``docs/deployment.md``). An IPv6 client counts by its /64 (one subscriber holds a whole
/64); an unknown address (this machine, or tests) is one client.
"""

from __future__ import annotations

import hashlib
import ipaddress

LOCAL = "local"


def client_key(address: str | None) -> str:
    if not address:
        return LOCAL
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return LOCAL
    if ip.version == 6 and ip.ipv4_mapped is None:
        network = ipaddress.ip_network(f"{ip}/64", strict=False)
        label = f"ip6:{network.network_address}"
    else:
        label = f"ip4:{ip.ipv4_mapped or ip}" if ip.version == 6 else f"ip4:{ip}"
    return "ip:" + hashlib.sha256(label.encode()).hexdigest()[:32]
