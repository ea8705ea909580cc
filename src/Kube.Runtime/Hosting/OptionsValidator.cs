using Microsoft.Extensions.Options;

namespace Kube.Runtime.Hosting;

/// <summary>Adapts an options type's own Validate() (which throws with a clear message) to IValidateOptions.</summary>
internal sealed class OptionsValidator<TOptions>(Action<TOptions> validate) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        try
        {
            validate(options);
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
