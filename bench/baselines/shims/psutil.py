"""Stand-in for psutil when it is not installed (EvalPlus only reads virtual_memory().total)."""
import os


class _Memory:
    total = os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES')


def virtual_memory():
    return _Memory()
