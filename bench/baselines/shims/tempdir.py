"""Stand-in for tempdir when it is not installed (imported by evalplus.data.utils, unused by the baselines)."""
