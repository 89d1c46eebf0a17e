"""The database for peewee's ``pwmigrate`` tool, from DATABASE_URL: ``pwmigrate portal.dbconf.database ...``."""

from portal.config import load
from portal.db import database_from_url, db

db.initialize(database_from_url(load()["DATABASE_URL"], pooled=False))
database = db
