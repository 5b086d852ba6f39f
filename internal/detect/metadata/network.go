package metadata

import (
	"net/netip"
	"net/url"
	"path"
	"regexp"
	"strings"
)

// urlRe finds URLs with a network scheme; trailing punctuation is trimmed afterwards.
var urlRe = regexp.MustCompile(`(?i)\b(?:https?|ftp|wss?|tcp|udp)://[^\s"'<>\\^` + "`" + `{}|]+`)

// ipRe finds dotted IPv4 addresses, optionally with a port.
var ipRe = regexp.MustCompile(`(?:^|[^\w.:/])(\d{1,3}(?:\.\d{1,3}){3})(:\d{1,5})?(?:$|[^\w.])`)

// docHosts are documentation, code and paper hosts that model metadata links to as a matter
// of course; links to them are not reported unless they fetch an executable.
var docHosts = []string{
	"huggingface.co", "hf.co", "github.com", "githubusercontent.com", "gitlab.com", "arxiv.org", "doi.org",
	"pytorch.org", "tensorflow.org", "keras.io", "onnx.ai", "paperswithcode.com", "wikipedia.org",
	"creativecommons.org", "opensource.org", "apache.org", "spdx.org", "choosealicense.com", "gnu.org",
	"python.org", "readthedocs.io", "kaggle.com", "zenodo.org", "semanticscholar.org", "aclanthology.org",
	"openreview.net", "ai.meta.com", "llama.meta.com", "mistral.ai", "nvidia.com", "microsoft.com",
	"openai.com", "anthropic.com", "ai.google.dev", "stability.ai", "civitai.com", "modelscope.cn",
	"ollama.com", "schema.org", "w3.org", "json-schema.org", "bigscience.huggingface.co", "mlcommons.org",
}

// exfilHosts are request-capture, paste, file-drop, tunnel and dynamic-DNS services: hosts an
// attacker controls in minutes without identifying themselves.
var exfilHosts = []string{
	"webhook.site", "requestbin.com", "requestbin.net", "requestcatcher.com", "pipedream.net", "pipedream.com",
	"burpcollaborator.net", "oastify.com", "interact.sh", "interactsh.com", "oast.pro", "oast.live", "oast.site",
	"oast.online", "oast.fun", "oast.me", "canarytokens.com", "dnslog.cn", "ceye.io", "beeceptor.com",
	"hookbin.com", "postb.in", "pastebin.com", "paste.ee", "hastebin.com", "ghostbin.com", "rentry.co",
	"transfer.sh", "file.io", "0x0.st", "anonfiles.com", "tmpfiles.org", "temp.sh", "gofile.io",
	"ngrok.io", "ngrok.app", "ngrok-free.app", "ngrok-free.dev", "ngrok.dev", "trycloudflare.com", "loca.lt",
	"localtunnel.me", "serveo.net", "localhost.run", "lhr.life", "bore.pub", "pinggy.io", "playit.gg",
	"portmap.io", "tunnelmole.net", "duckdns.org", "no-ip.com", "no-ip.org", "no-ip.biz", "ddns.net",
	"hopto.org", "zapto.org", "sytes.net", "servebeer.com", "dynu.com", "dynu.net", "freedns.afraid.org",
	"mooo.com", "3utilities.com", "bounceme.net", "myftp.biz", "myvnc.com", "onthewifi.com",
}

// exfilPaths are service paths on otherwise ordinary hosts that receive data.
var exfilPaths = []struct{ host, prefix string }{
	{"discord.com", "/api/webhooks/"}, {"discordapp.com", "/api/webhooks/"}, {"ptb.discord.com", "/api/webhooks/"},
	{"api.telegram.org", "/bot"}, {"hooks.slack.com", "/"}, {"script.google.com", "/macros/"},
}

// suspiciousKeyWords mark metadata keys whose URL is meant to be called or fetched.
var suspiciousKeyWords = []string{"callback", "webhook", "exfil", "exfiltrate", "upload", "beacon", "payload",
	"download", "c2", "cnc", "command", "cmd", "shell", "exec", "stager", "implant"}

