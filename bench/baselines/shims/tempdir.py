"""Stand-in for tempdir when it is not installed (the driver never downloads)."""
