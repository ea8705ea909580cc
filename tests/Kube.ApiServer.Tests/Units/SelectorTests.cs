using Kube.ApiServer.Http;
using Kube.ApiServer.Selectors;

namespace Kube.ApiServer.Tests.Units;

public class SelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "front", ["env"] = "" };

    [Theory]
    [InlineData("", true)]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app!=web", false)]
    [InlineData("app=db", false)]
    [InlineData("app in (db,web)", true)]
    [InlineData("app notin (db,web)", false)]
    [InlineData("missing notin (x)", true)]
    [InlineData("missing!=x", true)]
    [InlineData("tier", true)]
    [InlineData("!tier", false)]
    [InlineData("!missing", true)]
    [InlineData("app=web,tier=front", true)]
    [InlineData("app=web,tier=back", false)]
    [InlineData("env=", true)]
    [InlineData("app in (web), tier in (front,back)", true)]
    public void Label_selectors_follow_the_apimachinery_grammar(string selector, bool matches) =>
        Assert.Equal(matches, LabelSelector.Parse(selector).Matches(Labels));

    [Theory]
    [InlineData("app in web")]
    [InlineData("a b=c")]
    [InlineData("app=web,")]
    public void Malformed_label_selectors_are_400(string selector)
    {
        var e = Assert.Throws<ApiException>(() => LabelSelector.Parse(selector));
        Assert.Equal(400, e.Code);
    }

    [Theory]
    [InlineData("metadata.name=x", true)]
    [InlineData("metadata.name!=x", false)]
    [InlineData("metadata.namespace==ns", true)]
    [InlineData("type=Opaque", true)]
    [InlineData("type=kubernetes.io/tls", false)]
    [InlineData("metadata.name=x,type=Opaque", true)]
    public void Field_selectors_read_metadata_and_per_kind_fields(string selector, bool matches)
    {
        var json = """{"metadata":{"name":"x","namespace":"ns"},"type":"Opaque"}"""u8.ToArray();
        Assert.Equal(matches, FieldSelector.Parse(selector, "Secret").Matches(json));
    }

    [Fact]
    public void Unsupported_field_labels_are_rejected_like_upstream()
    {
        var e = Assert.Throws<ApiException>(() => FieldSelector.Parse("data.password=x", "Secret"));
        Assert.Equal(400, e.Code);
        Assert.Equal("field label not supported: data.password", e.Message);
    }

    [Fact]
    public void Event_involvedObject_fields_are_selectable_as_kubectl_describe_uses_them()
    {
        var json = """{"metadata":{"name":"e"},"involvedObject":{"kind":"Widget","name":"w","namespace":"default","uid":"u1"}}"""u8.ToArray();
        var selector = FieldSelector.Parse("involvedObject.namespace=default,involvedObject.kind=Widget,involvedObject.uid=u1,involvedObject.name=w", "Event");
        Assert.True(selector.Matches(json));
    }
}
