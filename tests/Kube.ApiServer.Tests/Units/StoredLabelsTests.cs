using System.Text;
using Kube.ApiServer.Selectors;
using Kube.ApiServer.Storage;

namespace Kube.ApiServer.Tests.Units;

public class StoredLabelsTests
{
    private static StoredObject Stored(string labelsJson) =>
        StoredObject.FromJson("ns", "o", 1, Encoding.UTF8.GetBytes($$$"""{"metadata":{"name":"o","uid":"u1","labels":{{{labelsJson}}}}}"""));

    [Fact]
    public void Stored_labels_read_like_a_dictionary_and_match_selectors()
    {
        var o = Stored("""{"app":"web","tier":"front","env":""}""");

        Assert.Equal(3, o.Labels.Count);
        Assert.Equal("front", o.Labels["tier"]);
        Assert.True(o.Labels.TryGetValue("env", out var env) && env.Length == 0);
        Assert.False(o.Labels.ContainsKey("missing"));
        Assert.Equal(["app", "tier", "env"], o.Labels.Keys);
        Assert.True(LabelSelector.Parse("app=web,tier in (front),!missing").Matches(o.Labels));
        Assert.False(LabelSelector.Parse("app=db").Matches(o.Labels));
    }

    [Fact]
    public void A_repeated_label_key_keeps_the_last_value_like_a_json_object()
    {
        var o = Stored("""{"app":"one","app":"two"}""");

        Assert.Equal("two", Assert.Single(o.Labels).Value);
    }

    [Fact]
    public void Objects_with_equal_labels_and_namespace_share_the_string_instances()
    {
        var a = Stored("""{"app":"bench"}""");
        var b = Stored("""{"app":"bench"}""");

        Assert.Same(a.Labels.Keys.Single(), b.Labels.Keys.Single());
        Assert.Same(a.Labels["app"], b.Labels["app"]);
        Assert.Same(a.Namespace, StoredObject.FromJson(new string("ns".AsSpan()), "p", 2, Encoding.UTF8.GetBytes("{}")).Namespace);
    }

    [Fact]
    public void Objects_without_labels_or_owners_have_empty_ones()
    {
        var o = StoredObject.FromJson("ns", "o", 1, Encoding.UTF8.GetBytes("""{"metadata":{"name":"o"}}"""));

        Assert.Empty(o.Labels);
        Assert.Empty(o.OwnerUids);
    }
}
