"""The package version (the single source the build backend reads) and data edition."""

__version__ = "0.1.0"

#: The id of the latest packaged edition, the one ``load()`` returns by default
#: (tests check it against the packaged data).
__data_edition__ = "2025"
