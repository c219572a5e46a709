"""Settings a production app accepts, for tests that build one (the checks are in config.py)."""

from __future__ import annotations

# 48 random bytes, base64: the kind of key docs/deployment.md tells people to make.
SAFE_SECRET_KEY = "q3Vn8Yc1mT0xR7eK2pLw9sZbH4jD6fA5uG8iN1oQ3rC0vB7yE2tW5kM9hJ4lP6xS"
PUBLIC_BASE_URL = "https://inclusion.council.example"
