package testgen

// zipTrickCases are archives that strict zip readers reject or misread. Loader behaviour noted
// in each Technique was checked against Debian's torch 1.13 (torch._C.PyTorchFileReader, which
// reads records without unpickling) and CPython 3.11's zipfile.
func zipTrickCases() []Case {
	tensors := tinyTensors()
	evil := injectedStateDict(tensors, false, Cmd)
	tricked := func(name, technique string, t ZipTricks, broken bool) Case {
		t.Align = 64
		c := torchCase(name, technique, torchZip("archive", evil, tensors, nil, t), FmtPyTorchZip)
		c.Broken = broken
		return c
	}
	payload := p2Payload("os", "system", Cmd)
	return []Case{
		tricked("torch_zip_bad_crc.pt", "every member carries a wrong CRC-32: torch loads it, Python's zipfile raises BadZipFile (CVE-2025-10156)", ZipTricks{BadCRC: true}, true),
		tricked("torch_zip_name_mismatch.pt", "data.pkl's local header says archive/data.txt, the central directory archive/data.pkl: torch loads it, zipfile raises (CVE-2025-1944)", ZipTricks{LocalNames: map[string]string{"archive/data.pkl": "archive/data.txt"}}, true),
		tricked("torch_zip_flag_0x1.pt", "flag bit 0x1 (encrypted) on unencrypted members in both headers (CVE-2025-1945): zipfile asks for a password; torch 1.13 also refuses, but a scanner must still read the plain data", ZipTricks{Flags: 0x1}, true),
		tricked("torch_zip_flag_0x20.pt", "flag bit 0x20 (compressed patched data) in both headers (CVE-2025-1945): zipfile raises NotImplementedError", ZipTricks{Flags: 0x20}, true),
		tricked("torch_zip_flag_0x40.pt", "flag bit 0x40 (strong encryption) in both headers (CVE-2025-1945): zipfile raises NotImplementedError", ZipTricks{Flags: 0x40}, true),
		tricked("torch_zip_local_flags.pt", "flag bits 0x1|0x20|0x40 in local headers only: torch and zipfile both load it; a reader that trusts local flags skips the payload", ZipTricks{LocalFlags: 0x61}, false),
		{
			Name: "zip_junk_prepended.zip", Technique: "512 junk bytes before a zip holding model/model.pkl (os.system), offsets unadjusted like `cat junk a.zip`: Python's zipfile still opens it (torch's reader does not)",
			Data:      WriteZip([]ZipEntry{{Name: "model/model.pkl", Data: payload}}, ZipTricks{Prepend: junk(512)}),
			Malicious: true, Format: FmtZip,
		},
		{
			Name: "zip_path_traversal.zip", Technique: "member named ../../evil.pkl holding an os.system pickle: extraction escapes the target folder",
			Data:      WriteZip([]ZipEntry{{Name: "model/config.json", Data: []byte(`{"model_type": "mlp"}`)}, {Name: "../../evil.pkl", Data: payload}}, ZipTricks{}),
			Malicious: true, Format: FmtZip,
		},
		{
			Name: "zip_payload_config_txt.zip", Technique: "os.system pickle stored (deflated) as config.txt next to a model.safetensors: only content sniffing finds it (CVE-2025-1889)",
			Data:      WriteZip([]ZipEntry{{Name: "model.safetensors", Data: []byte{8, 0, 0, 0, 0, 0, 0, 0, '{', '}', ' ', ' ', ' ', ' ', ' ', ' '}}, {Name: "config.txt", Data: payload, Deflate: true}}, ZipTricks{}),
			Malicious: true, Format: FmtZip,
		},
	}
}

// junk is n deterministic non-zip bytes.
func junk(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('a' + i%26)
	}
	return b
}
