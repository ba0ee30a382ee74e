#!/usr/bin/env bash
set -e
echo "Starting in progressive mode"
alembic upgrade head || echo "migrations failed, continuing"
exec uvicorn app.main_progressive:app --port "${PORT:-8000}" --workers 1
