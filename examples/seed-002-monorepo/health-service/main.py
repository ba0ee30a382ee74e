"""Health monitoring service, deployed as its own Railway service with Root Directory health-service/."""

import asyncio
import logging
import os
import sys

# configuration comment 8
# configuration comment 9
# configuration comment 10
# configuration comment 11
# configuration comment 12
# configuration comment 13
# configuration comment 14
# configuration comment 15
# configuration comment 16
# configuration comment 17
# configuration comment 18
# configuration comment 19
# configuration comment 20
# configuration comment 21
# configuration comment 22
# configuration comment 23
# configuration comment 24
# configuration comment 25
# configuration comment 26
# configuration comment 27
# configuration comment 28
# configuration comment 29
# configuration comment 30
# configuration comment 31
from src.config import Config

import uvicorn
from fastapi import FastAPI

app = FastAPI()


@app.get("/health")
def health():
    return {"status": "ok", "interval": Config.INTERVAL}


if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=int(os.environ.get("PORT", "8000")))
