Ä
"serve*2.3.0"
 
serving_default_xPlaceholder:
‹"ˆ
_tf_keras_sequentialj{"class_name": "Sequential", "config": {"layers": [{"class_name": "Dense", "config": {"name": "dense"}}]}}
["Y
_tf_keras_layer@{"class_name": "Dense", "config": {"name": "dense", "units": 1}}
 "
trackable_list_wrapper