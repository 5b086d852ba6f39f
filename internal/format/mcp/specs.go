package mcp

import "strings"

// dockerValued lists docker/podman run options that take a value.
var dockerValued = setOf("-e", "--env", "--env-file", "-v", "--volume", "--network", "--net", "--name",
	"-p", "--publish", "--mount", "-w", "--workdir", "-u", "--user", "--entrypoint", "--platform",
	"-l", "--label", "--label-file", "--add-host", "--cpus", "-m", "--memory", "--device", "--cap-add",
	"--cap-drop", "--security-opt", "--pull", "--restart", "-h", "--hostname", "--dns", "--tmpfs",
	"--ulimit", "--gpus", "--runtime", "--ipc", "--pid", "--log-driver", "--log-opt", "--group-add",
	"--shm-size", "--stop-signal", "--stop-timeout", "--cidfile", "--volumes-from", "--link",
	"--expose", "-a", "--attach", "--cpu-shares", "-c", "--memory-swap", "--userns", "--uts",
	"--health-cmd", "--health-interval", "--annotation", "--secret", "--arch", "--os", "--context",
	"-H", "--host", "--config", "--log-level",
	"--blkio-weight", "--blkio-weight-device", "--cgroup-parent", "--cgroupns", "--cpu-period", "--cpu-quota",
	"--cpu-rt-period", "--cpu-rt-runtime", "--cpuset-cpus", "--cpuset-mems", "--detach-keys", "--device-cgroup-rule",
	"--device-read-bps", "--device-read-iops", "--device-write-bps", "--device-write-iops", "--dns-option",
	"--dns-opt", "--dns-search", "--domainname", "--health-retries", "--health-start-period", "--health-timeout",
	"--health-start-interval", "--ip", "--ip6", "--isolation", "--kernel-memory", "--link-local-ip", "--mac-address",
	"--memory-reservation", "--memory-swappiness", "--network-alias", "--oom-score-adj", "--pids-limit",
	"--storage-opt", "--sysctl", "--volume-driver", "--cgroup-conf", "--init-path", "--pod", "--requires",
	"--sdnotify", "--seccomp-policy", "--subgidname", "--subuidname", "--tz", "--uidmap", "--gidmap", "--umask",
	"--variant", "--image-volume", "--chrootdirs", "--preserve-fds", "--rdt-class", "--personality", "--passwd-entry",
	"--group-entry", "--hostuser", "--decryption-key", "--authfile", "--creds", "--cert-dir", "--conmon-pidfile",
	"--env-merge", "--pidfile", "--retry", "--retry-delay", "--unsetenv", "--cgroups", "--health-on-failure",
	"--health-startup-cmd", "--health-startup-interval", "--health-startup-retries", "--health-startup-success",
	"--health-startup-timeout", "--log-opt", "--mount", "--network-alias", "--pod-id-file",
	"--timeout", "--userns", "--ulimit", "--device", "--label", "--cidfile")

// dockerOpt reports docker options that take a value, including a cluster of short options
// whose last one does (-ie NAME=value, -dp 8080:80).
func dockerOpt(f string) bool {
	if dockerValued(f) {
		return true
	}
	if len(f) > 2 && f[0] == '-' && f[1] != '-' && !strings.Contains(f, "=") {
		return dockerValued("-" + f[len(f)-1:])
	}
	return false
}

// docker reads "docker run [options] image [args]" (also "container run").
func (l launch) docker(runner string) *Package {
	pos := positional(l.args, 0, dockerOpt, noFlags)
	if pos >= 0 && l.args[pos] == "container" {
		pos++
	}
	if pos < 0 || pos >= len(l.args) || l.args[pos] != "run" {
		return nil
	}
	pos = positional(l.args, pos+1, dockerOpt, noFlags)
	if pos < 0 {
		return nil
	}
	name, version, pinned, digest := imageRef(l.args[pos])
	return &Package{Runner: runner, Ecosystem: EcosystemOCI, Name: name, Version: version, Pinned: pinned, Digest: digest, Arg: l.arg(pos)}
}

// imageRef splits an image reference into repository and tag or digest. A digest pins
// exactly; a tag other than "latest" pins mutably; no tag means latest.
func imageRef(ref string) (name, version string, pinned, digest bool) {
	if at := strings.IndexByte(ref, '@'); at >= 0 {
		name, version = ref[:at], ref[at+1:]
		if slash, colon := strings.LastIndexByte(name, '/'), strings.LastIndexByte(name, ':'); colon > slash {
			name = name[:colon]
		}
		alg, hex, ok := strings.Cut(version, ":")
		digest = ok && alg != "" && len(hex) >= 32 && isHex(hex)
		return name, version, digest, digest
	}
	name = ref
	if slash, colon := strings.LastIndexByte(ref, '/'), strings.LastIndexByte(ref, ':'); colon > slash {
		name, version = ref[:colon], ref[colon+1:]
	}
	return name, version, version != "" && version != "latest", false
}

