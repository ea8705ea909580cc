using Kube.ApiServer.Resources;

namespace Kube.ApiServer.Tests.Units;

public class NameSyntaxTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("my-secret-1", true)]
    [InlineData("0abc", true)]
    [InlineData("", false)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("My", false)]
    [InlineData("a.b", false)]
    [InlineData("a_b", false)]
    [InlineData("abc\n", false)]
    public void Dns_labels_are_lowercase_alphanumerics_and_inner_dashes(string s, bool valid) =>
        Assert.Equal(valid, NameSyntax.IsDnsLabelShape(s));

    [Theory]
    [InlineData("example.com", true)]
    [InlineData("a", true)]
    [InlineData("a-b.c-d.e", true)]
    [InlineData("a..b", false)]
    [InlineData(".a", false)]
    [InlineData("a.", false)]
    [InlineData("a.-b", false)]
    [InlineData("A.b", false)]
    public void Dns_subdomains_are_labels_joined_by_single_dots(string s, bool valid) =>
        Assert.Equal(valid, NameSyntax.IsDnsSubdomainShape(s));

    [Theory]
    [InlineData("bench", true)]
    [InlineData("Web_1.x-Y", true)]
    [InlineData("a", true)]
    [InlineData("_a", false)]
    [InlineData("a.", false)]
    [InlineData("a b", false)]
    [InlineData("a/b", false)]
    [InlineData("", false)]
    public void Label_values_start_and_end_alphanumeric_with_dash_underscore_dot_inside(string s, bool valid) =>
        Assert.Equal(valid, NameSyntax.IsLabelValueShape(s));

    [Theory]
    [InlineData("password", true)]
    [InlineData(".dockerconfigjson", true)]
    [InlineData("tls.crt", true)]
    [InlineData("-_.", true)]
    [InlineData("", false)]
    [InlineData("a/b", false)]
    [InlineData("a b", false)]
    public void Config_keys_are_alphanumerics_dash_underscore_and_dot(string s, bool valid) =>
        Assert.Equal(valid, NameSyntax.IsConfigKey(s));
}
