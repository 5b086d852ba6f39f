package code

import (
	"slices"
	"strings"
)

// shellRules cover commands that destroy data, fetch and run code, open reverse shells,
// persist, or read credentials. Patterns run on the ASCII-lower-cased text. A rule runs only
// where one of its keys occurs: anchored rules (the default) match from the key on, free rules
// search the key's line(s). word asks that the key start a word.
func shellRules() []spec {
	return slices.Concat(destructiveRules(), downloadRules(), reverseShellRules(), persistenceRules(),
		credentialRules(), powershellRules(), pythonRules())
}

// Pattern fragments shared by the shell rules.
const (
	wordEnd  = `(?:$|[\s;&|)\x60'"])`
	shellBin = `(?:/usr)?(?:/bin/)?(?:ba|z|k|da|fi)?sh\b`
	// rootDirs: /, ~, $HOME (bare, braced, quoted, ${HOME:?…}), another user's home (~bob,
	// /home/bob, /Users/bob), system directories, each alone or as a glob of everything in
	// it (/*, ~/*, ~/.*, "$HOME"/*).
	rootDirs = `(?:/\*?|~[a-z_][a-z0-9_-]*/?(?:\.?\*)?|~/?(?:\.?\*)?|"?\$(?:home|\{home(?::?[?-][^}\n]*)?\})"?/?(?:\.?\*)?|` +
		`/(?:home|users)/[a-z_][a-z0-9_.-]*/?(?:\.?\*)?|/(?:etc|usr|bin|sbin|boot|var|lib|lib64|home|root|sys|proc|dev|opt|srv|mnt|users)/?\*?)`
	disks = `(?:sd[a-z]|hd[a-z]|vd[a-z]|xvd[a-z]|nvme\d|mmcblk\d|disk\d|rdisk\d|mapper/|md\d)`
)

// destructiveRules: commands that wipe files, disks or permissions.
func destructiveRules() []spec {
	return []spec{
		{kind: "shell:destructive", score: 0.95, keys: []string{"rm "}, word: true, need: []string{"/", "~", "$home", "${home"},
			pattern: `(?m)rm\s+(?:-{1,2}[a-z-]+\s+)*?(?:-[a-z]*r[a-z]*|--recursive)\s+(?:-{1,2}[a-z-]+\s+)*` + rootDirs + wordEnd},
		// rm -f ~/*: without -r it still deletes every file at the top of the home directory.
		{kind: "shell:destructive", score: 0.85, keys: []string{"rm "}, word: true, need: []string{"/*"},
			pattern: `(?m)rm\s+(?:-{1,2}[a-z-]+\s+)*(?:~|"?\$(?:home|\{home\})"?)?/\*` + wordEnd},
		// find / -delete, find ~ -exec rm …: the same wipe spelled with find.
		{kind: "shell:destructive", score: 0.9, keys: []string{"find "}, word: true, need: []string{"-delete", "rm "},
			pattern: `find\s+(?:/|~/?|"?\$(?:home|\{home\})"?/?)\s[^\n]*?(?:-delete\b|-exec\s+rm\s)`},
		{kind: "shell:destructive", score: 0.9, keys: []string{"dd "}, word: true, need: []string{"of=/dev/"},
			pattern: `dd\s[^\n]*?\bof=/dev/` + disks},
		{kind: "shell:destructive", score: 0.9, keys: []string{">/dev/", "> /dev/"},
			pattern: `>\s*/dev/(?:sd[a-z]|nvme\d|hd[a-z]|vd[a-z]|xvd[a-z]|mmcblk\d)`},
		{kind: "shell:destructive", score: 0.85, keys: []string{"mkfs", "wipefs", "shred"}, word: true, need: []string{"/dev/", " -a", "--all"},
			pattern: `mkfs(?:\.[a-z0-9]+)?\b[^\n]*?/dev/[a-z]|wipefs\s+(?:-[a-z]+\s+)*(?:-a|--all)\b|shred\b[^\n]*?/dev/(?:sd|nvme|hd|vd|mmcblk)`},
		{kind: "shell:destructive", score: 0.85, keys: []string{"chmod"}, word: true, need: []string{"777", "rwx"},
			pattern: `(?m)chmod\s+(?:-[a-z]+\s+)*(?:0?777|a\+rwx|ugo\+rwx)\s+(?:/|/(?:etc|usr|bin|sbin|boot|var|lib|home|root)(?:/\*?)?)` + wordEnd},
		{kind: "shell:destructive", score: 0.95, keys: []string{":(", ": (", "%0"},
			pattern: `:\s*\(\s*\)\s*\{\s*:\s*\|\s*:\s*&\s*\}\s*;\s*:|%0\s*\|\s*%0`},
		{kind: "shell:destructive", score: 0.95, keys: []string{"(){", "() {"}, free: true, after: 3,
			pattern: `\b([a-z_][a-z0-9_]*)\s*\(\s*\)\s*\{\s*([a-z_][a-z0-9_]*)\s*\|\s*([a-z_][a-z0-9_]*)\s*&\s*\}`,
			keep:    forkBomb},
		{kind: "shell:privilege", score: 0.85, keys: []string{"chmod"}, word: true, need: []string{"bin/"},
			pattern: `chmod\s+(?:[0-7]?[4-7][0-7]{3}|[ugoa]*\+s)\s+/(?:usr/)?bin/(?:ba|da|z)?sh\b`},
	}
}

