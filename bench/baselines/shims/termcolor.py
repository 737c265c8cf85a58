"""Stand-in for termcolor when it is not installed."""


def cprint(text, *args, **kwargs):
    print(text)
