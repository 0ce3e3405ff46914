"""The entdeploy test suite."""
