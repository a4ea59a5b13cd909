"""Simulates a server whose clock is off by FIXTURE_CLOCK_OFFSET_SECONDS.

PyJWT 2.6 reads the time with datetime.now() inside jwt.api_jwt and offers no way to pass "now". Shifting that one
name keeps PyJWT's own exp/nbf/iat checks (and their messages) in play, which is the point: the test must see what a
real FastAPI backend with a skewed clock answers, not a re-implementation of it.
"""
from datetime import datetime, timedelta

import jwt.api_jwt

from faults import CLOCK_OFFSET_SECONDS


class _SkewedDatetime(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime.now(tz) + timedelta(seconds=CLOCK_OFFSET_SECONDS)


if CLOCK_OFFSET_SECONDS:
    jwt.api_jwt.datetime = _SkewedDatetime
