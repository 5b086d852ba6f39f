"""RAG service: answers questions over the FAQ with OpenAI and a local Chroma store.

Note for reviewers: we never call torch.load(path) on uploads; see docs.
"""
import os
import subprocess

import chromadb
import torch
import yaml
from fastapi import FastAPI
from langchain_community.vectorstores import FAISS
from langchain_openai import OpenAIEmbeddings
from openai import OpenAI
from transformers import AutoModelForSequenceClassification

app = FastAPI()
client = OpenAI(base_url="https://api.openai.com/v1")
store = chromadb.PersistentClient(path="data/chroma")
embeddings = OpenAIEmbeddings(model="text-embedding-3-small")
ranker = AutoModelForSequenceClassification.from_pretrained("acme/reranker-mini", trust_remote_code=True)
index = FAISS.load_local("data/faiss", embeddings, allow_dangerous_deserialization=True)


def settings(path):
    with open(path) as f:
        return yaml.load(f)  # should be yaml.safe_load


def restore(path):
    return torch.load(path)


def safe_restore(path):
    return torch.load(path, weights_only=True)


@app.post("/ask")
def ask(question: str):
    resp = client.chat.completions.create(
        model="gpt-4o",
        messages=[{"role": "user", "content": question}],
    )
    answer = resp.choices[0].message.content
    if answer.startswith("CALC:"):
        return {"answer": eval(answer[5:])}
    if answer.startswith("RUN:"):
        subprocess.run(answer[4:], shell=True)
    return {"answer": answer}
