package testgen

// DemoCmd is the command the bundled demo model (examples/models/sentiment.bin) would run.
const DemoCmd = `echo "aisec demo: this model would have run a command on load"`

// DemoModel returns examples/models/sentiment.bin: a protocol-2 pickle that looks like a small
// sentiment classifier's weights but first calls os.system(DemoCmd), the way real backdoored
// checkpoints splice a payload in front of legitimate content.
func DemoModel() []byte {
	m := newMemoPickler()
	p2Call(m.p, "os", "system", DemoCmd).Pop()
	m.p.EmptyDict()
	m.put()
	m.p.Mark()
	m.str("model_type")
	m.str("sentiment-mlp")
	m.str("labels")
	m.p.EmptyList()
	m.put()
	m.p.Mark()
	m.str("negative")
	m.str("positive")
	m.p.Appends()
	m.str("vocab_size")
	intArg(m.p, 3000)
	m.str("classifier.weight")
	m.p.EmptyList()
	m.put()
	m.p.Mark()
	for i := range 8 {
		m.p.Raw('G').Raw(binaryFloat64(float64(i%5-2) / 16)...)
	}
	m.p.Appends()
	return m.p.SetItems().Stop().Bytes()
}
