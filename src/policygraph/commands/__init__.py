"""Sub-commands of the ``policygraph`` command line, one module each."""
