from __future__ import annotations

import pytest

from phananh.accounts.models import User


@pytest.fixture
def login(client, people):
    """Sign the test client in as one of the `people` (by role key); returns the client."""

    def _login(key: str):
        client.force_login(User.objects.get(pk=people[key].user_id))
        return client

    return _login
