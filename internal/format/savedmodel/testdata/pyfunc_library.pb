™
"serve*2.15.0ú
-
serving_default_xPlaceholder*
dtype0
d
StatefulPartitionedCallStatefulPartitionedCallserving_default_x*
fR
__inference_serve_55Ñ
Å
+
__inference_serve_55
x
identityO
EagerPyFuncEagerPyFuncx*
token
pyfunc_0*
Tin
2*
Tout
2;
PyFuncPyFuncEagerPyFunc:output:0*
token
pyfunc_1%
IdentityIdentityPyFunc:output:0"
identityIdentity:output:0*x
serving_defaulte

x
serving_default_x:0)
output_0
StatefulPartitionedCall:0tensorflow/serving/predict