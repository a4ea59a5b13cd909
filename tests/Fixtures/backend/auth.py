"""The contract's JWT and authorization rules (docs/contract.md, "Authentication between components")."""
import os
import sys
from typing import Optional

import jwt
from fastapi import HTTPException, Request

import clock  # noqa: F401  (applies FIXTURE_CLOCK_OFFSET_SECONDS before any token is checked)
import faults

AUDIENCE = "todo-backend"
ISSUERS = {"todo-frontend", "todo-mcp", "todo-probe"}
# The contract's leeway; PyJWT's own default (0) is the fault the probe's future-dated token catches.
LEEWAY_SECONDS = 0 if faults.active("no-leeway") else 60

CURRENT_KEY = os.environ.get("JWT_SECRET_KEY", "")
# Set only during a rotation window: tokens signed with the old key keep working until every issuer has the new one.
PREVIOUS_KEY = os.environ.get("JWT_SECRET_KEY_PREVIOUS", "")
if len(CURRENT_KEY.encode()) < 32:
    sys.exit("backend fixture: JWT_SECRET_KEY must be set and at least 32 bytes")


def _decode(token: str, key: str) -> dict:
    return jwt.decode(
        token,
        key,
        algorithms=["HS256"],  # never "none", never RS*/ES* with an HMAC key
        audience=AUDIENCE,
        leeway=LEEWAY_SECONDS,
        options={"require": ["sub", "aud", "iss", "iat", "exp"]},
    )


def verify(token: str) -> dict:
    """The token's claims, or 401 with what was wrong (callers such as the probe quote this detail)."""
    try:
        try:
            claims = _decode(token, CURRENT_KEY)
        except jwt.InvalidSignatureError:
            if not PREVIOUS_KEY:
                raise
            claims = _decode(token, PREVIOUS_KEY)
    except jwt.PyJWTError as error:
        raise HTTPException(status_code=401, detail=f"invalid token: {error}",
                            headers={"WWW-Authenticate": "Bearer"}) from error
    if claims.get("iss") not in ISSUERS:
        raise HTTPException(status_code=401, detail="invalid token: unknown issuer",
                            headers={"WWW-Authenticate": "Bearer"})
    return claims


def identity(request: Request, path_user_id: str) -> str:
    """Who is calling: the token's sub and nothing else (unless a fault says otherwise)."""
    header = request.headers.get("authorization", "")
    if not header.startswith("Bearer "):
        if faults.active("accept-no-token"):
            return path_user_id
        raise HTTPException(status_code=401, detail="missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    subject = verify(header[len("Bearer "):])["sub"]
    claimed: Optional[str] = request.headers.get("x-user-id")
    if claimed and faults.active("trust-user-header"):
        return claimed
    return subject


def authorize(request: Request, user_id: str) -> str:
    """403 when the caller is not the user named in the path: a valid token for A never reads B."""
    caller = identity(request, user_id)
    if caller != user_id and not faults.active("skip-owner-check"):
        raise HTTPException(status_code=403, detail="forbidden: the token's subject is not the user in the path")
    return user_id
