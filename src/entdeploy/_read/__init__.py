"""Readers: the packaged editions, a user's table in either layout, and JSON.

Each reader turns bytes into a :class:`~entdeploy.Dataset` or raises one
:class:`~entdeploy.exceptions.DataError` listing every problem, with its line.
"""
