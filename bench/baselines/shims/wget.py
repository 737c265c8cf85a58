"""Stand-in for wget when it is not installed (the baselines never download: the dataset file is given)."""


def download(*args, **kwargs):
    raise RuntimeError('wget stand-in: downloads are not available here')
