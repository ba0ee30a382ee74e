"""The start command is right; this service's 502s came from a crash at start-up (a missing variable), which
only the deploy log shows."""

import os

from fastapi import FastAPI

DATABASE_URL = os.environ["DATABASE_URL"]

app = FastAPI()


@app.get("/health")
def health():
    return {"status": "ok"}
