using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ApiServer.Bench;

/// <summary>Runs the benchmark scenarios of issue 3 against a freshly started <c>sigil apiserver</c>.</summary>
internal static class ScenarioRunner
{
    private const int Total = 10_000;
    private const int Sequential = 2_000;
    private const int Clients = 8;

    public static async Task<string> RunAsync(string[] args, CancellationToken ct)
    {
        var dir = Path.Combine(Path.GetTempPath(), "sigil-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var port = FreePort();
        var inMemory = args.Contains("--in-memory");
        var sigil = args.FirstOrDefault(a => a.EndsWith(".dll", StringComparison.Ordinal)) ?? SigilDll();
        using var server = StartServer(sigil, dir, port, inMemory);
        try
        {
            await WaitForKubeconfigAsync(dir, ct);
            var (token, ca) = ReadCredentials(dir);
            var baseUri = new Uri($"https://127.0.0.1:{port}");
            using var client = NewClient(baseUri, token, ca);
            await WaitHealthyAsync(client, ct);
            await CreateNamespaceAsync(client, "bench", ct);
            await CreateNamespaceAsync(client, "fan", ct);

            var rows = new List<(string, string)>();

            var sw = Stopwatch.StartNew();
            for (var i = 0; i < Sequential; i++)
            {
                await CreateSecretAsync(client, "bench", $"seq-{i}", ct);
            }

            sw.Stop();
            rows.Add(($"sequential creates/s (1 client, HTTPS, {(inMemory ? "in-memory" : "durable SQLite")})", Rate(Sequential, sw.Elapsed)));

            var clients = Enumerable.Range(0, Clients).Select(_ => NewClient(baseUri, token, ca)).ToList();
            var perClient = (Total - Sequential) / Clients;
            sw.Restart();
            await Task.WhenAll(clients.Select((c, n) => Task.Run(async () =>
            {
                for (var i = 0; i < perClient; i++)
                {
                    await CreateSecretAsync(c, "bench", $"c{n}-{i}", ct);
                }
            }, ct)));
            sw.Stop();
            rows.Add(($"concurrent creates/s ({Clients} clients)", Rate(perClient * Clients, sw.Elapsed)));

            var listTimes = new List<double>();
            var count = 0;
            for (var i = 0; i < 5; i++)
            {
                sw.Restart();
                var body = await client.GetByteArrayAsync(new Uri("/api/v1/namespaces/bench/secrets", UriKind.Relative), ct);
                sw.Stop();
                listTimes.Add(sw.Elapsed.TotalMilliseconds);
                count = CountItems(body);
            }

            rows.Add(($"list of {count} Secrets (median of 5)", $"{Median(listTimes):0} ms"));
            rows.Add(($"server RSS with {count} Secrets (VmRSS / RssAnon)", $"{RssMb(server.Id, "VmRSS:"):0} MB / {RssMb(server.Id, "RssAnon:"):0} MB"));

            var (events, elapsed) = await WatchFanOutAsync(clients, client, ct);
            rows.Add(("watch fan-out: 10 watchers x 1,000 creates, events delivered/s", Rate(events, elapsed)));
            rows.Add(("watch fan-out: time until all 10 saw all 1,000", $"{elapsed.TotalMilliseconds:0} ms"));

            foreach (var c in clients)
            {
                c.Dispose();
            }

            var sb = new StringBuilder();
            sb.AppendLine(CultureInfo.InvariantCulture, $"| scenario | result |");
            sb.AppendLine("|---|---|");
            foreach (var (name, value) in rows)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {value} |");
            }

            sb.AppendLine(CultureInfo.InvariantCulture, $"\n({Environment.ProcessorCount} cores, {RuntimeInfo()})");
            return sb.ToString();
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(CancellationToken.None);
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(int Events, TimeSpan Elapsed)> WatchFanOutAsync(List<HttpClient> clients, HttpClient writer, CancellationToken ct)
    {
        const int watchers = 10;
        const int writes = 1_000;
        var rvBody = await writer.GetStringAsync(new Uri("/api/v1/namespaces/fan/secrets", UriKind.Relative), ct);
        var rv = Between(rvBody, "\"resourceVersion\":\"", "\"");
        var received = new int[watchers];
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var tasks = Enumerable.Range(0, watchers).Select(w => Task.Run(async () =>
        {
            var c = clients[w % clients.Count];
            using var response = await c.GetAsync(new Uri($"/api/v1/namespaces/fan/secrets?watch=true&resourceVersion={rv}", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cts.Token);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));
            while (await reader.ReadLineAsync(cts.Token) is { } line)
            {
                if (line.Contains("\"ADDED\"", StringComparison.Ordinal) && Interlocked.Increment(ref received[w]) == writes)
                {
                    return;
                }
            }
        }, cts.Token)).ToList();

        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(n => Task.Run(async () =>
        {
            for (var i = n; i < writes; i += Clients)
            {
                await CreateSecretAsync(clients[n], "fan", $"f-{i}", ct);
            }
        }, ct)));
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromMinutes(2), ct);
        sw.Stop();
        await cts.CancelAsync();
        return (received.Sum(), sw.Elapsed);
    }

    private static async Task CreateSecretAsync(HttpClient client, string ns, string name, CancellationToken ct)
    {
        var json = $"{{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{{\"name\":\"{name}\",\"labels\":{{\"app\":\"bench\"}}}},\"type\":\"Opaque\",\"data\":{{\"password\":\"c2VjcmV0LXZhbHVlLWZvci1iZW5jaG1hcmtpbmctMTIzNDU2\",\"username\":\"YWRtaW4=\"}}}}";
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri($"/api/v1/namespaces/{ns}/secrets", UriKind.Relative), content, ct);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"create {ns}/{name} answered {(int)response.StatusCode}");
        }
    }

    private static async Task CreateNamespaceAsync(HttpClient client, string name, CancellationToken ct)
    {
        using var content = new StringContent($"{{\"metadata\":{{\"name\":\"{name}\"}}}}", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/api/v1/namespaces", UriKind.Relative), content, ct);
        response.EnsureSuccessStatusCode();
    }

    private static HttpClient NewClient(Uri baseUri, string token, X509Certificate2 ca)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, cert, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return cert is not null && chain.Build(new X509Certificate2(cert));
                },
            },
        };
        var client = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static (string Token, X509Certificate2 Ca) ReadCredentials(string dir) =>
        (File.ReadAllText(Path.Combine(dir, "token")).Trim(), X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(dir, "ca.crt"))));

    private static async Task WaitForKubeconfigAsync(string dir, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        while (!File.Exists(Path.Combine(dir, "kubeconfig")))
        {
            if (sw.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("sigil apiserver did not start within 60 s");
            }

            await Task.Delay(50, ct);
        }
    }

    private static async Task WaitHealthyAsync(HttpClient client, CancellationToken ct)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                if ((await client.GetAsync(new Uri("/readyz", UriKind.Relative), ct)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(50, ct);
        }

        throw new TimeoutException("sigil apiserver is not ready");
    }

    private static Process StartServer(string sigilDll, string dir, int port, bool inMemory)
    {
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { sigilDll, "apiserver", "--data-dir", dir, "--port", port.ToString(CultureInfo.InvariantCulture) })
        {
            psi.ArgumentList.Add(a);
        }

        if (inMemory)
        {
            psi.ArgumentList.Add("--in-memory");
        }

        psi.Environment["DOTNET_gcServer"] = "0";
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private static string SigilDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sigil.slnx")))
        {
            dir = dir.Parent;
        }

        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(dir!.FullName, "src", "Sigil", "bin", configuration, "net10.0", "sigil.dll");
    }

    private static double RssMb(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        return double.NaN;
    }

    private static int CountItems(byte[] listBody)
    {
        var text = Encoding.UTF8.GetString(listBody);
        var count = 0;
        for (var i = text.IndexOf("\"kind\":\"Secret\"", StringComparison.Ordinal); i >= 0; i = text.IndexOf("\"kind\":\"Secret\"", i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string Between(string s, string start, string end)
    {
        var i = s.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return s[i..s.IndexOf(end, i, StringComparison.Ordinal)];
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    private static string Rate(int n, TimeSpan t) => $"{n / t.TotalSeconds:0}";

    private static string RuntimeInfo() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
