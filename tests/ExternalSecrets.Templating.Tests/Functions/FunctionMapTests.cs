using ExternalSecrets.Templating.Functions.Eso;
using ExternalSecrets.Templating.Functions.Sprig;
using Microsoft.Extensions.Time.Testing;

namespace ExternalSecrets.Templating.Tests.Functions;

/// <summary>The composition of ESO's function map and the safety properties of the library.</summary>
public sealed class FunctionMapTests
{
    // ESO's vendored sprig map (runtime/template/v2/sprig/functions.go) without env/expandenv/getHostByName, plus hexdec.
    private const string SprigNames =
        "hello ago date date_in_zone date_modify dateInZone dateModify duration durationRound htmlDate htmlDateInZone must_date_modify mustDateModify mustToDate now toDate unixEpoch " +
        "abbrev abbrevboth trunc trim upper lower title untitle substr repeat trimall trimAll trimSuffix trimPrefix nospace initials randAlphaNum randAlpha randAscii randNumeric swapcase shuffle snakecase camelcase kebabcase wrap wrapWith contains hasPrefix hasSuffix quote squote cat indent nindent replace plural sha1sum sha256sum sha512sum adler32sum toString " +
        "atoi int64 int float64 seq toDecimal split splitList splitn toStrings until untilStep add1 add sub div mod mul randInt add1f addf subf divf mulf biggest max min maxf minf ceil floor round join sortAlpha " +
        "default empty coalesce all any compact mustCompact fromJson toJson toPrettyJson toRawJson mustFromJson mustToJson mustToPrettyJson mustToRawJson ternary deepCopy mustDeepCopy " +
        "typeOf typeIs typeIsLike kindOf kindIs deepEqual base dir clean ext isAbs osBase osClean osDir osExt osIsAbs b64enc b64dec b32enc b32dec hexdec " +
        "tuple list dict get set unset hasKey pluck keys pick omit merge mergeOverwrite mustMerge mustMergeOverwrite values append push mustAppend mustPush prepend mustPrepend first mustFirst rest mustRest last mustLast initial mustInitial reverse mustReverse uniq mustUniq without mustWithout has mustHas slice mustSlice concat dig chunk mustChunk " +
        "bcrypt htpasswd genPrivateKey derivePassword buildCustomCert genCA genCAWithKey genSelfSignedCert genSelfSignedCertWithKey genSignedCert genSignedCertWithKey encryptAES decryptAES randBytes uuidv4 semver semverCompare fail " +
        "regexMatch mustRegexMatch regexFindAll mustRegexFindAll regexFind mustRegexFind regexReplaceAll mustRegexReplaceAll regexReplaceAllLiteral mustRegexReplaceAllLiteral regexSplit mustRegexSplit regexQuoteMeta urlParse urlJoin";

    private const string EsoNames =
        "pkcs12key pkcs12keyPass pkcs12cert pkcs12certPass pemToPkcs12 pemToPkcs12Pass fullPemToPkcs12 fullPemToPkcs12Pass pemTruststoreToPKCS12 pemTruststoreToPKCS12Pass filterPEM filterCertChain certSANs jwkPublicKeyPem jwkPrivateKeyPem toYaml fromYaml rsaDecrypt";

    [Fact]
    public void Esoʼs_map_has_exactly_the_vendored_sprig_names_plus_esoʼs_own()
    {
        var map = EsoFunctions.CreateFuncMap();
        var expected = SprigNames.Split(' ').Concat(EsoNames.Split(' ')).ToHashSet(StringComparer.Ordinal);
        var actual = map.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(expected.Except(actual));
        Assert.Empty(actual.Except(expected));
        Assert.Equal(209 + 18, actual.Count);
    }