// downloadRules: fetching code and running it unseen.
func downloadRules() []spec {
	fetch := []string{"curl", "wget"}
	return []spec{
		{kind: "shell:download-exec", score: 0.9, keys: fetch, word: true, need: []string{"|"},
			pattern: `(?:curl|wget)\b[^\n|;&]*\|\s*(?:sudo\s+(?:-[a-z]+\s+)*)?` + shellBin},
		{kind: "shell:download-exec", score: 0.9, keys: fetch, word: true, need: []string{"|"},
			pattern: `(?m)(?:curl|wget)\b[^\n|;&]*\|\s*(?:sudo\s+)?(?:python[0-9.]*|perl|ruby|node|php)\b(?:\s+-)?\s*(?:$|[;&)|])`},
		{kind: "shell:download-exec", score: 0.9, keys: []string{"(curl", "(wget", "( curl", "( wget", "`curl", "`wget"}, pre: shellSubstitution,
			pattern: `[(\x60]\s*(?:curl|wget)\b`},
		{kind: "shell:download-exec", score: 0.85, keys: []string{"chmod"}, word: true, pre: fetchedBefore,
			pattern: `chmod\s+(?:[ugoa]*\+[rw]*x|0?7[0-7]{2})\b`},
		{kind: "shell:encoded-exec", score: 0.9, keys: []string{"base64"}, word: true, need: []string{"|"},
			pattern: `base64\s+(?:-d|--decode|-di|-id)\b[^\n]*?\|\s*(?:sudo\s+)?` + shellBin},
		// eval "$(… | base64 -d)" and bash <<< "$(… | base64 -d)" run the decoded text too.
		{kind: "shell:encoded-exec", score: 0.9, keys: []string{"eval", "<<<"}, need: []string{"base64"},
			pattern: `(?:eval|<<<)\s*["']?(?:\$\(|\x60)[^\n]*?\bbase64\s+(?:-d|--decode|-di|-id)\b`},
	}
}

// reverseShellRules: shells handed to a remote host.
func reverseShellRules() []spec {
	return []spec{
		{kind: "shell:reverse-shell", score: 0.95, keys: []string{"/dev/tcp/", "/dev/udp/"},
			pattern: `/dev/(?:tcp|udp)/[a-z0-9.\-\[\]:]+/\d+`},
		{kind: "shell:reverse-shell", score: 0.95, keys: []string{"nc ", "nc.exe", "ncat", "netcat"}, word: true, need: []string{" -"},
			pattern: `(?:nc|ncat|netcat)(?:\.exe)?\b[^\n|;]*?\s(?:-[a-z]*[ec]\s*|--(?:exec|sh-exec)[\s=])["']?(?:/bin/|/usr/bin/|cmd(?:\.exe)?\b|powershell|(?:ba|z|da)?sh\b)`},
		{kind: "shell:reverse-shell", score: 0.9, keys: []string{"mkfifo", "mknod"}, word: true, need: []string{"nc", "netcat", "sh -i", "telnet", "s_client"},
			pattern: `(?:mkfifo|mknod)\s[^\n]*(?:\b(?:nc|ncat|netcat|telnet|s_client)\b|\b(?:ba|z|da)?sh\s+-i\b)`},
		{kind: "shell:reverse-shell", score: 0.9, keys: []string{"socat"}, word: true, need: []string{"exec:", "system:"},
			pattern: `socat\b[^\n]*\b(?:exec|system):["']?(?:/usr)?(?:/bin/)?(?:(?:ba|z|da)?sh|cmd(?:\.exe)?|powershell)\b`},
		{kind: "shell:reverse-shell", score: 0.9, keys: []string{"os.dup2", "pty.spawn", "fsockopen"},
			pattern: `os\.dup2\(\s*[a-z_]+\.fileno\(\)|pty\.spawn\(\s*["'](?:/bin/)?(?:ba|z)?sh|fsockopen\([^\n]*?(?:exec|shell_exec|system|proc_open|passthru|popen)\s*\(`},
		{kind: "shell:reverse-shell", score: 0.9, keys: []string{"exec"}, word: true, need: []string{"sh -i"},
			pattern: `exec\s*\(?\s*["'](?:/bin/)?(?:ba|z)?sh\s+-i`},
		{kind: "shell:reverse-shell", score: 0.85, keys: []string{"new-object"},
			pattern: `new-object\s+(?:system\.)?net\.sockets\.tcpclient\s*\(`},
	}
}

