#!/bin/sh
# Writes the TLS material of the rediss:// tests (test resources, never used outside tests):
#   test-ca.pem          a test CA, trusted by the tests through the store's CA file setting
#   redis-server.pem     the redis-server certificate it signs, for 127.0.0.1 and localhost
#   redis-server.key     that certificate's private key (unencrypted PKCS#8)
#   other-ca.pem         an unrelated CA: trusting it instead must fail the TLS handshake
# Valid for 100 years, so the committed files do not expire under the tests.
set -eu
cd "$(dirname "$0")"
days=36500
openssl req -x509 -newkey rsa:2048 -nodes -days $days -subj "/CN=quilt-mcp test CA" \
  -keyout test-ca.key -out test-ca.pem
openssl req -x509 -newkey rsa:2048 -nodes -days $days -subj "/CN=quilt-mcp other CA" \
  -keyout other-ca.key -out other-ca.pem
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
  -keyout redis-server.key -out redis-server.csr
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' > san.ext
openssl x509 -req -in redis-server.csr -CA test-ca.pem -CAkey test-ca.key -CAcreateserial \
  -days $days -extfile san.ext -out redis-server.pem
rm -f test-ca.key other-ca.key redis-server.csr san.ext test-ca.srl
