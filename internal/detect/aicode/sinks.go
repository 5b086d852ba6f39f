package aicode

import (
	"fmt"
	"strings"

	"github.com/aisecops/aisec/internal/finding"
	"github.com/aisecops/aisec/internal/format/code"
)

var (
	pyEval  = map[string]bool{"eval": true, "exec": true, "compile": true, "builtins.eval": true, "builtins.exec": true, "builtins.compile": true}
	pyShell = map[string]bool{"os.system": true, "os.popen": true, "os.popen2": true, "os.popen3": true, "os.popen4": true,
		"subprocess.getoutput": true, "subprocess.getstatusoutput": true, "commands.getoutput": true,
		"commands.getstatusoutput": true, "asyncio.create_subprocess_shell": true, "pty.spawn": true}
	pySubprocess = map[string]bool{"subprocess.run": true, "subprocess.call": true, "subprocess.check_call": true,
		"subprocess.check_output": true, "subprocess.Popen": true}
	jsEval      = map[string]bool{"eval": true, "window.eval": true, "globalThis.eval": true, "global.eval": true}
	jsVM        = map[string]bool{"runInNewContext": true, "runInThisContext": true, "runInContext": true, "compileFunction": true, "Script": true}
	jsShell     = map[string]bool{"exec": true, "execSync": true}
	jsSpawn     = map[string]bool{"spawn": true, "spawnSync": true, "execFile": true, "execFileSync": true}
	sqlMethods  = map[string]bool{"execute": true, "executemany": true, "executescript": true, "read_sql": true, "read_sql_query": true}
	jsSQL       = map[string]bool{"query": true, "raw": true, "unsafe": true, "$queryRawUnsafe": true, "$executeRawUnsafe": true, "execute": true}
	goSQL       = map[string]bool{"Query": true, "QueryRow": true, "Exec": true, "Prepare": true}
	javaSQL     = map[string]bool{"executeQuery": true, "executeUpdate": true, "execute": true, "addBatch": true, "prepareStatement": true, "createNativeQuery": true}
	dbModules   = map[string]bool{"sqlite3": true, "psycopg2": true, "psycopg": true, "pymysql": true, "MySQLdb": true, "mysql": true, "duckdb": true, "asyncpg": true, "aiosqlite": true, "cx_Oracle": true, "oracledb": true, "pyodbc": true, "sqlalchemy": true, "pandas": true, "pg": true, "mysql2": true, "better-sqlite3": true, "sqlite": true, "knex": true, "sequelize": true, "postgres": true, "database/sql": true, "java.sql": true}
	dbReceivers = [...]string{"cur", "conn", "db", "database", "session", "engine", "sql", "tx", "pool", "knex", "sequelize", "prisma", "pg", "mysql", "sqlite", "duck", "stmt", "statement"}
	sqlPhrases  = [...]string{"select ", "insert into", "delete from", "drop table", "create table", "alter table", "truncate table", "update "}
	shells      = map[string]bool{"sh": true, "bash": true, "zsh": true, "/bin/sh": true, "/bin/bash": true, "cmd": true, "cmd.exe": true, "powershell": true, "pwsh": true}
)

// taintSinks reports model output reaching eval/exec, a shell or SQL (AISEC-CODE-008…010).
// The taint analysis runs only for files that contain an LLM call.
func (a *analysis) taintSinks() {
	f := a.f
	if len(f.Assigns) == 0 && len(f.Calls) == 0 {
		return
	}
	t := newTaint(f)
	llm := false
	for i := range f.Calls {
		if t.isLLM(i) {
			llm = true
			break
		}
	}
	if !llm {
		return
	}
	for i := range f.Calls {
		c := &f.Calls[i]
		rule, args := a.sink(t, c)
		for _, x := range args {
			if fl, ok := t.spanFlow(x.Start, x.End, t.callsIn(x.Start, x.End)); ok {
				a.hit(rule, c, callText(c)+" at "+a.where(c.Line)+"; "+a.flowText(fl))
				break
			}
		}
	}
}

// flowText explains where the model output came from.
func (a *analysis) flowText(fl flow) string {
	if fl.name == "" {
		return fmt.Sprintf("the argument is the output of %s (%s)", clip(fl.callee, 120), a.where(fl.line))
	}
	as := &a.f.Assigns[fl.assign]
	return fmt.Sprintf("%s %s %s (%s, from %s)", as.Name, as.Op, clip(as.Value, 100), a.where(as.Line), clip(fl.callee, 120))
}

// sink returns the rule a call is a sink of and the arguments that must not carry model output.
func (a *analysis) sink(t *taint, c *code.Call) (finding.Rule, []code.Arg) {
	switch a.f.Lang {
	case code.Python:
		return a.pySink(t, c)
	case code.JavaScript, code.TypeScript:
		return a.jsSink(t, c)
	case code.Go:
		return a.goSink(t, c)
	case code.Java:
		return a.javaSink(t, c)
	}
	return finding.Rule{}, nil
}

func first(c *code.Call, names ...string) []code.Arg {
	for _, n := range names {
		if x, ok := arg(c, n, -1); ok {
			return []code.Arg{x}
		}
	}
	if x, ok := arg(c, "", 0); ok {
		return []code.Arg{x}
	}
	return nil
}

