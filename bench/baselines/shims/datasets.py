"""Stand-in for Hugging Face datasets when it is not installed (the driver never loads a hub dataset)."""


def load_dataset(*args, **kwargs):
    raise RuntimeError('datasets is not installed (stand-in from bench/baselines/shims)')