// npmPackage reads an npm package spec: name, @scope/name, name@version, a git or tarball
// URL, a GitHub shorthand (user/repo) or a local path.
func npmPackage(runner, spec string, at int) *Package {
	p := &Package{Runner: runner, Ecosystem: EcosystemNPM, Arg: at}
	spec = strings.TrimPrefix(spec, "npm:")
	switch {
	case isLocalPath(spec):
		p.Ecosystem, p.Name, p.Local = "", spec, true
	case isGitSpec(spec):
		p.Name, p.Version, _ = strings.Cut(spec, "#")
		p.Pinned = len(p.Version) == 40 && isHex(p.Version)
	default:
		p.Name, p.Version = npmSpec(spec)
		p.Pinned = npmExact(p.Version)
	}
	return p
}

// npmSpec splits name@version, keeping the scope's @.
func npmSpec(spec string) (name, version string) {
	if strings.HasPrefix(spec, "@") {
		if i := strings.IndexByte(spec[1:], '@'); i >= 0 {
			return spec[:i+1], spec[i+2:]
		}
		return spec, ""
	}
	if i := strings.IndexByte(spec, '@'); i > 0 {
		return spec[:i], spec[i+1:]
	}
	return spec, ""
}

// isGitSpec reports npm specs that fetch from git or a URL rather than the registry.
func isGitSpec(spec string) bool {
	for _, p := range [...]string{"git+", "git:", "github:", "gitlab:", "bitbucket:", "gist:", "http:", "https:"} {
		if strings.HasPrefix(spec, p) {
			return true
		}
	}
	return !strings.HasPrefix(spec, "@") && strings.Contains(spec, "/") // user/repo shorthand
}

// isLocalPath reports a relative, absolute, home or file: path (POSIX or Windows).
func isLocalPath(s string) bool {
	switch {
	case s == "":
		return false
	case s[0] == '.' || s[0] == '/' || s[0] == '~' || s[0] == '\\' || strings.HasPrefix(s, "file:"):
		return true
	case len(s) > 2 && s[1] == ':' && (s[2] == '\\' || s[2] == '/'):
		return true
	}
	return false
}

// npmExact reports an exact semantic version (1.2.3, 1.2.3-beta.1, v1.2.3), not a range,
// tag or wildcard.
func npmExact(v string) bool {
	v = strings.TrimPrefix(v, "v")
	core, _, _ := strings.Cut(v, "+")
	core, pre, hasPre := strings.Cut(core, "-")
	parts := strings.Split(core, ".")
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return false
		}
	}
	return !hasPre || pre != "" && strings.Trim(pre, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-") == ""
}

// pypiPackage reads a Python requirement (name, name==1.0, name@1.0 as uv writes it,
// name[extra]>=1), a git/URL requirement or a local path.
func pypiPackage(runner, spec string, at int) *Package {
	p := &Package{Runner: runner, Ecosystem: EcosystemPyPI, Arg: at}
	switch {
	case isLocalPath(spec):
		p.Ecosystem, p.Name, p.Local = "", spec, true
	case strings.HasPrefix(spec, "git+") || strings.Contains(spec, "://"):
		p.Name = spec
		if i := strings.LastIndexByte(spec, '@'); i > 0 && !strings.Contains(spec[i:], "/") {
			p.Name, p.Version = spec[:i], spec[i+1:]
			p.Pinned = len(p.Version) == 40 && isHex(p.Version)
		}
	default:
		p.Name, p.Version, p.Pinned = pypiSpec(spec)
	}
	return p
}

// pypiSpec splits a requirement into name and version. Exact pins are ==X / ===X (no
// wildcard) and uv's name@X; ranges keep their operator.
func pypiSpec(spec string) (name, version string, exact bool) {
	s, _, _ := strings.Cut(spec, ";")
	s = strings.TrimSpace(s)
	if i := strings.IndexAny(s, "=<>!~"); i > 0 {
		name, version = s[:i], strings.TrimSpace(s[i:])
		rest, isEq := strings.CutPrefix(strings.TrimPrefix(version, "="), "=")
		if isEq {
			version = strings.TrimPrefix(rest, "=")
			exact = pep440Exact(version)
		}
	} else if i := strings.IndexByte(s, '@'); i > 0 {
		name, version = s[:i], strings.TrimSpace(s[i+1:])
		exact = pep440Exact(version)
	} else {
		name = s
	}
	if i := strings.IndexByte(name, '['); i > 0 {
		name = name[:i]
	}
	return strings.TrimSpace(name), version, exact
}

// pep440Exact reports a concrete version (1.2.3, 2024.1.0rc1, v1.0): a digit first, no
// wildcard, no further constraint.
func pep440Exact(v string) bool {
	v = strings.TrimPrefix(v, "v")
	if v == "" || v[0] < '0' || v[0] > '9' {
		return false
	}
	return strings.Trim(v, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.+!_-") == ""
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return s != ""
}
