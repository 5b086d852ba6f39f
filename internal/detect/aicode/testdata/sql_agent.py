import os
import sqlite3
import subprocess

from anthropic import Anthropic

client = Anthropic()
db = sqlite3.connect("shop.db")


def ask(question: str) -> str:
    msg = client.messages.create(
        model="claude-3-5-haiku-latest",
        max_tokens=512,
        messages=[{"role": "user", "content": question}],
    )
    return msg.content[0].text


def run(question: str):
    msg = client.messages.create(model="claude-3-5-haiku-latest", max_tokens=512, messages=[{"role": "user", "content": question}])
    sql = msg.content[0].text.strip()
    rows = db.execute(sql).fetchall()                       # text-to-SQL straight from the model
    safe = db.execute("SELECT * FROM items WHERE name = ?", (sql,)).fetchall()
    script = f"echo {sql}"
    subprocess.run(script, shell=True)
    subprocess.run(["echo", sql])                           # argument list: no shell
    exec(msg.content[0].text)
    eval("1 + 1")
    return rows, safe
