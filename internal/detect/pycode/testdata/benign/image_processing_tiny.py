"""Image processor for Tiny vision-language models."""

import base64
from io import BytesIO
from typing import List, Optional, Union

import numpy as np
import requests
from PIL import Image

from transformers.image_processing_utils import BaseImageProcessor, BatchFeature
from transformers.utils import TensorType


def load_image(image: Union[str, "Image.Image"]) -> "Image.Image":
    """Loads `image` from a URL, a data URI, a local path or a PIL image."""
    if isinstance(image, str):
        if image.startswith("http://") or image.startswith("https://"):
            image = Image.open(requests.get(image, stream=True, timeout=10).raw)
        elif image.startswith("data:image/"):
            image = Image.open(BytesIO(base64.b64decode(image.split(",", 1)[1])))
        else:
            image = Image.open(image)
    return image.convert("RGB")


class TinyImageProcessor(BaseImageProcessor):
    model_input_names = ["pixel_values"]

    def __init__(self, size=336, image_mean=(0.48145466, 0.4578275, 0.40821073), **kwargs):
        super().__init__(**kwargs)
        self.size = size
        self.image_mean = np.array(image_mean, dtype=np.float32)

    def preprocess(self, images, return_tensors: Optional[Union[str, TensorType]] = None, **kwargs):
        images = [load_image(im) for im in images]
        arrays = [np.asarray(im.resize((self.size, self.size)), dtype=np.float32) / 255.0 for im in images]
        arrays = [(a - self.image_mean) for a in arrays]
        return BatchFeature(data={"pixel_values": np.stack(arrays)}, tensor_type=return_tensors)
