package code

import "strings"

// sqlRules cover destructive statements and injection payloads. Upper-case SQL is matched on
// the original text (exact), so prose that happens to say "drop table" does not count; a
// lower-case statement needs its terminating semicolon.
func sqlRules() []spec {
	const name = `[\w."\x60\[\]]+`
	return []spec{
		{kind: "sql:destructive", score: 0.85, keys: []string{"drop"}, exact: true, word: true,
			pattern: `DROP\s+(?:TABLE|DATABASE|SCHEMA|USER|VIEW)\b`},
		{kind: "sql:destructive", score: 0.85, keys: []string{"drop"}, word: true, after: 1,
			pattern: `drop\s+(?:table|database|schema)\s+(?:if\s+exists\s+)?` + name + `\s*(?:;|--|\z)`},
		{kind: "sql:destructive", score: 0.8, keys: []string{"truncate"}, exact: true, word: true,
			pattern: `TRUNCATE\s+(?:TABLE\s+)?` + name},
		{kind: "sql:destructive", score: 0.8, keys: []string{"truncate"}, word: true,
			pattern: `truncate\s+table\s+` + name + `\s*;`},
		{kind: "sql:destructive", score: 0.8, keys: []string{"delete"}, exact: true, word: true, after: 1,
			pattern: `DELETE\s+FROM\s+` + name + `\s*(?:;|--|\)|'|"|\x60|\z)`},
		{kind: "sql:destructive", score: 0.8, keys: []string{"delete"}, word: true,
			pattern: `delete\s+from\s+` + name + `\s*;`},
		{kind: "sql:destructive", score: 0.7, keys: []string{"update"}, exact: true, word: true,
			pattern: `UPDATE\s+` + name + `\s+SET\s`, keep: noWhere},
		{kind: "sql:injection", score: 0.8, keys: []string{"' or", "'or", "') or", "'||", "' ||"}, need: []string{"=", "like"},
			pattern: `'\s*\)?\s*(?:or|\|\|)\s+(?:'[^'\n]{0,20}'|\d+)\s*(?:=|like)\s*(?:'[^'\n]{0,20}|\d+)`},
		{kind: "sql:injection", score: 0.9, keys: []string{"';", "' ;", "');", "') ;"},
			pattern: `'[ \t]*\)?[ \t]*;[ \t]*(?:drop\s+(?:table|database|schema)|delete\s+from|insert\s+into|update\s+\S+\s+set|shutdown|truncate\s+table|alter\s+table|create\s+(?:user|login|table)|grant\s|exec(?:ute)?\s+\w|--)`},
		{kind: "sql:injection", score: 0.8, keys: []string{"union"}, word: true, match: unionProbe},
		{kind: "sql:injection", score: 0.85, keys: []string{"xp_cmdshell", "waitfor", "sleep(", "benchmark("}, free: true,
			pattern: `\bxp_cmdshell\b|'\s*;\s*waitfor\s+delay\s+'|'\s*(?:and|or)\s+(?:sleep|benchmark|pg_sleep)\s*\(`},
	}
}

// noWhere keeps an UPDATE … SET statement only when it has no WHERE clause before its
// semicolon (looked for in the whole text: the statement may span many lines).
func noWhere(text string, m []int) bool {
	end := min(len(text), m[0]+4096)
	if k := strings.IndexByte(text[m[0]:end], ';'); k >= 0 {
		end = m[0] + k
	}
	return !strings.Contains(strings.ToLower(text[m[0]:end]), "where")
}

