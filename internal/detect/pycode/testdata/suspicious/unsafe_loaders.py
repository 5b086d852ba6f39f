import pickle

import numpy as np
import torch
import yaml
from transformers import AutoModel


def load_all(path):
    with open(path + "/extra.pkl", "rb") as f:
        extra = pickle.load(f)
    cfg = yaml.load(open(path + "/cfg.yaml"), Loader=yaml.Loader)
    safe = yaml.load(open(path + "/cfg.yaml"), Loader=yaml.SafeLoader)
    arr = np.load(path + "/arr.npy", allow_pickle=True)
    state = torch.load(path + "/state.pt", weights_only=False)
    ok = torch.load(path + "/state.pt", weights_only=True)
    vision = AutoModel.from_pretrained("acme/vision-tower", trust_remote_code=True)
    return extra, cfg, safe, arr, state, ok, vision
