using System.Security.Cryptography;
using System.Text;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SealedSecrets.Api;
using SealedSecrets.Controller.Keys;
using SealedSecrets.Controller.Options;
using SealedSecrets.Crypto;

namespace SealedSecrets.Controller.Tests;

public sealed class KeyRenewalTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly SealedSecretsControllerOptions _options = new() { KeySize = 2048, ControllerNamespace = "kube-system" };
    private readonly KeyRegistry _registry = new();
    private readonly InMemoryKeySecretStore _store;

    public KeyRenewalTests() => _store = new InMemoryKeySecretStore(_time);

    private KeyRenewal Renewal() => new(_store, _registry, _options, _time, NullLogger<KeyRenewal>.Instance);

    [Fact]
    public async Task The_first_start_makes_a_key_Secret_shaped_as_upstream()
    {
        await Renewal().InitializeAsync(CancellationToken.None);

        var secret = Assert.Single(_store.Secrets);
        Assert.Equal("kubernetes.io/tls", secret.Type);
        Assert.Equal("sealed-secrets-key", secret.Metadata.GenerateName);
        Assert.Equal("kube-system", secret.Metadata.NamespaceProperty);
        Assert.Equal("active", secret.Metadata.Labels["sealedsecrets.bitnami.com/sealed-secrets-key"]);
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", Encoding.ASCII.GetString(secret.Data["tls.key"]), StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", Encoding.ASCII.GetString(secret.Data["tls.crt"]), StringComparison.Ordinal);
        Assert.Equal(1, _registry.Count);
    }

    [Fact]
    public async Task A_restart_loads_the_existing_keys_and_makes_none()
    {
        await Renewal().InitializeAsync(CancellationToken.None);
        var registry = new KeyRegistry();
        await new KeyRenewal(_store, registry, _options, _time, NullLogger<KeyRenewal>.Instance).InitializeAsync(CancellationToken.None);

        Assert.Single(_store.Secrets);
        Assert.Equal(_registry.Latest!.Fingerprint, registry.Latest!.Fingerprint);
    }

    [Fact]
    public async Task Keys_made_within_one_second_are_ordered_alike_by_the_maker_and_by_a_replica_that_loads_them()
    {
        // NotBefore and creationTimestamp have one-second resolution; without the generated-at
        // annotation the tie was broken by fingerprint on a follower while the leader used its clock.
        var renewal = Renewal();
        await renewal.InitializeAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(300));
        var second = await renewal.GenerateAsync("test", CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(300));
        var third = await renewal.GenerateAsync("test", CancellationToken.None);

        var follower = new KeyRegistry();
        await new KeyRenewal(_store, follower, _options, _time, NullLogger<KeyRenewal>.Instance).LoadAsync(CancellationToken.None);

        Assert.Equal(third.Fingerprint, _registry.Latest!.Fingerprint);
        Assert.Equal(_registry.NewestFirst.Select(k => k.Fingerprint), follower.NewestFirst.Select(k => k.Fingerprint));
        Assert.Equal(second.Fingerprint, follower.NewestFirst[1].Fingerprint);
        Assert.All(_store.Secrets, s => Assert.True(s.Metadata.Annotations.ContainsKey(KeySecrets.GeneratedAtAnnotation)));
    }

    [Fact]
    public async Task A_key_older_than_the_cutoff_time_gets_a_successor_at_start()
    {
        await Renewal().InitializeAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(1));
        _options.KeyCutoffTime = _time.GetUtcNow().AddHours(-1);

        var registry = new KeyRegistry();
        await new KeyRenewal(_store, registry, _options, _time, NullLogger<KeyRenewal>.Instance).InitializeAsync(CancellationToken.None);

        Assert.Equal(2, _store.Secrets.Count);
        Assert.Equal(2, registry.Count);
    }

    [Fact]
    public async Task Relabelled_keys_are_ignored_and_the_legacy_named_key_is_loaded()
    {
        var pair = TestKeys.Pair(3);
        var legacy = KeySecrets.ToSecret(pair, _options);
        legacy.Metadata.Name = "sealed-secrets-key";
        legacy.Metadata.Labels = null;
        var compromised = KeySecrets.ToSecret(TestKeys.Pair(4), _options);
        compromised.Metadata.Name = "sealed-secrets-keyabcde";
        compromised.Metadata.Labels["sealedsecrets.bitnami.com/sealed-secrets-key"] = "compromised";
        _store.Secrets.AddRange([legacy, compromised]);

        await Renewal().LoadAsync(CancellationToken.None);

        Assert.Equal([pair.PrivateKey.Fingerprint], _registry.NewestFirst.Select(k => k.Fingerprint));
    }

    [Fact]
    public async Task On_a_fake_clock_a_new_key_seals_after_the_renew_period_and_old_values_still_open()
    {
        var renewal = Renewal();
        using var service = new KeyRenewalService(renewal, _options, new FakeLeadership(leading: true), _time, NullLogger<KeyRenewalService>.Instance);
        await service.StartAsync(CancellationToken.None);
        var first = _registry.Latest!;
        var label = ScopeLabel.For(SealingScope.Strict, "ns", "name");
        var oldValue = HybridEncryption.Encrypt(first.PrivateKey.PublicKey, "old"u8, label, RandomNumberGenerator.Create());

        _time.Advance(TimeSpan.FromDays(29));
        await Task.Yield();
        Assert.Equal(1, _registry.Count);

        // The service runs on a pool thread (.NET 10's BackgroundService) and may arm its next
        // one-minute check only after this Advance; the clock keeps moving a minute per poll, as
        // real time would, so that check always comes due.
        _time.Advance(TimeSpan.FromDays(1));
        var renewDue = _time.GetUtcNow();
        await Sigil.Testing.Eventually.UntilAsync(
            () =>
            {
                if (_registry.Count == 2)
                {
                    return true;
                }
                // At most two check intervals late: a renewal any later is a failure.
                if (_time.GetUtcNow() < renewDue.AddMinutes(2))
                {
                    _time.Advance(TimeSpan.FromMinutes(1));
                }
                return false;
            },
            "a second key after 30 days",
            TimeSpan.FromSeconds(30));

        var second = _registry.Latest!;
        Assert.NotEqual(first.Fingerprint, second.Fingerprint);
        Assert.Equal("old", Encoding.UTF8.GetString(HybridEncryption.Decrypt(_registry.NewestFirst.Select(k => k.PrivateKey), oldValue, label).Plaintext));
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_zero_renew_period_never_renews_but_an_explicit_request_does()
    {
        _options.KeyRenewPeriod = TimeSpan.Zero;
        using var service = new KeyRenewalService(Renewal(), _options, new FakeLeadership(leading: true), _time, NullLogger<KeyRenewalService>.Instance);
        await service.StartAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromDays(400));
        await Task.Yield();
        Assert.Equal(1, _registry.Count);

        service.RenewNow();
        await Sigil.Testing.Eventually.UntilAsync(() => _registry.Count == 2, "a key on request", TimeSpan.FromSeconds(30));
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task With_leader_election_a_follower_makes_no_key_and_ignores_renewal_requests_until_it_leads()
    {
        _options.LeaderElect = true;
        var leadership = new FakeLeadership();
        using var service = new KeyRenewalService(Renewal(), _options, leadership, _time, NullLogger<KeyRenewalService>.Instance);
        await service.StartAsync(CancellationToken.None);
        service.RenewNow();
        _time.Advance(TimeSpan.FromDays(31));
        await Task.Yield();
        Assert.Empty(_store.Secrets);
        Assert.Equal(0, _registry.Count);
        Assert.False(service.Initialized.IsCompleted);

        leadership.Lead();
        await service.Initialized.WaitAsync(TimeSpan.FromSeconds(30));
        var key = Assert.Single(_store.Secrets);
        Assert.Equal(key.Metadata.Name, _registry.Latest!.SecretName);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_replica_that_becomes_leader_uses_the_key_the_previous_leader_made_instead_of_making_another()
    {
        _options.LeaderElect = true;
        var leadership = new FakeLeadership();
        using var service = new KeyRenewalService(Renewal(), _options, leadership, _time, NullLogger<KeyRenewalService>.Instance);
        await service.StartAsync(CancellationToken.None);
        // The old leader makes a key after this replica loaded (and found none).
        await new KeyRenewal(_store, new KeyRegistry(), _options, _time, NullLogger<KeyRenewal>.Instance).InitializeAsync(CancellationToken.None);

        leadership.Lead();
        await service.Initialized.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(_store.Secrets);
        Assert.Equal(_store.Secrets[0].Metadata.Name, _registry.Latest!.SecretName);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public void Extra_labels_cannot_override_the_active_label()
    {
        _options.PrivateKeyLabels["sealedsecrets.bitnami.com/sealed-secrets-key"] = "inactive";
        _options.PrivateKeyLabels["team"] = "platform";
        var secret = KeySecrets.ToSecret(TestKeys.Pair(0), _options);
        Assert.Equal("active", secret.Metadata.Labels[SealedSecretAnnotations.SealedSecretsKeyLabel]);
        Assert.Equal("platform", secret.Metadata.Labels["team"]);
    }
}
