"""Helpers shared by the fragment modules (no data lives here)."""


def norm(text):
    return " ".join(text.split())


def draw(rng, make, count, kind, max_tries=None):
    """Call make(rng) until it yields `count` distinct texts (or gives up).

    Returns (text, kind, False) rows: generated rows are the ones dropped
    first when a file has more rows than its target. Giving up keeps small
    fragment pools from looping forever; the target is approximate anyway.
    """
    out, seen = [], set()
    tries = max_tries or count * 30
    while len(out) < count and tries > 0:
        tries -= 1
        text = make(rng).strip()
        key = norm(text)
        if key in seen:
            continue
        seen.add(key)
        out.append((text, kind, False))
    return out


def fixed(texts, kind):
    """Hand-written rows, used verbatim and always kept."""
    return [(t, kind, True) for t in texts]


def interleave(rng, groups):
    """Shuffle rows from several groups together so a truncated target still
    keeps a mix of kinds."""
    rows = [r for g in groups for r in g]
    rng.shuffle(rows)
    return rows


def cap(s):
    return s[:1].upper() + s[1:] if s else s


def join_words(*parts):
    """Join fragments with single spaces, skipping empties."""
    return " ".join(p.strip() for p in parts if p and p.strip())
