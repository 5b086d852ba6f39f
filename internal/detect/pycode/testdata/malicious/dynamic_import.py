import importlib
from subprocess import Popen as P


def load_plugin(name):
    module = importlib.import_module(name)
    return module.entry()


def helper():
    P(["/usr/bin/env", "true"])
