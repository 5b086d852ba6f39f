"""Training helpers. Mentions of torch.load(path) or pickle.load in prose are not code."""
import pickle
import joblib
import numpy as np
import torch
import yaml
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer
from langchain_community.vectorstores import FAISS


def load_checkpoint(path):
    # torch.load(path, weights_only=False) in a comment is ignored
    return torch.load(path, map_location="cpu")


def load_safe(path):
    return torch.load(path, weights_only=True)


def load_features(path):
    with open(path, "rb") as f:
        return pickle.load(f)


def load_everything(cfg_path, arr_path, model_id):
    cfg = yaml.load(open(cfg_path))
    safe_cfg = yaml.load(open(cfg_path), Loader=yaml.SafeLoader)
    arr = np.load(arr_path, allow_pickle=True)
    clf = joblib.load("clf.joblib")
    model = AutoModelForCausalLM.from_pretrained(model_id, trust_remote_code=True)
    tok = AutoTokenizer.from_pretrained(model_id)
    ds = load_dataset("org/data", trust_remote_code=True)
    index = FAISS.load_local("index", tok, allow_dangerous_deserialization=True)
    return cfg, safe_cfg, arr, clf, model, ds, index
