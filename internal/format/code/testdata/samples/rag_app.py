"""A small retrieval-augmented generation service.

Nothing here should be reported from this docstring: torch.load(x), pickle.load(f),
"gpt-4o" or https://api.openai.com/v1 are prose.
"""
import os
import json
from typing import List

import chromadb
from chromadb.config import Settings
from openai import OpenAI
from langchain_openai import ChatOpenAI, OpenAIEmbeddings
from langchain_community.vectorstores import FAISS
from langchain_core.prompts import ChatPromptTemplate

# client = OpenAI(base_url="http://evil.example")  -- a comment, never code
EMBED_MODEL = "text-embedding-3-small"
client = OpenAI(api_key=os.environ.get("OPENAI_API_KEY"), base_url="https://api.openai.com/v1")
chroma = chromadb.PersistentClient(path="./chroma", settings=Settings(anonymized_telemetry=False))
collection = chroma.get_or_create_collection("docs")


def embed(texts: List[str]) -> List[List[float]]:
    resp = client.embeddings.create(model=EMBED_MODEL, input=texts)
    return [d.embedding for d in resp.data]


def answer(question: str) -> str:
    hits = collection.query(query_embeddings=embed([question]), n_results=4)
    context = "\n".join(hits["documents"][0])
    completion = client.chat.completions.create(
        model="gpt-4o-mini",
        temperature=0,
        messages=[
            {"role": "system", "content": f"Answer from the context:\n{context}"},
            {"role": "user", "content": question},
        ],
    )
    return completion.choices[0].message.content


def langchain_answer(question: str, docs) -> str:
    llm = ChatOpenAI(model="gpt-4o", temperature=0.2)
    store = FAISS.from_documents(docs, OpenAIEmbeddings(model="text-embedding-3-large"))
    prompt = ChatPromptTemplate.from_template("Context: {context}\nQ: {q}")
    chain = prompt | llm
    result = chain.invoke({"context": store.similarity_search(question), "q": question})
    return json.dumps({"answer": result.content})
