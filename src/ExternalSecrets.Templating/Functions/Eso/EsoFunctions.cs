using ExternalSecrets.Templating.Functions.Sprig;

namespace ExternalSecrets.Templating.Functions.Eso;

/// <summary>
/// ESO's template function map (runtime/template/v2): its vendored sprig (without <c>env</c>,
/// <c>expandenv</c>, <c>getHostByName</c>) plus ESO's own PKCS#12, PEM, JWK, YAML and RSA helpers.
/// Pass <see cref="CreateFuncMap"/> as <see cref="TemplateOptions.Funcs"/>. <c>getSecretKey</c>
/// (removed upstream, GHSA-77v3-r3jw-j2v2) is deliberately absent.
/// </summary>
public static class EsoFunctions
{
    /// <summary>Adds ESO's own functions (not sprig) to <paramref name="map"/>.</summary>
    public static FuncMap AddTo(FuncMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        EsoPkcs12.Register(map);
        EsoPem.Register(map);
        EsoJwk.Register(map);
        EsoYaml.Register(map);
        EsoRsa.Register(map);
        return map;
    }

    /// <summary>The complete, engine-ready map ESO renders templates with (sprig first, ESO's functions on top).</summary>
    public static FuncMap CreateFuncMap() => AddTo(SprigFunctions.CreateFuncMap());
}
