package store

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"modernc.org/sqlite"
)

//go:embed migrations
var migrations embed.FS

// versionTable is goose's bookkeeping table; a name of our own keeps a shared PostgreSQL
// database from mixing our versions with another goose user's.
const versionTable = "aisec_schema_version"

// migrationLockID is our PostgreSQL advisory lock key ("aisec" in ASCII), distinct from goose's
// default so another goose user of the same database never waits on us.
const migrationLockID = 0x6169736563

// sqliteBusyTimeout is how long a SQLite statement waits for another process's lock.
const sqliteBusyTimeout = 10 * time.Second

// sqliteReaders caps the read pool; WAL readers never block the single writer.
const sqliteReaders = 4

// openSQLite opens (creating if needed) the SQLite database at path.
func openSQLite(ctx context.Context, path string) (Store, error) {
	abs, err := prepareSQLiteFile(path)
	if err != nil {
		return nil, err
	}
	writer, err := openSQLitePool(ctx, abs, 1, "_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate")
	if err != nil {
		return nil, err
	}
	if err := migrate(ctx, writer, goose.DialectSQLite3, "migrations/sqlite"); err != nil {
		_ = writer.Close()
		return nil, sqliteError(abs, err)
	}
	reader, err := openSQLitePool(ctx, abs, sqliteReaders, "_pragma=query_only(1)")
	if err != nil {
		_ = writer.Close()
		return nil, err
	}
	s, err := newSQLStore(ctx, writer, reader, sqliteDialect)
	if err != nil {
		_, _ = reader.Close(), writer.Close()
		return nil, sqliteError(abs, err)
	}
	return s, nil
}

// prepareSQLiteFile validates path, creates its directory and, for a new database, an empty
// file readable only by its owner (audit rows may hold prompts; SQLite copies the mode to its
// -wal and -shm files).
func prepareSQLiteFile(path string) (string, error) {
	if path == "" || path == ":memory:" || strings.HasPrefix(path, "file:") {
		return "", fmt.Errorf("unable to open SQLite store %q: %w: want a file path", path, ErrUnsupportedURL)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("unable to resolve SQLite path %q: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o750); err != nil {
		return "", fmt.Errorf("unable to create directory for SQLite store %q: %w", abs, err)
	}
	f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	switch {
	case err == nil:
		if err := f.Close(); err != nil {
			return "", fmt.Errorf("unable to create SQLite store %q: %w", abs, err)
		}
	case !errors.Is(err, fs.ErrExist):
		return "", fmt.Errorf("unable to create SQLite store %q: %w", abs, err)
	}
	if info, err := os.Stat(abs); err != nil {
		return "", fmt.Errorf("unable to open SQLite store %q: %w", abs, err)
	} else if !info.Mode().IsRegular() {
		return "", fmt.Errorf("unable to open SQLite store %q: not a regular file", abs)
	}
	return abs, nil
}

// openSQLitePool opens a pool of at most conns connections with the common pragmas plus extra
// DSN parameters, and checks that the file really is an SQLite database.
func openSQLitePool(ctx context.Context, abs string, conns int, extra string) (*sql.DB, error) {
	// A file: URI escapes any '?', '#' or '%' in the path, which a plain DSN would misparse.
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // Windows drive letters: file:///C:/…
	}
	u := url.URL{Scheme: "file", Path: p}
	dsn := u.String() + fmt.Sprintf("?_pragma=busy_timeout(%d)&_pragma=foreign_keys(1)&%s",
		sqliteBusyTimeout.Milliseconds(), extra)
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("unable to open SQLite store %q: %w", abs, err)
	}
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	db.SetConnMaxLifetime(0)
	// The pragmas run when a connection opens, so a garbage file fails here, not on first use.
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, sqliteError(abs, err)
	}
	return db, nil
}

// sqliteError turns "file is not a database" into ErrNotSQLite with the path.
func sqliteError(abs string, err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == 26 { // SQLITE_NOTADB
		return fmt.Errorf("unable to open SQLite store %q: %w (%v)", abs, ErrNotSQLite, err)
	}
	return fmt.Errorf("unable to open SQLite store %q: %w", abs, err)
}

// openPostgres connects to PostgreSQL; all replicas may call it at once (see migrate).
func openPostgres(ctx context.Context, raw string) (Store, error) {
	cfg, err := pgx.ParseConfig(raw)
	if err != nil {
		return nil, fmt.Errorf("unable to parse PostgreSQL URL %s: %w", redactURL(raw), err)
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(16)
	db.SetMaxIdleConns(4)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("unable to connect to PostgreSQL %s: %w", redactURL(raw), err)
	}
	// An advisory session lock serialises replicas that start together; poll it every second
	// for up to two minutes.
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(migrationLockID), lock.WithLockTimeout(1, 120))
	if err == nil {
		err = migrate(ctx, db, goose.DialectPostgres, "migrations/postgres", goose.WithSessionLocker(locker))
	}
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("unable to prepare PostgreSQL store %s: %w", redactURL(raw), err)
	}
	s, err := newSQLStore(ctx, db, db, postgresDialect)
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("unable to prepare PostgreSQL store %s: %w", redactURL(raw), err)
	}
	return s, nil
}

// migrate applies the pending migrations in dir; already-applied ones are skipped, so every
// Open runs it.
func migrate(ctx context.Context, db *sql.DB, d goose.Dialect, dir string, opts ...goose.ProviderOption) error {
	sub, err := fs.Sub(migrations, dir)
	if err != nil {
		return fmt.Errorf("unable to read migrations: %w", err)
	}
	opts = append(opts, goose.WithTableName(versionTable), goose.WithDisableGlobalRegistry(true),
		goose.WithSlog(slog.New(slog.DiscardHandler)))
	p, err := goose.NewProvider(d, db, sub, opts...)
	if err != nil {
		return fmt.Errorf("unable to load migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("unable to migrate schema: %w", err)
	}
	return nil
}
