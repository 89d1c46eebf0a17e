from flask import Blueprint

bp = Blueprint("schools", __name__, url_prefix="/schools")
