"""What the admin-write tests share: a record of the calls made to a service, which still runs."""

import html


def service_calls(monkeypatch, module, name: str) -> list[dict]:
    """Record the keyword arguments of each call to ``module.name``; the service still runs."""
    calls: list[dict] = []
    real = getattr(module, name)

    def recording(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(module, name, recording)
    return calls


def page_text(response) -> str:
    """The page as a reader sees its text (entities such as &#x27; decoded)."""
    return html.unescape(response.content.decode())
