import csv
import pickle

from anthropic import Anthropic

claude = Anthropic()


def summarise(text):
    msg = claude.messages.create(model="claude-3-5-sonnet-20241022", max_tokens=256,
                                 messages=[{"role": "user", "content": text}])
    return msg.content[0].text


def load_cache(path):
    with open(path, "rb") as f:
        return pickle.load(f)
