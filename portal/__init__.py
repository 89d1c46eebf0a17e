"""The CME Portal: a local authority's register of children missing education and the journeys that feed it."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask

from portal import auth, db, errors, request_context, templating
from portal.config import load
from portal.extensions import csrf, htmx, limiter


def create_app(config: dict[str, Any] | None = None) -> Flask:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    app = Flask(
        __name__,
        template_folder=f"{root}/templates",
        static_folder=f"{root}/static",
        instance_path=f"{root}/instance",
    )
    app.config.update(load(config))
    request_context.init_app(app)
    db.init_app(app)
    csrf.init_app(app)
    htmx.init_app(app)
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
    from portal.schools.views import bp as schools

    for blueprint in (pages, admin, officers, schools):
        app.register_blueprint(blueprint)
