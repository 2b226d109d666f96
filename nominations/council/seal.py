"""The ballot box's seal: a submitted ballot is encrypted until the ballot closes.

Why: the box sits in the database while members vote; encrypted, it shows no partial
result to whoever reads the tables, backups or replicas. The key is derived from the
deployment's SECRET_KEY and the session, so one session's key opens no other box.
"""

import hashlib
import hmac
import json
import os

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

_NONCE_BYTES = 12


def _key(session_id: int) -> bytes:
    message = f"thidua.ballot-seal.{session_id}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()


def seal(session_id: int, marks: dict[str, str]) -> bytes:
    nonce = os.urandom(_NONCE_BYTES)
    plain = json.dumps(marks, sort_keys=True).encode()
    return nonce + AESGCM(_key(session_id)).encrypt(nonce, plain, str(session_id).encode())


def unseal(session_id: int, sealed: bytes) -> dict[str, str]:
    sealed = bytes(sealed)
    nonce, cipher = sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:]
    plain = AESGCM(_key(session_id)).decrypt(nonce, cipher, str(session_id).encode())
    return json.loads(plain)