// xssRules cover script injection into HTML a client may render.
func xssRules() []spec {
	return []spec{
		{kind: "xss:script", score: 0.8, fenced: 0.5, keys: []string{"<script"},
			pattern: `<script[\s>/]`},
		{kind: "xss:script", score: 0.9, keys: []string{"document.cookie"}, free: true,
			pattern: `(?:new\s+image\s*\(\s*\)\s*\.src|navigator\.sendbeacon|fetch|\.open|location(?:\.href)?)\s*[=(][^\n]*?document\.cookie`},
		{kind: "xss:javascript-url", score: 0.8, keys: []string{"javascript", "vbscript", "livescript"}, pre: urlContext,
			pattern: `(?:javascript|vbscript|livescript)\s*:[^\s"'<>()\x60]*[(=]`,
			keep:    notVoid},
		{kind: "xss:javascript-url", score: 0.8, keys: []string{"&#", "data:text/html"}, free: true,
			pattern: `(?:href|src|action|formaction|xlink:href|data)\s*=\s*["']?\s*(?:(?:&#x?0*[0-9a-f]+;?){4}|data:text/html)`},
		{kind: "xss:event-handler", score: 0.85, fenced: 0.5, keys: autoEvents(), free: true, before: 3,
			pattern: `<[a-z][a-z0-9-]*\b[^>]*?[\s/"']on(?:error|load|focus|focusin|blur|mouseover|mouseenter|pageshow|toggle|begin|animationstart|animationend|animationiteration|transitionend|transitionrun|start|finish|beforeprint|afterprint|hashchange|popstate|scroll|resize|message|readystatechange|loadstart|loadeddata|canplay|play|wheel|pointerover)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>{][^\s>]*)`},
		{kind: "xss:event-handler", score: 0.85, keys: []string{"document.cookie", "localstorage", "sessionstorage", "fetch(", "xmlhttprequest", "eval(", "atob(", "fromcharcode", "location", "window.open", "import("}, free: true,
			pattern: `[\s/"']on[a-z]{3,20}\s*=\s*["']?[^"'>]*?(?:document\.cookie|localstorage|sessionstorage|fetch\(|xmlhttprequest|eval\(|atob\(|fromcharcode|document\.location|window\.location|location\.href|location\s*=|window\.open\(|import\()`},
		{kind: "xss:encoded-exec", score: 0.85, keys: []string{"eval"}, word: true, need: []string{"atob", "unescape", "fromcharcode", "decodeuricomponent"},
			pattern: `eval\s*\(\s*(?:window\.)?(?:atob|unescape|string\.fromcharcode|decodeuricomponent)\s*\(`},
		{kind: "xss:iframe-srcdoc", score: 0.7, keys: []string{"srcdoc"}, free: true,
			pattern: `<iframe\b[^>]*\bsrcdoc\s*=`},
	}
}

// urlContext: a script URL follows a quote, '=', a bracket, "](" or whitespace.
func urlContext(text string, pos int) bool {
	k := pos
	for k > 0 && (text[k-1] == ' ' || text[k-1] == '\t') {
		k--
	}
	if k == 0 || k < pos {
		return true
	}
	return strings.IndexByte("<(\"'=\x60\n", text[k-1]) >= 0
}

// notVoid drops "javascript:void(0)", the inert placeholder of legacy HTML.
func notVoid(text string, m []int) bool {
	i := strings.Index(text[m[0]:m[1]], ":")
	rest := strings.TrimSpace(text[m[0]+i+1 : min(len(text), m[1]+8)])
	return !strings.HasPrefix(rest, "void(0)") && !strings.HasPrefix(rest, "void 0")
}

// autoEvents are the keys of handlers that fire without user interaction.
func autoEvents() []string {
	return []string{"onerror", "onload", "onfocus", "onblur", "onmouseover", "onmouseenter", "onpageshow",
		"ontoggle", "onbegin", "onanimation", "ontransition", "onstart", "onfinish", "onbeforeprint",
		"onafterprint", "onhashchange", "onpopstate", "onscroll", "onresize", "onmessage",
		"onreadystatechange", "oncanplay", "onplay", "onwheel", "onpointerover"}
}

// templateRules cover server-side template injection and expression-language lookups that
// execute code when the output reaches a template engine or a vulnerable logger.
func templateRules() []spec {
	return []spec{
		{kind: "template:ssti", score: 0.9, keys: []string{"{{", "{%"}, match: jinjaGadget},
		{kind: "template:jndi", score: 0.95, keys: []string{"${"}, match: jndiLookup},
		{kind: "template:ssti", score: 0.9, keys: []string{"java.lang", "getruntime", "freemarker", "<%", "#set"}, free: true,
			pattern: `[$#*@%]\{\s*(?:\(#[^}\n]*?)?t\s*\(\s*java\.lang\.(?:runtime|processbuilder|system)\b|@java\.lang\.runtime@getruntime|freemarker\.template\.utility\.execute|<%=?\s*(?:system\s*\(|exec\s*\(|\x60|%x\{|io\.popen|runtime\.getruntime)|#set\s*\(\s*\$[a-z_]+\s*=\s*[^)\n]*?(?:getclass|forname|getruntime)`},
	}
}

