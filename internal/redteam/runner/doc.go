// Package runner executes a red-team plan: it expands the selected probes into attempts
// (probe × prompt × generation) in a seeded order, gives each attempt its own canary, sends
// them to the target through a bounded worker pool and rate limiter, judges each reply with
// the probe's detectors and appends one record per finished attempt to the journal, so
// that a killed run can be resumed without repeating finished attempts.
package runner
