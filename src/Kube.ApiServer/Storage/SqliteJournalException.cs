namespace Kube.ApiServer.Storage;

/// <summary>A failed SQLite call of the state journal (the message carries SQLite's own error text).</summary>
public sealed class SqliteJournalException : IOException
{
    public SqliteJournalException()
    {
    }

    public SqliteJournalException(string message)
        : base(message)
    {
    }

    public SqliteJournalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
