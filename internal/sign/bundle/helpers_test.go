package bundle

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aisecops/aisec/internal/xtest"
)

// vectorsDir returns the model_signing interop vectors folder (skips when ../shared is absent).
func vectorsDir(t testing.TB) string {
	t.Helper()
	return filepath.Join(xtest.SharedDir(t), "vectors", "model-signing")
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readVector(t testing.TB, rel string) []byte {
	t.Helper()
	return readFile(t, filepath.Join(vectorsDir(t), rel))
}

func genKey(t testing.TB, c elliptic.Curve) *ecdsa.PrivateKey {
	t.Helper()
	k, err := ecdsa.GenerateKey(c, rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// certSpec describes a test certificate.
type certSpec struct {
	cn       string
	isCA     bool
	ku       x509.KeyUsage
	eku      []x509.ExtKeyUsage
	parent   *x509.Certificate
	signer   crypto.Signer
	pub      crypto.PublicKey
	notAfter time.Time
}

// makeCert issues a certificate; with no parent it is self-signed by signer.
func makeCert(t testing.TB, s certSpec) *x509.Certificate {
	t.Helper()
	serial, _ := rand.Int(rand.Reader, big.NewInt(1<<62))
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: s.cn},
		NotBefore:             time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		NotAfter:              s.notAfter,
		IsCA:                  s.isCA,
		BasicConstraintsValid: true,
		KeyUsage:              s.ku,
		ExtKeyUsage:           s.eku,
	}
	if tmpl.NotAfter.IsZero() {
		tmpl.NotAfter = time.Date(2035, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	parent := s.parent
	if parent == nil {
		parent = tmpl
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, parent, s.pub, s.signer)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// testPKI is a root, an intermediate and a leaf for key.
type testPKI struct {
	root, inter, leaf *x509.Certificate
}

func newPKI(t testing.TB, key *ecdsa.PrivateKey, leafKU x509.KeyUsage, leafEKU []x509.ExtKeyUsage) testPKI {
	t.Helper()
	rk, ik := genKey(t, elliptic.P256()), genKey(t, elliptic.P256())
	caKU := x509.KeyUsageCertSign
	root := makeCert(t, certSpec{cn: "root", isCA: true, ku: caKU, signer: rk, pub: rk.Public()})
	inter := makeCert(t, certSpec{cn: "inter", isCA: true, ku: caKU, parent: root, signer: rk, pub: ik.Public()})
	leaf := makeCert(t, certSpec{cn: "leaf", ku: leafKU, eku: leafEKU, parent: inter, signer: ik, pub: key.Public(),
		notAfter: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)})
	return testPKI{root: root, inter: inter, leaf: leaf}
}
