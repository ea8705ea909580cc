using System.Diagnostics;
using System.Text;
using Kube.ApiServer.Storage;

namespace Kube.ApiServer.Tests.Units;

public class ObjectStoreTests
{
    private static byte[] Obj(string name, string uid = "u") =>
        Encoding.UTF8.GetBytes($$$"""{"metadata":{"name":"{{{name}}}","namespace":"ns","uid":"{{{uid}}}-{{{name}}}"}}""");

    [Fact]
    public void A_watcher_that_never_reads_is_closed_instead_of_stalling_writers()
    {
        using var store = new ObjectStore(null, 100);
        using var slow = store.Subscribe("/secrets", null, store.Revision, out _, out _)!;
        var sw = Stopwatch.StartNew();
        for (var i = 0; i <= Subscription.Capacity; i++)
        {
            store.Put("/secrets", "ns", $"s{i}", Obj($"s{i}"));
        }

        Assert.True(slow.Overflowed);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(30));
        var drained = 0;
        while (slow.Reader.TryRead(out _))
        {
            drained++;
        }

        Assert.Equal(Subscription.Capacity, drained);
        Assert.True(slow.Reader.Completion.IsCompleted);
    }

    [Fact]
    public void Resume_replays_exactly_the_changes_after_the_revision_and_older_ones_are_expired()
    {
        using var store = new ObjectStore(null, 16);
        for (var i = 0; i < 40; i++)
        {
            store.Put("/configmaps", "ns", $"c{i % 5}", Obj($"c{i % 5}"));
        }

        var from = store.Revision - 10;
        using var sub = store.Subscribe("/configmaps", null, from, out var replay, out _)!;
        Assert.Equal(Enumerable.Range(1, 10).Select(i => from + i), replay.Select(e => e.Rv));
        Assert.Null(store.Subscribe("/configmaps", null, store.Revision - 30, out _, out _));
    }

    [Fact]
    public void Revisions_survive_a_reopen_and_deletions_keep_the_counter_monotonic()
    {
        var path = Path.Combine(Path.GetTempPath(), $"store-{Guid.NewGuid():N}.db");
        try
        {
            long last;
            using (var store = new ObjectStore(path, 100))
            {
                store.Put("/secrets", "ns", "a", Obj("a"));
                store.Put("/secrets", "ns", "b", Obj("b"));
                store.Delete("/secrets", "ns", "b", Obj("b"));
                last = store.Revision;
            }

            using var reopened = new ObjectStore(path, 100);
            Assert.Equal(last, reopened.Revision);
            Assert.NotNull(reopened.Get("/secrets", "ns", "a"));
            Assert.Null(reopened.Get("/secrets", "ns", "b"));
            using var resumed = reopened.Subscribe("/secrets", null, last - 2, out var replay, out _)!;
            Assert.Equal([WatchEventType.Added, WatchEventType.Deleted], replay.Select(e => e.Type));
        }
        finally
        {
            foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*"))
            {
                File.Delete(f);
            }
        }
    }
}
