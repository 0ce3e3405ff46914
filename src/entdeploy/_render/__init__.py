"""The renderers: the publication's table, its map and the one-page report.

Each module is imported lazily by the :class:`~entdeploy.Dataset` method that
uses it, so ``import entdeploy`` stays light.
"""
