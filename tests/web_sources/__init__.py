"""Tests of the sources stage: feeds, sitemaps, URL lists, URLs and WARC files (a package, so that
its conftest.py never stands in for tests/conftest.py when test files are named on the command line)."""
