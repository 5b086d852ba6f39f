package cli

import (
	"errors"
	"fmt"
)

// Exit codes. This is the one place that defines them (see DESIGN.md).
const (
	ExitOK           = 0 // done, nothing at or above --fail-on
	ExitFindings     = 1 // findings at or above --fail-on, or a policy threshold failed
	ExitUsage        = 2 // usage or configuration error
	ExitIncomplete   = 3 // some input could not be analysed, and nothing else failed
	ExitVerifyFailed = 4 // signature verification failed
)

// exitError carries an exit code through cobra's error return.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageError marks an error as the user's to fix (exit 2).
func usageError(format string, args ...any) error {
	return &exitError{code: ExitUsage, err: fmt.Errorf(format, args...)}
}

// withCode returns an error that makes Run exit with code and print nothing more.
func withCode(code int) error { return &exitError{code: code} }

// codeOf maps an error returned by a command to an exit code. Errors that are not marked are
// failures to run at all, which are usage/configuration problems from the user's side
// (missing path, unreadable config): exit 2.
func codeOf(err error) int {
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return ExitUsage
}
