"""Stand-in for wget when it is not installed (the driver never downloads)."""


def download(*args, **kwargs):
    raise RuntimeError('wget is not installed (stand-in from bench/baselines/shims)')
