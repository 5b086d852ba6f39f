#!/bin/sh
# Regenerates the tiny key fixtures used by keys_test.go with OpenSSL (3.x). They are throwaway
# test keys: never use them for anything else. Run from this directory: sh gen.sh
set -eu
pw=test-password
# P-256 SEC1 as `openssl ecparam -genkey` writes it (EC PARAMETERS block first).
openssl ecparam -name prime256v1 -genkey -out p256-sec1.pem
# P-384 PKCS#8, P-521 encrypted PKCS#8 (PBES2, AES-256-CBC, PBKDF2-HMAC-SHA256).
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out p384-pkcs8.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-521 -aes-256-cbc -pass "pass:$pw" -out p521-pkcs8-enc.pem
openssl pkey -in p521-pkcs8-enc.pem -passin "pass:$pw" -pubout -out p521-pub.pem
# Keys that must be rejected.
openssl genpkey -algorithm ed25519 -out ed25519.pem
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out rsa1024.pem
openssl ecparam -name secp256k1 -genkey -noout -out secp256k1.pem
