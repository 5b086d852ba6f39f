package pycode

import (
	"regexp"
	"strings"
)

// maxCheck bounds the part of one literal the text checks read.
const maxCheck = 4096

var (
	urlRE = regexp.MustCompile(`(?i)\b(?:https?|ftp|wss?)://[^\s'"]+`)
	ipRE  = regexp.MustCompile(`(?:^|[^\d.])((?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3})(?:$|[^\d.])`)
	// shellRE matches shell idioms model code has no use for: interactive shells, /dev/tcp
	// redirections, netcat with -e, piping a download into a shell, encoded PowerShell.
	shellRE = regexp.MustCompile(`(?i)(/bin/(?:ba|da|z|k|c|tc|fi)?sh\b|\b(?:ba|z)?sh\s+-[ic]\b|/dev/(?:tcp|udp)/|\bnc(?:at)?\b[^|;]*\s-[ec]\s|\bmkfifo\b|\b(?:curl|wget)\b[^|;]*\|\s*(?:sudo\s+)?(?:ba|z)?sh\b|\bpowershell(?:\.exe)?\b[^|;]*\s-(?:e|enc|encodedcommand|nop|w)\b|\bcmd(?:\.exe)?\s+/[ck]\b|\bchmod\s+\+x\b|\brm\s+-rf\s+[/~])`)
	// credRE matches credential stores; reading them and using the network is exfiltration.
	credRE = regexp.MustCompile(`(?i)((?:^|[/~\\])\.ssh\b|\bid_(?:rsa|dsa|ecdsa|ed25519)\b|\bauthorized_keys\b|\.aws/credentials|\.netrc\b|\.git-credentials|\.docker/config\.json|\.kube/config|\.config/gcloud|\.pypirc|huggingface/token|/etc/shadow|/etc/passwd|/proc/self/environ|\.bash_history)`)
	// persistRE matches places that run code later: cron, sudoers, shell start-up files,
	// Python start-up hooks, login agents.
	persistRE = regexp.MustCompile(`(?i)(/etc/(?:sudoers|crontab|cron\.|rc\.local|profile|bash\.bashrc|ld\.so\.preload|systemd/|init\.d/)|/var/spool/cron|\bcrontab\b|(?:^|[/~])\.(?:bashrc|bash_profile|zshrc|profile|zprofile)\b|\b(?:site|user)customize\.py|site-packages/[^/'"]*\.pth\b|/Library/LaunchAgents|\.config/autostart)`)
)

// literal checks the text of a string literal that is not a docstring: addresses mark the
// enclosing call as contacting a fixed host; shell idioms and sensitive paths are reported.
func (a *analyzer) literal(t Token, f *frame) {
	v := t.Text
	if len(v) > maxCheck {
		v = v[:maxCheck]
	}
	// Cheap prefilters: most literals are words like "input_ids" that no pattern can match.
	if strings.Contains(v, "://") {
		if m := urlRE.FindString(v); m != "" {
			f.flags |= fURL
			if f.url == "" {
				f.url = cutText(m, 80)
			}
		}
	} else if strings.Count(v, ".") >= 3 {
		if m := ipRE.FindStringSubmatch(v); m != nil {
			f.flags |= fURL
			if f.url == "" {
				f.url = m[1]
			}
		}
	}
	if (strings.ContainsAny(v, "/-|+") || strings.Contains(v, "mkfifo")) && shellRE.MatchString(v) {
		a.hit(RuleProcess, "shell command", "holds the shell command "+quoteText(v), t.Start, "")
	}
	if !strings.ContainsAny(v, "/.\\") && !strings.Contains(v, "id_") && !strings.Contains(v, "authorized_keys") &&
		!strings.Contains(v, "crontab") {
		return
	}
	if m := credRE.FindString(v); m != "" {
		f.flags |= fCred
		if a.file.cred < 0 {
			a.file.cred = t.Start
		}
		a.hit(RuleSensitivePath, m, "names the credential path "+quoteText(v), t.Start, "")
	} else if m := persistRE.FindString(v); m != "" {
		a.hit(RuleSensitivePath, m, "names the system location "+quoteText(v), t.Start, "")
	}
}

func quoteText(s string) string {
	if len(s) > 60 {
		s = cutText(s, 60) + "…"
	}
	return `"` + s + `"`
}
