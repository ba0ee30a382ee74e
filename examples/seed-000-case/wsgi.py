"""Works on a Mac, where `Backend/` and `backend` are the same folder; fails on Linux."""

from backend.app import create_app

application = create_app()