// persistenceRules: cron, SSH keys, shell profiles and Run keys that bring an attacker back.
func persistenceRules() []spec {
	return []spec{
		{kind: "shell:persistence", score: 0.8, keys: []string{"crontab"}, free: true,
			pattern: `(?m)\|\s*crontab\s+(?:-u\s+\S+\s+)?-(?:\s|$)`},
		{kind: "shell:persistence", score: 0.85, keys: []string{"/etc/cron", "/var/spool/cron"}, free: true,
			pattern: `(?:>>?|\btee\s+(?:-a\s+)?)\s*(?:/etc/(?:crontab|cron\.(?:d|hourly|daily|weekly|monthly)/)|/var/spool/cron)`},
		{kind: "shell:persistence", score: 0.8, keys: []string{"authorized_keys"}, free: true,
			pattern: `\becho\s+["']?ssh-(?:rsa|ed25519|dss|ecdsa)[^\n]*>>\s*\S*authorized_keys`},
		{kind: "shell:persistence", score: 0.8, keys: []string{".bashrc", ".bash_profile", ".profile", ".zshrc", "rc.local"}, free: true,
			pattern: `\b(?:curl|wget|nc|ncat|base64|/dev/tcp)\b[^\n]*>>\s*~?\S*(?:\.bashrc|\.bash_profile|\.profile|\.zshrc|rc\.local)\b`},
		{kind: "shell:persistence", score: 0.8, keys: []string{"reg ", "reg.exe", "schtasks"}, word: true,
			pattern: `reg(?:\.exe)?\s+add\s+[^\n]*\\currentversion\\run(?:once)?\b|schtasks(?:\.exe)?\s+/create\b[^\n]*?(?:powershell|cmd|http|\.exe|\.ps1)`},
	}
}

// credentialRules: password hashes, sudoers, Windows credential stores.
func credentialRules() []spec {
	return []spec{
		{kind: "shell:credential-access", score: 0.8, keys: []string{"/etc/shadow", "/etc/gshadow"}, free: true,
			pattern: `\b(?:cat|less|more|head|tail|cp|mv|scp|rsync|nano|vi|vim|grep|awk|sed|base64|xxd|strings|tar|zip|curl|wget|nc|unshadow|john|dd|openssl|sudo|tee|type|get-content|gc)\b[^\n;|&]*?/etc/g?shadow\b|/etc/g?shadow\s*(?:\||>)`},
		{kind: "shell:credential-access", score: 0.85, keys: []string{"/etc/sudoers", "nopasswd"}, free: true,
			pattern: `(?:>>|\btee\s+-a)\s*/etc/sudoers|\becho\s[^\n]*nopasswd\s*:\s*all`},
		{kind: "shell:credential-access", score: 0.9, keys: []string{"reg ", "reg.exe", "sekurlsa::", "procdump", "comsvcs"}, word: true,
			pattern: `reg(?:\.exe)?\s+save\s+hklm\\(?:sam|system|security)\b|sekurlsa::|procdump[^\n]*\blsass|comsvcs\.dll[^\n]*minidump`},
	}
}