// Bounds of a template expression or lookup examined.
const maxExpr = 240

// jinjaGadget matches a Jinja/Twig expression or statement ("{{ … }}", "{% … %}") that
// reaches Python internals or runs commands.
func jinjaGadget(text string, pos, limit int) (int, bool) {
	closer := "}}"
	if strings.HasPrefix(text[pos:], "{%") {
		closer = "%}"
	}
	stop := min(len(text), pos+maxExpr)
	end := stop
	if k := strings.Index(text[pos+2:stop], closer); k >= 0 {
		end = pos + 2 + k + 2
	} else if k := strings.IndexByte(text[pos:stop], '\n'); k >= 0 {
		end = pos + k
	}
	inner := text[pos:end]
	for _, g := range []string{"__class__", "__mro__", "__subclasses__", "__globals__", "__builtins__",
		"__import__", "__init__", "__base__", "lipsum", "cycler", "joiner", "config.items",
		"request.application", "self._templatereference", "os.popen", "subprocess", ".system(", "\\x5f\\x5f"} {
		if strings.Contains(inner, g) {
			return end, true
		}
	}
	return 0, false
}

// jndiLookup matches a Log4j lookup that loads a remote class ("${jndi:ldap://…}") or hides
// one behind nested lookups ("${${lower:j}ndi:…}", "${${::-j}…"). Both show before the first
// '}', so only that much is read (vectorised searches: keys can repeat thousands of times).
func jndiLookup(text string, pos, limit int) (int, bool) {
	stop := min(len(text), pos+maxExpr)
	head := text[pos+2 : stop]
	if k := strings.IndexByte(head, '}'); k >= 0 {
		head = head[:k]
	}
	if k := strings.IndexByte(head, '\n'); k >= 0 {
		head = head[:k]
	}
	inner := strings.TrimLeft(head, " \t")
	matched := strings.HasPrefix(inner, "jndi") && strings.HasPrefix(strings.TrimLeft(inner[4:], " \t"), ":")
	if j := strings.Index(inner, "${"); !matched && j >= 0 && j < 16 {
		// obfuscation nests a lookup right at the start: ${${lower:j}ndi:…}
		nested := strings.TrimLeft(inner[j+2:], " \t")
		for _, l := range []string{"lower:", "upper:", "::-", "env:", "sys:", "date:", "main:", "bundle:", "k8s:", "docker:"} {
			matched = matched || strings.HasPrefix(nested, l)
		}
	}
	if !matched {
		return 0, false
	}
	return lookupEnd(text, pos, stop), true
}

// lookupEnd returns the end of the ${…} starting at pos (braces balanced, bounded).
func lookupEnd(text string, pos, stop int) int {
	depth := 0
	for k := pos; k < stop; k++ {
		switch text[k] {
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return k + 1
			}
		case '\n':
			return k
		}
	}
	return stop
}

// unionProbe matches "UNION [ALL] SELECT" followed, on the same line, by what injection
// payloads probe for (NULL columns, version, schema tables, file access, char() encoding).
func unionProbe(text string, pos, limit int) (int, bool) {
	stop := min(len(text), pos+maxExpr)
	k := skipSpace(text, pos+len("union"), stop)
	if strings.HasPrefix(text[k:stop], "all") {
		k = skipSpace(text, k+3, stop)
	}
	if !strings.HasPrefix(text[k:stop], "select") {
		return 0, false
	}
	end := stop
	if nl := strings.IndexByte(text[k:stop], '\n'); nl >= 0 {
		end = k + nl
	}
	line := text[k:end]
	for _, p := range []string{"null,", "null ,", "@@version", "information_schema", "version()", "load_file",
		"into outfile", "into dumpfile", "char(", "group_concat", "sleep(", "0x"} {
		if strings.Contains(line, p) {
			return end, true
		}
	}
	return 0, false
}

func skipSpace(text string, k, stop int) int {
	for k < stop && (text[k] == ' ' || text[k] == '\t') {
		k++
	}
	return k
}
