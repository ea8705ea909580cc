using Microsoft.Data.Sqlite;

namespace Kube.ApiServer.Storage;

/// <summary>
/// Durable state in SQLite: <c>objects</c> (current state) and <c>events</c> (bounded change log,
/// rowid = revision = resourceVersion). One transaction per write; WAL with synchronous=NORMAL
/// keeps every committed transaction across a process kill (only an OS crash could lose the WAL
/// tail, which is acceptable for a dev/test server). Access is serialized by <see cref="ObjectStore"/>.
/// </summary>
internal sealed class SqliteJournal : IDisposable
{
    private readonly SqliteConnection _db;
    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _event;
    private readonly string _path;
    private int _checkpointing;

    public SqliteJournal(string path)
    {
        _path = path;
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _db.Open();
        Exec("PRAGMA journal_mode=WAL;");
        Exec("PRAGMA synchronous=NORMAL;");
        Exec("PRAGMA busy_timeout=30000;");
        // Reads are served from memory (ObjectStore), so SQLite's page cache only helps the write path
        // find its B-tree pages; 512 KB instead of the 2 MB default holds those (the OS page cache has
        // the rest) and keeps ~1.5 MB of malloc'd memory out of the server's RSS (docs/apiserver.md, "Memory").
        Exec("PRAGMA cache_size=-512;");
        // Checkpoints (the only fsyncs in WAL/NORMAL mode) run on a background connection, not in the write path.
        Exec("PRAGMA wal_autocheckpoint=0;");
        Exec("""
            CREATE TABLE IF NOT EXISTS objects(
              resource TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
              rv INTEGER NOT NULL, json BLOB NOT NULL,
              PRIMARY KEY(resource, namespace, name)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS events(
              rv INTEGER PRIMARY KEY, resource TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
              type INTEGER NOT NULL, json BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            """);
        _upsert = Prepare("INSERT INTO objects(resource, namespace, name, rv, json) VALUES($r, $n, $m, $v, $j) " +
                          "ON CONFLICT(resource, namespace, name) DO UPDATE SET rv = excluded.rv, json = excluded.json", "$r", "$n", "$m", "$v", "$j");
        _delete = Prepare("DELETE FROM objects WHERE resource = $r AND namespace = $n AND name = $m", "$r", "$n", "$m");
        _event = Prepare("INSERT INTO events(rv, resource, namespace, name, type, json) VALUES($v, $r, $n, $m, $t, $j)", "$v", "$r", "$n", "$m", "$t", "$j");
    }

    public long MaxRevision()
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(MAX(rv), 0) FROM events";
        var fromEvents = (long)cmd.ExecuteScalar()!;
        cmd.CommandText = "SELECT COALESCE(MAX(rv), 0) FROM objects";
        var fromObjects = (long)cmd.ExecuteScalar()!;
        return Math.Max(fromEvents, fromObjects);
    }

    public IEnumerable<(string Resource, string Namespace, string Name, long Rv, byte[] Json)> LoadObjects()
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT resource, namespace, name, rv, json FROM objects";
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            yield return (r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), (byte[])r.GetValue(4));
        }
    }

    public IEnumerable<(long Rv, string Resource, string Namespace, string Name, WatchEventType Type, byte[] Json)> LoadEvents(int limit)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT rv, resource, namespace, name, type, json FROM (SELECT * FROM events ORDER BY rv DESC LIMIT $l) ORDER BY rv";
        cmd.Parameters.AddWithValue("$l", limit);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            yield return (r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), (WatchEventType)r.GetInt32(4), (byte[])r.GetValue(5));
        }
    }

    public string? GetMeta(string key)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "SELECT value FROM meta WHERE key = $k";
        cmd.Parameters.AddWithValue("$k", key);
        return cmd.ExecuteScalar() as string;
    }

    public void SetMeta(string key, string value)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "INSERT INTO meta(key, value) VALUES($k, $v) ON CONFLICT(key) DO UPDATE SET value = excluded.value";
        cmd.Parameters.AddWithValue("$k", key);
        cmd.Parameters.AddWithValue("$v", value);
        cmd.ExecuteNonQuery();
    }

    public void Write(long rv, string resource, string ns, string name, WatchEventType type, byte[] json)
    {
        using var tx = _db.BeginTransaction();
        var obj = type == WatchEventType.Deleted ? _delete : _upsert;
        obj.Transaction = tx;
        obj.Parameters["$r"].Value = resource;
        obj.Parameters["$n"].Value = ns;
        obj.Parameters["$m"].Value = name;
        if (type != WatchEventType.Deleted)
        {
            obj.Parameters["$v"].Value = rv;
            obj.Parameters["$j"].Value = json;
        }

        obj.ExecuteNonQuery();
        _event.Transaction = tx;
        _event.Parameters["$v"].Value = rv;
        _event.Parameters["$r"].Value = resource;
        _event.Parameters["$n"].Value = ns;
        _event.Parameters["$m"].Value = name;
        _event.Parameters["$t"].Value = (int)type;
        _event.Parameters["$j"].Value = json;
        _event.ExecuteNonQuery();
        tx.Commit();
    }

    /// <summary>Drops change-log rows at or below <paramref name="rv"/> (the newest always stays: it carries the revision).</summary>
    public void Compact(long rv)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = "DELETE FROM events WHERE rv <= $v AND rv < (SELECT MAX(rv) FROM events)";
        cmd.Parameters.AddWithValue("$v", rv);
        cmd.ExecuteNonQuery();
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
                using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
                db.Open();
                using var cmd = db.CreateCommand();
                cmd.CommandText = "PRAGMA busy_timeout=5000; PRAGMA wal_checkpoint(PASSIVE);";
                cmd.ExecuteNonQuery();
            }
            catch (SqliteException)
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
        _upsert.Dispose();
        _delete.Dispose();
        _event.Dispose();
        _db.Dispose();
    }

    private void Exec(string sql)
    {
        using var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql, params string[] names)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        foreach (var n in names)
        {
            cmd.Parameters.Add(new SqliteParameter(n, null));
        }

        return cmd;
    }
}
