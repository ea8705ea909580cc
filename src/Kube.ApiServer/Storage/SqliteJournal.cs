using SQLitePCL;

namespace Kube.ApiServer.Storage;

/// <summary>
/// Durable state in SQLite: <c>objects</c> (current state) and <c>events</c> (bounded change log,
/// rowid = revision = resourceVersion). One transaction per write; WAL with synchronous=NORMAL
/// keeps every committed transaction across a process kill (only an OS crash could lose the WAL
/// tail, which is acceptable for a dev/test server). Access is serialized by <see cref="ObjectStore"/>.
/// Talks to SQLite through SQLitePCLRaw directly rather than ADO.NET (Microsoft.Data.Sqlite): a
/// handful of fixed statements need no provider, and the ADO.NET stack (System.Data.Common and the
/// ComponentModel assemblies, jitted provider code) was ~3.5 MB of the server's resident memory
/// (docs/apiserver.md, "Memory").
/// </summary>
internal sealed class SqliteJournal : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _begin;
    private readonly sqlite3_stmt _commit;
    private readonly sqlite3_stmt _rollback;
    private readonly sqlite3_stmt _upsert;
    private readonly sqlite3_stmt _delete;
    private readonly sqlite3_stmt _event;
    private readonly string _path;
    private int _checkpointing;

    static SqliteJournal() => Batteries_V2.Init();

    public SqliteJournal(string path)
    {
        _path = path;
        _db = Open(path);
        Exec(_db, "PRAGMA journal_mode=WAL;");
        Exec(_db, "PRAGMA synchronous=NORMAL;");
        Exec(_db, "PRAGMA busy_timeout=30000;");
        // Reads are served from memory (ObjectStore), so SQLite's page cache only helps the write path
        // find its B-tree pages; 512 KB instead of the 2 MB default holds those (the OS page cache has
        // the rest) and keeps ~1.5 MB of malloc'd memory out of the server's RSS (docs/apiserver.md, "Memory").
        Exec(_db, "PRAGMA cache_size=-512;");
        // Checkpoints (the only fsyncs in WAL/NORMAL mode) run on a background connection, not in the write path.
        Exec(_db, "PRAGMA wal_autocheckpoint=0;");
        Exec(_db, """
            CREATE TABLE IF NOT EXISTS objects(
              resource TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
              rv INTEGER NOT NULL, json BLOB NOT NULL,
              PRIMARY KEY(resource, namespace, name)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS events(
              rv INTEGER PRIMARY KEY, resource TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
              type INTEGER NOT NULL, json BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            """);
        _begin = Prepare("BEGIN");
        _commit = Prepare("COMMIT");
        _rollback = Prepare("ROLLBACK");
        _upsert = Prepare("INSERT INTO objects(resource, namespace, name, rv, json) VALUES(?1, ?2, ?3, ?4, ?5) " +
                          "ON CONFLICT(resource, namespace, name) DO UPDATE SET rv = excluded.rv, json = excluded.json");
        _delete = Prepare("DELETE FROM objects WHERE resource = ?1 AND namespace = ?2 AND name = ?3");
        _event = Prepare("INSERT INTO events(rv, resource, namespace, name, type, json) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    }

    public long MaxRevision() =>
        Math.Max(ScalarLong("SELECT COALESCE(MAX(rv), 0) FROM events"), ScalarLong("SELECT COALESCE(MAX(rv), 0) FROM objects"));

    public IEnumerable<(string Resource, string Namespace, string Name, long Rv, byte[] Json)> LoadObjects()
    {
        using var stmt = Prepare("SELECT resource, namespace, name, rv, json FROM objects");
        while (Step(stmt))
        {
            yield return (Text(stmt, 0), Text(stmt, 1), Text(stmt, 2), raw.sqlite3_column_int64(stmt, 3), raw.sqlite3_column_blob(stmt, 4).ToArray());
        }
    }

    public IEnumerable<(long Rv, string Resource, string Namespace, string Name, WatchEventType Type, byte[] Json)> LoadEvents(int limit)
    {
        using var stmt = Prepare("SELECT rv, resource, namespace, name, type, json FROM (SELECT * FROM events ORDER BY rv DESC LIMIT ?1) ORDER BY rv");
        Check(raw.sqlite3_bind_int64(stmt, 1, limit));
        while (Step(stmt))
        {
            yield return (raw.sqlite3_column_int64(stmt, 0), Text(stmt, 1), Text(stmt, 2), Text(stmt, 3),
                (WatchEventType)raw.sqlite3_column_int(stmt, 4), raw.sqlite3_column_blob(stmt, 5).ToArray());
        }
    }

    public string? GetMeta(string key)
    {
        using var stmt = Prepare("SELECT value FROM meta WHERE key = ?1");
        Check(raw.sqlite3_bind_text(stmt, 1, key));
        return Step(stmt) ? Text(stmt, 0) : null;
    }

    public void SetMeta(string key, string value)
    {
        using var stmt = Prepare("INSERT INTO meta(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
        Check(raw.sqlite3_bind_text(stmt, 1, key));
        Check(raw.sqlite3_bind_text(stmt, 2, value));
        Run(stmt);
    }

    public void Write(long rv, string resource, string ns, string name, WatchEventType type, byte[] json)
    {
        Run(_begin);
        try
        {
            var obj = type == WatchEventType.Deleted ? _delete : _upsert;
            Check(raw.sqlite3_bind_text(obj, 1, resource));
            Check(raw.sqlite3_bind_text(obj, 2, ns));
            Check(raw.sqlite3_bind_text(obj, 3, name));
            if (type != WatchEventType.Deleted)
            {
                Check(raw.sqlite3_bind_int64(obj, 4, rv));
                Check(raw.sqlite3_bind_blob(obj, 5, json));
            }

            Run(obj);
            Check(raw.sqlite3_bind_int64(_event, 1, rv));
            Check(raw.sqlite3_bind_text(_event, 2, resource));
            Check(raw.sqlite3_bind_text(_event, 3, ns));
            Check(raw.sqlite3_bind_text(_event, 4, name));
            Check(raw.sqlite3_bind_int(_event, 5, (int)type));
            Check(raw.sqlite3_bind_blob(_event, 6, json));
            Run(_event);
            Run(_commit);
        }
        catch
        {
            if (raw.sqlite3_get_autocommit(_db) == 0)
            {
                Run(_rollback);
            }

            throw;
        }
    }

    /// <summary>Drops change-log rows at or below <paramref name="rv"/> (the newest always stays: it carries the revision).</summary>
    public void Compact(long rv)
    {
        using var stmt = Prepare("DELETE FROM events WHERE rv <= ?1 AND rv < (SELECT MAX(rv) FROM events)");
        Check(raw.sqlite3_bind_int64(stmt, 1, rv));
        Run(stmt);
    }

    /// <summary>Starts a PASSIVE WAL checkpoint on a separate connection unless one is running; writers are not blocked.</summary>
    public void CheckpointInBackground()
    {
        if (Interlocked.Exchange(ref _checkpointing, 1) != 0)
        {
            return;
        }

        _ = Task.Run(() =>
        {
            try
            {
                using var db = Open(_path);
                Exec(db, "PRAGMA busy_timeout=5000; PRAGMA wal_checkpoint(PASSIVE);");
            }
            catch (SqliteJournalException)
            {
                // A busy or closed database: the next checkpoint catches up.
            }
            finally
            {
                Volatile.Write(ref _checkpointing, 0);
            }
        });
    }

    public void Dispose()
    {
        _begin.Dispose();
        _commit.Dispose();
        _rollback.Dispose();
        _upsert.Dispose();
        _delete.Dispose();
        _event.Dispose();
        _db.Dispose();
    }

    private static sqlite3 Open(string path)
    {
        var rc = raw.sqlite3_open_v2(path, out var db, raw.SQLITE_OPEN_READWRITE | raw.SQLITE_OPEN_CREATE | raw.SQLITE_OPEN_FULLMUTEX, null);
        if (rc != raw.SQLITE_OK)
        {
            var message = db is null ? raw.sqlite3_errstr(rc).utf8_to_string() : raw.sqlite3_errmsg(db).utf8_to_string();
            db?.Dispose();
            throw new SqliteJournalException($"cannot open the state database {path}: {message}");
        }

        return db;
    }

    private static void Exec(sqlite3 db, string sql)
    {
        if (raw.sqlite3_exec(db, sql, null, null, out var error) != raw.SQLITE_OK)
        {
            throw new SqliteJournalException($"state database: {error ?? raw.sqlite3_errmsg(db).utf8_to_string()}");
        }
    }

    private static string Text(sqlite3_stmt stmt, int column) => raw.sqlite3_column_text(stmt, column).utf8_to_string();

    private sqlite3_stmt Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(_db, sql, out var stmt));
        return stmt;
    }

    private long ScalarLong(string sql)
    {
        using var stmt = Prepare(sql);
        return Step(stmt) ? raw.sqlite3_column_int64(stmt, 0) : 0;
    }

    /// <summary>Advances a query: true with a row to read, false when done.</summary>
    private bool Step(sqlite3_stmt stmt)
    {
        var rc = raw.sqlite3_step(stmt);
        return rc switch
        {
            raw.SQLITE_ROW => true,
            raw.SQLITE_DONE => false,
            _ => throw Error(rc),
        };
    }

    /// <summary>Runs a statement to completion and makes it reusable (bindings cleared).</summary>
    private void Run(sqlite3_stmt stmt)
    {
        try
        {
            while (Step(stmt))
            {
            }
        }
        finally
        {
            raw.sqlite3_reset(stmt);
            raw.sqlite3_clear_bindings(stmt);
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw Error(rc);
        }
    }

    private SqliteJournalException Error(int rc) =>
        new($"state database error {rc}: {raw.sqlite3_errmsg(_db).utf8_to_string()}");
}
