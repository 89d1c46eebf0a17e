from flask import Blueprint

# No URL prefix: the journey lives under /refer, and the neutral page "Exit this page" leads to is elsewhere.
bp = Blueprint("public", __name__)