// powershellRules: encoded commands, download cradles, Defender tampering.
func powershellRules() []spec {
	return []spec{
		{kind: "powershell:encoded", score: 0.95, keys: []string{"powershell", "pwsh"}, word: true, need: []string{" -e", " /e"},
			pattern: `(?:powershell|pwsh)(?:\.exe)?\b[^\n]*?\s[-/]e(?:c|n|nc|nco|ncod|ncode|ncoded|ncodedc[a-z]*)?\s+[a-z0-9+/=]{16,}`},
		{kind: "powershell:download-exec", score: 0.95, keys: []string{"iex", "invoke-expression"}, word: true,
			pattern: `(?:iex|invoke-expression)\b[^\n]*?(?:downloadstring|downloadfile|invoke-webrequest|\biwr\b|invoke-restmethod|\birm\b|net\.webclient)`},
		{kind: "powershell:download-exec", score: 0.95, keys: []string{"downloadstring", "invoke-webrequest", "iwr", "invoke-restmethod", "irm"}, word: true,
			pattern: `(?:downloadstring|invoke-webrequest|iwr|invoke-restmethod|irm)\b[^\n]*?\|\s*(?:iex|invoke-expression)\b`},
		{kind: "powershell:invoke-expression", score: 0.7, keys: []string{"iex", "invoke-expression"}, word: true,
			pattern: `(?m)invoke-expression\b|iex(?:\s*[(\$]|\s*$|\s*[;|)])`},
		{kind: "powershell:defense-evasion", score: 0.85, keys: []string{"set-mppreference", "amsiutils"}, word: true,
			pattern: `set-mppreference\s+-disable[a-z]+\s+\$?(?:true|1)\b|amsiutils[^\n]*amsiinitfailed`},
	}
}

// pythonRules: exec/eval of decoded payloads.
func pythonRules() []spec {
	return []spec{
		{kind: "python:encoded-exec", score: 0.85, keys: []string{"exec", "eval"}, word: true, need: []string{"b64decode", "fromhex", "codecs.decode", "zlib.decompress", "marshal.loads"},
			pattern: `(?:exec|eval)\s*\(\s*(?:[a-z_.]*\(\s*)?(?:base64\.b64decode|b64decode|__import__\(\s*["']base64["']\s*\)\.b64decode|bytes\.fromhex|codecs\.decode|zlib\.decompress|marshal\.loads)`},
	}
}

// shellSubstitution: the "(curl" or "`curl" at pos is a command substitution handed to a
// shell: sh -c "$(curl …)", bash <(curl …), source <(…), eval "$(…)", . <(…).
func shellSubstitution(text string, pos int) bool {
	k := pos
	if text[k] == '(' {
		if k == 0 || (text[k-1] != '$' && text[k-1] != '<') {
			return false
		}
		k--
	}
	for k > 0 && strings.IndexByte(" \t\"'", text[k-1]) >= 0 {
		k--
	}
	w := lastWord(text[:k])
	if w == "-c" {
		k -= len(w)
		for k > 0 && text[k-1] == ' ' {
			k--
		}
		w = lastWord(text[:k])
	}
	switch w {
	case "sh", "bash", "zsh", "dash", "ksh", "source", "eval", ".":
		return true
	}
	return false
}

// fetchedBefore: a curl or wget command precedes the chmod at pos on its line or the one
// before (download, then make executable).
func fetchedBefore(text string, pos int) bool {
	start := max(0, pos-maxBack)
	if nl := strings.LastIndexByte(text[start:pos], '\n'); nl >= 0 {
		if prev := strings.LastIndexByte(text[start:start+nl], '\n'); prev >= 0 {
			start += prev + 1
		}
	}
	before := text[start:pos]
	return containsWord(before, "curl") || containsWord(before, "wget")
}

func lastWord(s string) string {
	i := len(s)
	for i > 0 && s[i-1] != ' ' && s[i-1] != '\t' && s[i-1] != '\n' && s[i-1] != ';' && s[i-1] != '&' && s[i-1] != '|' && s[i-1] != '`' {
		i--
	}
	w := s[i:]
	if j := strings.LastIndexByte(w, '/'); j >= 0 {
		w = w[j+1:] // /bin/sh
	}
	return w
}

func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		at := i + j
		if (at == 0 || !wordByte(s[at-1])) && (at+len(w) == len(s) || !wordByte(s[at+len(w)])) {
			return true
		}
		i = at + 1
	}
}

// forkBomb keeps the named-function form only when one name is used three times
// ("f(){ f|f& }").
func forkBomb(text string, m []int) bool {
	if len(m) < 8 || m[2] < 0 || m[4] < 0 || m[6] < 0 {
		return false
	}
	a, b, c := text[m[2]:m[3]], text[m[4]:m[5]], text[m[6]:m[7]]
	return a == b && b == c
}
