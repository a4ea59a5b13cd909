"""The fixture's one switch: FIXTURE_FAULT names a single way to misbehave, so negative tests run this same code.

Faults (exactly the bugs the probe must catch):
  accept-no-token      a request without Authorization is served as the user in the path
  trust-user-header    an X-User-ID header overrides the token's sub (what the public implementations did)
  skip-owner-check     a valid token may read any user's tasks (sub is never compared with the path)
  cors-any-origin      CORS allows every origin with credentials (allow_origins=["*"], allow_credentials=True): Starlette
                       then reflects any origin in preflights and answers '*' to simple requests
  cors-refuse-frontend CORS allows only another origin, so browsers block the real frontend
  no-leeway            tokens are checked with PyJWT's default of 0 s leeway instead of the contract's 60 s
  slow-health          GET /health answers correctly, but (after its first answer, which lets the stack see it start)
                       only after FIXTURE_HEALTH_DELAY_SECONDS (default 10)
FIXTURE_CLOCK_OFFSET_SECONDS shifts the clock the token checks use (e.g. -120: this server's clock runs 2 min behind).
"""
import os
import sys

KNOWN = {"accept-no-token", "trust-user-header", "skip-owner-check", "cors-any-origin", "cors-refuse-frontend", "no-leeway",
         "slow-health"}

FAULT = os.environ.get("FIXTURE_FAULT", "").strip()
if FAULT and FAULT not in KNOWN:
    # A typo must not silently give a healthy backend to a test that expects a broken one.
    sys.exit(f"backend fixture: unknown FIXTURE_FAULT '{FAULT}'; known: {', '.join(sorted(KNOWN))}")

try:
    CLOCK_OFFSET_SECONDS = float(os.environ.get("FIXTURE_CLOCK_OFFSET_SECONDS", "0") or "0")
except ValueError:
    sys.exit("backend fixture: FIXTURE_CLOCK_OFFSET_SECONDS must be a number of seconds")


try:
    HEALTH_DELAY_SECONDS = float(os.environ.get("FIXTURE_HEALTH_DELAY_SECONDS", "10") or "10")
except ValueError:
    sys.exit("backend fixture: FIXTURE_HEALTH_DELAY_SECONDS must be a number of seconds")


def active(name: str) -> bool:
    return FAULT == name