// suspiciousPathPrefixes and suspiciousPathSegments in a URL path name what the endpoint is for.
var (
	suspiciousPathPrefixes = []string{"exfil", "payload", "beacon", "backdoor", "malware", "stager", "implant",
		"keylog", "stealer"}
	suspiciousPathSegments = []string{"shell", "c2", "revshell", "steal"}
)

// executableExts are downloads that run as programs or scripts.
var executableExts = []string{".exe", ".dll", ".scr", ".bat", ".cmd", ".ps1", ".psm1", ".vbs", ".vbe", ".js",
	".jse", ".wsf", ".hta", ".msi", ".apk", ".sh", ".bash", ".elf", ".so", ".dylib", ".jar", ".lnk", ".com"}

// netKind classifies one network indicator.
type netKind int

const (
	netIgnore     netKind = iota // documentation host
	netInfo                      // https to another host, or a local address
	netPlainHTTP                 // http:// to a non-local host, no other signal
	netSuspicious                // see RuleSuspiciousNetwork
)

// indicator is one classified URL or address.
type indicator struct {
	kind   netKind
	text   string // the URL or address as written
	reason string // why it is suspicious, for evidence
	lo     int
}

// findNetwork extracts URLs and addresses from s and classifies them; key is the metadata key
// the value sits under.
func findNetwork(key, s string) []indicator {
	var out []indicator
	keyHit := keySuspicious(key)
	var spans [][2]int
	for _, loc := range findURLs(s) {
		raw := strings.TrimRight(s[loc[0]:loc[1]], ".,;:!?)]}'\"")
		spans = append(spans, [2]int{loc[0], loc[0] + len(raw)})
		ind := classifyURL(raw, keyHit)
		ind.lo = loc[0]
		out = append(out, ind)
	}
	if len(s) > wholeValue {
		return out // bare addresses are only looked for in values of ordinary size
	}
	for _, m := range ipRe.FindAllStringSubmatchIndex(s, 64) {
		if inside(spans, m[2]) {
			continue
		}
		ip, port := s[m[2]:m[3]], ""
		if m[4] >= 0 {
			port = s[m[4]:m[5]]
		}
		if port == "" && keyHit == "" && !keyNamesHost(key) {
			continue // a bare dotted quad is as often a version number as an address
		}
		ind := classifyIP(ip, port, keyHit)
		ind.lo = m[2]
		out = append(out, ind)
	}
	return out
}

// maxURLs bounds the URLs taken from one value.
const maxURLs = 64

// findURLs returns the URL matches in s; in long values only around each "://".
func findURLs(s string) [][]int {
	if len(s) <= wholeValue {
		return urlRe.FindAllStringIndex(s, maxURLs)
	}
	var out [][]int
	for from := 0; len(out) < maxURLs; {
		i := strings.Index(s[from:], "://")
		if i < 0 {
			break
		}
		i += from
		w0, w1 := max(from, i-8), min(len(s), i+2048)
		loc := urlRe.FindStringIndex(s[w0:w1])
		if loc == nil || w0+loc[1] <= i {
			from = i + 3
			continue
		}
		out = append(out, []int{w0 + loc[0], w0 + loc[1]})
		from = w0 + loc[1]
	}
	return out
}

func inside(spans [][2]int, at int) bool {
	for _, sp := range spans {
		if at >= sp[0] && at < sp[1] {
			return true
		}
	}
	return false
}

