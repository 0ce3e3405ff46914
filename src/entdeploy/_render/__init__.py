"""Every HTML and SVG producer: the table, the map, the report, the notebook displays.

Each module is imported lazily by the method that uses it, so ``import entdeploy``
stays light. All escape with :func:`entdeploy._escape.markup` and refuse text
XML cannot hold with :func:`entdeploy._escape.markup_problems`.
"""