func (a *analysis) pySink(t *taint, c *code.Call) (finding.Rule, []code.Arg) {
	callee := c.Callee
	switch {
	case pyEval[callee]:
		return RuleEvalOutput, first(c, "source", "expression", "object")
	case pyShell[callee]:
		return RuleShellOutput, first(c, "command", "cmd")
	case pySubprocess[callee]:
		args := first(c, "args")
		shell, _ := arg(c, "shell", -1)
		if len(args) == 0 || !isTrue(shell) && a.isList(t, args[0]) {
			return finding.Rule{}, nil
		}
		return RuleShellOutput, args
	case callee == "sqlalchemy.text" || callee == "sqlalchemy.sql.text" || callee == "sqlalchemy.sql.expression.text":
		return RuleSQLOutput, first(c, "text")
	case sqlMethods[code.LastName(callee)] && a.sqlTarget(t, c):
		return RuleSQLOutput, first(c, "sql", "query", "operation", "statement", "sql_script")
	}
	return finding.Rule{}, nil
}

// isList reports whether a subprocess command is an argument list (a list or tuple literal,
// or a name last assigned one, or .split()): no shell parses it.
func (a *analysis) isList(t *taint, x code.Arg) bool {
	v := x.Value
	if j := t.lastAssign(v, x.Start); j >= 0 && !strings.ContainsAny(v, " ()[]") {
		v = a.f.Assigns[j].Value
	}
	return strings.HasPrefix(v, "[") || strings.HasPrefix(v, "(") || strings.HasSuffix(v, ".split()") || strings.HasPrefix(v, "shlex.split(")
}

// sqlTarget reports whether a call named like an SQL execution runs on a database: its callee
// comes from a database module, its receiver is named like a cursor or connection, or its
// first argument reads like SQL. Calls of catalogued AI packages never are.
func (a *analysis) sqlTarget(t *taint, c *code.Call) bool {
	if _, ok := code.EntryOf(a.f.Lang, c); ok {
		return false
	}
	lead := code.LeadName(c.Callee)
	root, _, _ := strings.Cut(lead, ".")
	if dbModules[root] || dbModules[strings.TrimPrefix(c.Module, "node:")] || dbModules[c.Module] {
		return true
	}
	segs := strings.Split(c.Callee, ".")
	if len(segs) >= 2 {
		recv := strings.ToLower(strings.TrimSuffix(strings.TrimSuffix(segs[len(segs)-2], "[]"), "()"))
		for _, r := range dbReceivers {
			if strings.Contains(recv, r) {
				return true
			}
		}
	}
	if len(c.Args) == 0 {
		return false
	}
	text := c.Args[0].Value
	if j := t.lastAssign(text, c.Args[0].Start); j >= 0 {
		text = a.f.Assigns[j].Value
	}
	return sqlish(text)
}

func sqlish(s string) bool {
	l := strings.ToLower(s)
	for _, p := range sqlPhrases {
		if strings.Contains(l, p) && (p != "select " || strings.Contains(l, " from ")) && (p != "update " || strings.Contains(l, " set ")) {
			return true
		}
	}
	return false
}

func (a *analysis) jsSink(t *taint, c *code.Call) (finding.Rule, []code.Arg) {
	callee := strings.TrimPrefix(c.Callee, "node:")
	module := strings.TrimPrefix(c.Module, "node:")
	last := code.LastName(callee)
	switch {
	case jsEval[callee]:
		return RuleEvalOutput, first(c)
	case callee == "Function":
		return RuleEvalOutput, c.Args
	case module == "vm" && jsVM[last]:
		return RuleEvalOutput, first(c, "code")
	case module == "child_process" && jsShell[last]:
		return RuleShellOutput, first(c, "command")
	case module == "child_process" && jsSpawn[last]:
		if x, ok := arg(c, "shell", -1); ok && (isTrue(x) || x.String) {
			var out []code.Arg
			for _, x := range c.Args {
				if x.Name == "" && len(out) < 2 {
					out = append(out, x)
				}
			}
			return RuleShellOutput, out
		}
	case jsSQL[last] && strings.Contains(callee, ".") && a.sqlTarget(t, c):
		return RuleSQLOutput, first(c, "sql", "text")
	}
	return finding.Rule{}, nil
}

func (a *analysis) goSink(t *taint, c *code.Call) (finding.Rule, []code.Arg) {
	last := code.LastName(c.Callee)
	switch {
	case c.Callee == "os/exec.Command" || c.Callee == "os/exec.CommandContext":
		var pos []code.Arg
		for _, x := range c.Args {
			if x.Name == "" {
				pos = append(pos, x)
			}
		}
		if c.Callee == "os/exec.CommandContext" && len(pos) > 0 {
			pos = pos[1:]
		}
		if len(pos) >= 3 && pos[0].String && shells[pos[0].Value] && pos[1].String && (pos[1].Value == "-c" || pos[1].Value == "/c") {
			return RuleShellOutput, pos[2:]
		}
	case goSQL[strings.TrimSuffix(last, "Context")] && a.sqlTarget(t, c):
		n := 0
		if strings.HasSuffix(last, "Context") {
			n = 1
		}
		if x, ok := arg(c, "", n); ok {
			return RuleSQLOutput, []code.Arg{x}
		}
	}
	return finding.Rule{}, nil
}

func (a *analysis) javaSink(t *taint, c *code.Call) (finding.Rule, []code.Arg) {
	last := code.LastName(c.Callee)
	switch {
	case strings.HasSuffix(c.Callee, "getRuntime().exec"):
		return RuleShellOutput, first(c)
	case last == "eval" && strings.Contains(strings.ToLower(c.Callee), "engine"):
		return RuleEvalOutput, first(c)
	case javaSQL[last] && a.sqlTarget(t, c):
		return RuleSQLOutput, first(c)
	}
	return finding.Rule{}, nil
}