    [Theory]
    [InlineData("env")]
    [InlineData("expandenv")]
    [InlineData("getHostByName")]
    [InlineData("getSecretKey")]
    public void Functions_that_read_the_environment_network_or_cluster_are_not_defined(string name)
    {
        var error = Render.Error("{{ " + name + " \"x\" }}");
        Assert.Contains("function \"" + name + "\" not defined", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Now_and_date_functions_use_the_injected_clock()
    {
        Assert.Equal("2024-03-15T12:34:56Z", Render.Text("{{ now | date \"2006-01-02T15:04:05Z07:00\" }}"));
        Assert.Equal("2024-03-15", Render.Text("{{ htmlDate \"not a time\" }}"));
        var clock = new FakeTimeProvider(Render.FixedNow);
        Assert.Equal("1h0m0s", Render.Text("{{ ago (dateModify \"-1h\" now) }}", time: clock));
        Assert.Equal("1710506096", Render.Text("{{ now | unixEpoch }}"));
        Assert.Equal("2024-03-15 12:34:56.789 +0000 UTC", Render.Text("{{ now }}"));
    }

    [Fact]
    public void Repeat_that_would_exceed_the_output_limit_fails_before_allocating()
    {
        var options = new TemplateOptions
        {
            Funcs = EsoFunctions.CreateFuncMap(),
            Limits = TemplateLimits.Default with { MaxOutputBytes = 1 << 20 },
        };
        var t = GoTemplate.Parse("t", "{{ repeat 100000000 \"abcdefgh\" }}", options);
        Assert.ThrowsAny<TemplateLimitException>(() => t.Execute(new Values.GoStringBuilder(), null));
    }

    [Theory]
    [InlineData("{{ replace \"\" (repeat 2000 \"y\") (repeat 2000 \"x\") }}")]
    [InlineData("{{ wrapWith 1 (repeat 2000 \"-\") (repeat 2000 \"a \") }}")]
    [InlineData("{{ indent 100000 (repeat 2000 \"\\n\") }}")]
    public void String_functions_that_multiply_their_input_fail_at_the_output_limit(string template)
    {
        var options = new TemplateOptions
        {
            Funcs = EsoFunctions.CreateFuncMap(),
            Limits = TemplateLimits.Default with { MaxOutputBytes = 1 << 20 },
        };
        Assert.ThrowsAny<TemplateLimitException>(() => GoTemplate.Parse("t", template, options).Execute(new Values.GoStringBuilder(), null));
    }

    [Fact]
    public void Until_and_seq_count_against_the_iteration_limit()
    {
        var options = new TemplateOptions
        {
            Funcs = EsoFunctions.CreateFuncMap(),
            Limits = TemplateLimits.Default with { MaxRangeIterations = 1000 },
        };
        Assert.ThrowsAny<TemplateLimitException>(() => GoTemplate.Parse("t", "{{ until 5000 | len }}", options).Execute(new Values.GoStringBuilder(), null));
        Assert.ThrowsAny<TemplateLimitException>(() => GoTemplate.Parse("t", "{{ seq 5000 | len }}", options).Execute(new Values.GoStringBuilder(), null));
    }

    [Fact]
    public void A_yaml_alias_bomb_stops_at_the_iteration_limit()
    {
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n" +
                   "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n";
        var options = new TemplateOptions
        {
            Funcs = EsoFunctions.CreateFuncMap(),
            Limits = TemplateLimits.Default with { MaxRangeIterations = 100_000 },
        };
        var t = GoTemplate.Parse("t", "{{ fromYaml .y | len }}", options);
        Assert.ThrowsAny<TemplateLimitException>(() => t.Execute(new Values.GoStringBuilder(), Values.GoValues.FromClr(new Dictionary<string, string> { ["y"] = bomb })));
    }

    [Fact]
    public void Regexes_run_on_the_linear_time_engine()
    {
        var re = GoRegexp.Compile("(a+)+$");
        Assert.True(re.Regex.Options.HasFlag(System.Text.RegularExpressions.RegexOptions.NonBacktracking));

        // A classic catastrophic-backtracking input finishes immediately.
        Assert.Equal("false", Render.Text("{{ regexMatch \"^(a+)+$\" \"" + new string('a', 5000) + "!\" }}"));
    }

    [Fact]
    public void Binary_secret_bytes_pass_through_base64_and_hashes_unchanged()
    {
        var bytes = new byte[] { 0x00, 0xFF, 0xFE, 0x80, 0x81, 0xC3 };
        var data = new Dictionary<string, byte[]> { ["bin"] = bytes };
        Assert.Equal(Convert.ToBase64String(bytes), Render.Text("{{ .bin | b64enc }}", data));
        Assert.Equal(bytes, Render.Bytes("{{ .bin | b64enc | b64dec }}", data).ToArray());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), Render.Text("{{ .bin | sha256sum }}", data));
    }

    [Fact]
    public void EncryptAES_output_decrypts_with_the_same_password()
    {
        var cipher = Render.Text("{{ encryptAES \"k1\" \"the secret\" }}");
        Assert.Equal("the secret", Render.Text("{{ decryptAES \"k1\" .c }}", new Dictionary<string, string> { ["c"] = cipher }));
        Assert.NotEqual(cipher, Render.Text("{{ encryptAES \"k1\" \"the secret\" }}"));
        Assert.Contains("error calling decryptAES: illegal base64 data at input byte 0", Render.Error("{{ decryptAES \"k\" \"!!\" }}"), StringComparison.Ordinal);
    }

    [Fact]
    public void Htpasswd_and_bcrypt_hashes_verify_with_bcrypt()
    {
        var line = Render.Text("{{ htpasswd \"admin\" \"pa55\" }}");
        Assert.StartsWith("admin:$2a$10$", line, StringComparison.Ordinal);
        Assert.True(BCrypt.Net.BCrypt.Verify("pa55", line["admin:".Length..]));
        Assert.Equal("invalid username: a:b", Render.Text("{{ htpasswd \"a:b\" \"x\" }}"));
    }

    [Fact]
    public void GenPrivateKey_dsa_produces_an_openssl_readable_key()
    {
        var options = new TemplateOptions
        {
            Funcs = EsoFunctions.CreateFuncMap(),
            Limits = TemplateLimits.Default with { MaxDuration = TimeSpan.FromMinutes(2) },
        };
        var output = new Values.GoStringBuilder();
        GoTemplate.Parse("t", "{{ genPrivateKey \"dsa\" }}", options).Execute(output, null);
        var pem = output.ToString();
        Assert.StartsWith("-----BEGIN DSA PRIVATE KEY-----\n", pem, StringComparison.Ordinal);
        var dir = Directory.CreateTempSubdirectory("sigil-dsa-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "k.pem"), pem);
            Assert.Contains("Private-Key: (2048 bit)", OpenSsl.Run(dir, "dsa", "-in", "k.pem", "-noout", "-text"), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
