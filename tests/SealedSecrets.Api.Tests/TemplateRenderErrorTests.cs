using System.Text;
using SealedSecrets.Api.Templating;

namespace SealedSecrets.Api.Tests;

/// <summary>Render errors reach status conditions, Events and logs: they must never carry a data value.</summary>
public sealed class TemplateRenderErrorTests
{
    [Fact]
    public void A_failing_template_names_the_key_and_the_whole_exception_chain_holds_no_value()
    {
        var values = new Dictionary<string, byte[]> { ["password"] = Encoding.UTF8.GetBytes("hunter2-secret") };

        var ex = Assert.Throws<SealedSecretException>(() => GoTemplateRenderer.Instance.Render("dsn", "{{ fail .password }}", values));

        Assert.Contains("template.data[dsn]", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", ex.ToString(), StringComparison.Ordinal);
    }
}
