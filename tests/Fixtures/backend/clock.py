"""Simulates a server whose clock is off by FIXTURE_CLOCK_OFFSET_SECONDS.

PyJWT 2.6 reads the time with datetime.now() inside jwt.api_jwt and offers no way to pass "now". Shifting that one
name keeps PyJWT's own exp/nbf/iat checks (and their messages) in play, which is the point: the test must see what a
real FastAPI backend with a skewed clock answers, not a re-implementation of it.
"""
from datetime import datetime, timedelta
from email.utils import formatdate

import jwt.api_jwt

from faults import CLOCK_OFFSET_SECONDS


class _SkewedDatetime(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime.now(tz) + timedelta(seconds=CLOCK_OFFSET_SECONDS)


def _skewed_formatdate(timeval=None, localtime=False, usegmt=False):
    return formatdate((timeval if timeval is not None else datetime.now().timestamp()) + CLOCK_OFFSET_SECONDS, localtime, usegmt)


if CLOCK_OFFSET_SECONDS:
    jwt.api_jwt.datetime = _SkewedDatetime
    # A server whose clock is off says so in every answer's Date header too (uvicorn refreshes it once a second from
    # uvicorn.server.formatdate); the probe reads that header to date its leeway token against the backend's clock.
    try:
        import uvicorn.server
        uvicorn.server.formatdate = _skewed_formatdate
    except ImportError:  # run without uvicorn (an import check): nothing sends a Date header then
        pass
