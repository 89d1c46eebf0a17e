"""The CME Portal: a local authority's register of children missing education and the journeys that feed it."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask

from portal import auth, db, errors, request_context, routing, templating
from portal.config import load

# htmx is imported under another name: the module portal.htmx, once imported, would replace a global called htmx here.
from portal.extensions import csrf, limiter, talisman, talisman_settings
from portal.extensions import htmx as htmx_extension
from portal.requests import PortalRequest


def create_app(config: dict[str, Any] | None = None) -> Flask:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    app = Flask(
        __name__,
        template_folder=f"{root}/templates",
        static_folder=f"{root}/static",
        instance_path=f"{root}/instance",
    )
    app.request_class = PortalRequest
    app.config.update(load(config))
    routing.init_app(app)
    # First, so the CSP nonce exists before any other hook can end a request with an error page.
    talisman.init_app(app, **talisman_settings(app.config))
    request_context.init_app(app)
    db.init_app(app)
    csrf.init_app(app)
    htmx_extension.init_app(app)
    limiter.init_app(app)
    templating.init_app(app)
    errors.init_app(app)
    auth.init_app(app)
    _register_blueprints(app)
    from portal import cli

    cli.init_app(app)
    return app


def _register_blueprints(app: Flask) -> None:
    from portal.admin.views import bp as admin
    from portal.officers.views import bp as officers
    from portal.pages.views import bp as pages
    from portal.parents.views import bp as parents
    from portal.public.views import bp as public
    from portal.schools.views import bp as schools

    for blueprint in (pages, admin, officers, schools, public, parents):
        app.register_blueprint(blueprint)
