"""Writers: flat records, CSV, JSON, a Frictionless data package and DataFrames."""