// classifyURL decides how suspicious one URL is.
func classifyURL(raw string, keyHit string) indicator {
	ind := indicator{text: raw, kind: netInfo}
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return indicator{kind: netIgnore}
	}
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	p := strings.ToLower(u.EscapedPath())
	if ext := path.Ext(p); ext != "" && contains(executableExts, ext) && !(ext == ".js" && hasSuffixHost(host, docHosts)) {
		return suspicious(ind, "downloads a "+ext+" file")
	}
	if addr, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil {
		return classifyAddr(ind, addr, keyHit)
	}
	if r := hostReason(host, p); r != "" {
		return suspicious(ind, r)
	}
	if hasSuffixHost(host, docHosts) {
		return indicator{kind: netIgnore}
	}
	if isLocalName(host) {
		return ind
	}
	if keyHit != "" {
		return suspicious(ind, "under a "+keyHit+" key")
	}
	if w := pathWord(p); w != "" {
		return suspicious(ind, "path names "+w)
	}
	if strings.EqualFold(u.Scheme, "http") || strings.EqualFold(u.Scheme, "ftp") {
		ind.kind = netPlainHTTP
	}
	return ind
}

// hostReason names an exfiltration, tunnel or hidden service, or returns "".
func hostReason(host, p string) string {
	switch {
	case strings.HasSuffix(host, ".onion"):
		return "Tor hidden service"
	case hasSuffixHost(host, exfilHosts):
		return "request-capture, paste, tunnel or dynamic-DNS service"
	case strings.HasPrefix(host, "oast.") || strings.Contains(host, ".oast."):
		return "out-of-band interaction (OAST) host"
	}
	for _, e := range exfilPaths {
		if host == e.host && strings.HasPrefix(p, e.prefix) {
			return "webhook or bot endpoint of " + e.host
		}
	}
	return ""
}

func classifyIP(ip, port, keyHit string) indicator {
	ind := indicator{text: ip + port, kind: netInfo}
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return indicator{kind: netIgnore}
	}
	return classifyAddr(ind, addr, keyHit)
}

// classifyAddr: local and private addresses are inventory, any other literal address is
// suspicious (legitimate services are named, not numbered).
func classifyAddr(ind indicator, addr netip.Addr, keyHit string) indicator {
	if addr.IsLoopback() || addr.IsPrivate() || addr.IsLinkLocalUnicast() || addr.IsUnspecified() {
		return ind
	}
	if keyHit != "" {
		return suspicious(ind, "raw IP address under a "+keyHit+" key")
	}
	return suspicious(ind, "raw public IP address")
}

func suspicious(ind indicator, reason string) indicator {
	ind.kind, ind.reason = netSuspicious, reason
	return ind
}

func isLocalName(host string) bool {
	return host == "localhost" || strings.HasSuffix(host, ".localhost") || strings.HasSuffix(host, ".local") ||
		strings.HasSuffix(host, ".internal") || !strings.Contains(host, ".")
}

// keySuspicious returns the suspicious word in the last segment of a key path, or "".
func keySuspicious(key string) string {
	for _, w := range keyWords(key) {
		if contains(suspiciousKeyWords, w) {
			return w
		}
	}
	return ""
}

// keyNamesHost reports keys that hold an address (host, ip, server, endpoint…).
func keyNamesHost(key string) bool {
	for _, w := range keyWords(key) {
		switch w {
		case "host", "hostname", "ip", "addr", "address", "server", "endpoint", "lhost", "rhost", "remote", "proxy":
			return true
		}
	}
	return false
}

// keyWords splits the last segment of a key path into lower-case words.
func keyWords(key string) []string {
	if i := strings.LastIndexAny(key, ".]"); i >= 0 {
		key = key[i+1:]
	}
	return strings.FieldsFunc(strings.ToLower(key), func(r rune) bool { return r == '_' || r == '-' || r == ' ' })
}

func pathWord(p string) string {
	for _, seg := range strings.FieldsFunc(p, func(r rune) bool { return r == '/' || r == '.' || r == '_' || r == '-' }) {
		if contains(suspiciousPathSegments, seg) {
			return seg
		}
		for _, w := range suspiciousPathPrefixes {
			if strings.HasPrefix(seg, w) {
				return w
			}
		}
	}
	return ""
}

func hasSuffixHost(host string, list []string) bool {
	for _, d := range list {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
