"""One module per page, and ``api`` for the JSON API."""
