
 
root"_tf_keras_sequential*û{"name": "sequential", "class_name": "Sequential", "config": {"name": "sequential", "layers": [{"class_name": "Lambda", "config": {"name": "lambda", "function": {"class_name": "__tuple__", "items": ["4wEAAAAAAAAAAQAAAAMAAABDAAAAcwwAAAB0AKABZAGhAQEAfABTACkCTnoCaWQpAtoCb3PaBnN5c3RlbSkB2gF4qQByAwAAAPoCeC5wedoIPGxhbWJkYT4BAAAAcwAAAAA=", null, null]}, "function_type": "lambda"}}]}}
Ë
root.layer-0"_tf_keras_layer*¡{"name": "lambda", "trainable": true, "class_name": "Lambda", "config": {"name": "lambda", "function": {"class_name": "__lambda__", "config": {"code": "4wEAAAAAAAAAAQAAAAMAAABDAAAAcwwAAAB0AKABZAGhAQEAfABTACkCTnoCaWQpAtoCb3PaBnN5c3RlbSkB2gF4qQByAwAAAPoCeC5wedoIPGxhbWJkYT4BAAAAcwAAAAA="}}}}