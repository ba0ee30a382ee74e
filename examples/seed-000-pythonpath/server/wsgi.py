"""WSGI entry point: gunicorn imports `app` from here."""

from backend.factory import create_app

app = create_app()
