namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>
/// sprig's template functions as ESO exposes them (ESO's vendored sprig 3.3: <c>env</c>,
/// <c>expandenv</c> and <c>getHostByName</c> removed, <c>hexdec</c> added). Every function follows
/// sprig's Go signature so the engine type-checks arguments as Go does.
/// </summary>
public static class SprigFunctions
{
    /// <summary>Adds every sprig function to <paramref name="map"/> (replacing same-named ones).</summary>
    public static FuncMap AddTo(FuncMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        SprigStrings.Register(map);
        SprigLists.Register(map);
        SprigDicts.Register(map);
        SprigDefaults.Register(map);
        SprigReflection.Register(map);
        SprigMath.Register(map);
        SprigEncoding.Register(map);
        SprigPaths.Register(map);
        SprigRandom.Register(map);
        SprigRegex.Register(map);
        SprigDates.Register(map);
        SprigSemver.Register(map);
        SprigUrls.Register(map);
        SprigCrypto.Register(map);
        map.Add(GoFunction.Fixed("fail", Values.GoType.String, [Values.GoType.String], static (_, a) => GoResult.Fail(((Values.GoString)a[0]!).ToUtf8String()), returnsError: true));
        return map;
    }

    /// <summary>A new map with just the sprig functions.</summary>
    public static FuncMap CreateFuncMap() => AddTo(new FuncMap());
}
