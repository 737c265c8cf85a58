"""Stand-in for tqdm when it is not installed (the baselines only use it as a pass-through iterator)."""


def tqdm(iterable=None, *args, **kwargs):
    return iterable if iterable is not None else []
