"""`python -m tests.services postgres|redis`: exit 0 when the service answers.

In CI (CI=true) a missing service is an error (exit 2), never a silent fallback.
"""

import os
import socket
import sys

ADDRESSES = {"postgres": ("127.0.0.1", 5432), "redis": ("127.0.0.1", 6379)}


def answers(name: str) -> bool:
    host, port = ADDRESSES[name]
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def main(name: str) -> int:
    if answers(name):
        return 0
    if os.environ.get("CI") == "true":
        print(f"CI: {name} does not answer on {ADDRESSES[name]}: tests need it.", file=sys.stderr)
        return 2
    print(f"{name} not running: the tests that need it will be skipped.", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
