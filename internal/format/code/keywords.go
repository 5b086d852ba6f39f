package code

// Keyword tables: a keyword never starts a callee chain (after a '.', any name is an
// attribute). Read-only.
var (
	pyKeywords = set("False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
		"def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
		"nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield")
	jsKeywords = set("break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else",
		"export", "extends", "finally", "for", "function", "if", "import", "in", "instanceof", "let", "new", "return",
		"switch", "throw", "try", "typeof", "var", "void", "while", "with", "yield", "await", "async", "of", "true",
		"false", "null", "static")
	tsKeywords = set("interface", "enum", "declare", "namespace", "abstract", "implements", "private", "public",
		"protected", "readonly", "satisfies", "keyof", "as", "override")
	goKeywords = set("break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for",
		"func", "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select", "struct",
		"switch", "type", "var", "true", "false", "nil")
	javaKeywords = set("abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
		"continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if",
		"implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
		"protected", "public", "return", "short", "static", "strictfp", "switch", "synchronized", "throw", "throws",
		"transient", "try", "void", "volatile", "while", "var", "record", "true", "false", "null")
	// javaDeclPrefix are keywords after which `name(` declares a method.
	javaDeclPrefix = set("boolean", "byte", "char", "double", "float", "int", "long", "short", "void", "public", "private",
		"protected", "static", "final", "abstract", "synchronized", "native", "default", "strictfp", "transient")
	// tsModifiers are keywords after which `name(...)` followed by ':' or '{' declares a method.
	tsModifiers = set("public", "private", "protected", "static", "async", "readonly", "abstract", "override", "get", "set")
	// regexKeywords precede an expression (a '{' after them opens an object literal in JS).
	exprKeywords = set("return", "yield", "await", "case", "throw", "typeof", "void", "delete", "in", "of", "instanceof")
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// isKeyword reports whether name is a keyword of lang.
func isKeyword(lang Lang, name string) bool {
	switch lang {
	case Python:
		return pyKeywords[name]
	case JavaScript:
		return jsKeywords[name]
	case TypeScript:
		return jsKeywords[name] || tsKeywords[name]
	case Go:
		return goKeywords[name]
	case Java:
		return javaKeywords[name]
	}
	return false
}
