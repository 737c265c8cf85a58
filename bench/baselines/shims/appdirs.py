"""Stand-in for appdirs when it is not installed (evalplus.data.utils reads user_cache_dir at import)."""
import os


def user_cache_dir(name, *args, **kwargs):
    return os.path.join(os.path.expanduser('~'), '.cache', name)
