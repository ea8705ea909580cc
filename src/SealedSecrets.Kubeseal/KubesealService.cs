using System.Text;
using SealedSecrets.Crypto;
using SealedSecrets.Kubeseal.Certificates;
using SealedSecrets.Kubeseal.Cli;
using SealedSecrets.Kubeseal.Kubeconfig;
using SealedSecrets.Kubeseal.Manifests;

namespace SealedSecrets.Kubeseal;

/// <summary>
/// kubeseal's behaviour on streams, in upstream's order of precedence (reference sealed-secrets.md
/// §2.1 <c>runCLI</c>): help, version, the <c>--from-file</c>/<c>--raw</c> check, then
/// <c>--recovery-unseal</c>, <c>--validate</c>, <c>--re-encrypt</c>, and finally the certificate for
/// <c>--fetch-cert</c>, <c>--merge-into</c>, <c>--raw</c> or a normal seal. Failures throw
/// <see cref="KubesealException"/>; output goes to <c>-w</c> (atomically) or the output stream only
/// when everything succeeded.
/// </summary>
public sealed partial class KubesealService(KubesealEnvironment environment, ICertificateSource certificates, IControllerClient controller)
{
    /// <summary>The version printed by <c>--version</c>: the upstream release this one follows.</summary>
    public const string Version = "0.40.0-sigil";

    private readonly CertificateLoader _certificateLoader = new(environment.Http, environment.Time);

    /// <summary>Runs one invocation.</summary>
    /// <param name="options">Parsed flags.</param>
    /// <param name="input">stdin: a Secret, a SealedSecret or raw bytes, depending on the mode.</param>
    /// <param name="output">stdout.</param>
    /// <param name="cancellationToken">Cancels network reads.</param>
    public async Task RunAsync(KubesealOptions options, Stream input, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        if (options.Help)
        {
            await WriteAsync(output, KubesealArgumentParser.Usage(), cancellationToken).ConfigureAwait(false);
            return;
        }
        if (options.Version)
        {
            await WriteAsync(output, $"kubeseal version: {Version}\n", cancellationToken).ConfigureAwait(false);
            return;
        }
        if (options.FromFile.Count > 0 && !options.Raw)
        {
            throw new KubesealException("--from-file requires --raw");
        }
        var format = OutputFormatFor(options);
        var result = await ProduceAsync(options, format, input, cancellationToken).ConfigureAwait(false);
        if (result is null)
        {
            return;
        }
        if (!string.IsNullOrEmpty(options.SealedSecretFile))
        {
            AtomicFile.Write(options.SealedSecretFile, result);
        }
        else
        {
            await output.WriteAsync(result, cancellationToken).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<byte[]?> ProduceAsync(KubesealOptions options, OutputFormat format, Stream input, CancellationToken cancellationToken)
    {
        if (options.RecoveryUnseal)
        {
            return Encoding.UTF8.GetBytes(RecoveryUnseal(options, format, await ReadInputAsync(options, input, cancellationToken).ConfigureAwait(false)));
        }
        if (options.Validate)
        {
            await ValidateAsync(options, await ReadInputAsync(options, input, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            return null;
        }
        if (options.ReEncrypt)
        {
            return await ReEncryptAsync(options, format, await ReadInputAsync(options, input, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }

        var certificate = string.IsNullOrEmpty(options.Cert)
            ? await Controller(() => certificates.FetchAsync(ControllerOf(options), cancellationToken)).ConfigureAwait(false)
            : await _certificateLoader.ReadAsync(options.Cert, cancellationToken).ConfigureAwait(false);
        if (options.FetchCert)
        {
            return certificate;
        }
        using var key = _certificateLoader.Parse(certificate);
        if (!string.IsNullOrEmpty(options.MergeInto))
        {
            MergeInto(options, key, await ReadInputAsync(options, input, cancellationToken).ConfigureAwait(false));
            return null;
        }
        if (options.Raw)
        {
            return Encoding.ASCII.GetBytes(await SealRawAsync(options, key, input, cancellationToken).ConfigureAwait(false));
        }
        return Encoding.UTF8.GetBytes(Seal(options, format, key, await ReadInputAsync(options, input, cancellationToken).ConfigureAwait(false)));
    }

    private static OutputFormat OutputFormatFor(KubesealOptions options)
    {
        var extension = Path.GetExtension(options.SealedSecretFile ?? string.Empty);
        if (extension is ".yaml" or ".yml")
        {
            return OutputFormat.Yaml;
        }
        return options.Format.ToUpperInvariant() switch
        {
            "JSON" => OutputFormat.Json,
            "YAML" => OutputFormat.Yaml,
            _ => throw new KubesealException($"unsupported output format: {options.Format}"),
        };
    }

    private static async Task<byte[]> ReadInputAsync(KubesealOptions options, Stream input, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(options.SecretFile))
        {
            try
            {
                return await File.ReadAllBytesAsync(options.SecretFile, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new KubesealException($"Could not read file specified with --secret-file: {options.SecretFile}", ex);
            }
        }
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private string DefaultNamespace(KubesealOptions options) =>
        KubeconfigNamespace.Resolve(options.Namespace, options.Kubeconfig, options.Context, environment.GetVariable, environment.HomeDirectory);

    private static ControllerReference ControllerOf(KubesealOptions options) =>
        new(options.ControllerNamespace, options.ControllerName, options.Kubeconfig, options.Context);

    private static async Task<T> Controller<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (InvalidOperationException ex)
        {
            throw new KubesealException(ex.Message, ex);
        }
    }

    private static async Task WriteAsync(Stream output, string text, CancellationToken cancellationToken)
    {
        await output.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
