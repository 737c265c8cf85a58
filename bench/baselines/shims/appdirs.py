"""Stand-in for appdirs when it is not installed."""
import os


def user_cache_dir(name):
    return os.path.join(os.path.expanduser('~'), '.cache', name)
