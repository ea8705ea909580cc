using System.Collections.Concurrent;
using k8s.Autorest;
using k8s.Models;
using Kube.Runtime.Controllers;
using Kube.Runtime.Events;
using Kube.Runtime.Informers;
using Microsoft.Extensions.Logging;
using SealedSecrets.Api;
using SealedSecrets.Api.Templating;
using SealedSecrets.Controller.Keys;
using SealedSecrets.Controller.Metrics;
using SealedSecrets.Controller.Options;

namespace SealedSecrets.Controller.Unseal;

/// <summary>
/// Level-based unseal (upstream's <c>unseal</c>, reference §3.6), idempotent and safe on several
/// workers (the queue never runs one key twice at once). It reads the SealedSecret and a slim copy
/// of the target Secret from the caches; when the Secret already carries the digest of this
/// SealedSecret's spec it is in sync and nothing is decrypted or written. Otherwise it unseals
/// (trying the key that last worked, then newest first), refuses to touch a Secret it does not
/// own, creates or updates the Secret, and records upstream's Events, metrics and Synced status.
/// </summary>
internal sealed partial class SealedSecretReconciler(
    IInformer<SealedSecret> sealedSecrets,
    IInformer<V1Secret> secrets,
    IUnsealTarget target,
    UnsealFailures failures,
    IEventRecorder events,
    KeyRegistry keys,
    UnsealGate gate,
    ControllerMetrics metrics,
    SealedSecretsControllerOptions options,
    TimeProvider time,
    ILogger<SealedSecretReconciler> logger) : IReconciler<SealedSecret>
{
    // uid → fingerprint of the key that last opened that object.
    private readonly ConcurrentDictionary<string, string> _lastKey = new(StringComparer.Ordinal);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        metrics.UnsealRequests.Inc();
        var sealedSecret = sealedSecrets.Find(request.Namespace, request.Name);
        if (sealedSecret is null)
        {
            await ForgetAsync(request, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }
        if (sealedSecret.Metadata.DeletionTimestamp is not null)
        {
            return ReconcileResult.Done;
        }

        var hash = SourceHash.Of(sealedSecret);
        var cached = secrets.Find(request.Namespace, request.Name);
        if (IsInSync(cached, sealedSecret, hash))
        {
            failures.Remove(request);
            await SetStatusAsync(sealedSecret, synced: true, string.Empty, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        // The cache may lag behind our own last write: the live object decides.
        var live = await target.GetSecretAsync(request.Namespace ?? string.Empty, request.Name, cancellationToken).ConfigureAwait(false);
        if (live is not null && !SecretOwnership.MayWrite(live.Metadata, sealedSecret.Metadata))
        {
            await FailAsync(sealedSecret, ControllerMessages.NotManaged(request.Name), ControllerMessages.ReasonUpdateFailed, ControllerMetrics.ReasonUnmanaged, cancellationToken).ConfigureAwait(false);
            Log.Unmanaged(logger, request.ToString());
            return Retry(request, hash);
        }
        if (IsInSync(live, sealedSecret, hash))
        {
            failures.Remove(request);
            await SetStatusAsync(sealedSecret, synced: true, string.Empty, cancellationToken).ConfigureAwait(false);
            return ReconcileResult.Done;
        }

        var unsealed = await gate.RunAsync(() => Unseal(sealedSecret, request), cancellationToken).ConfigureAwait(false);
        if (unsealed.Error is { } error)
        {
            await FailAsync(sealedSecret, error, ControllerMessages.ReasonUnsealFailed, ControllerMetrics.ReasonUnseal, cancellationToken, ControllerMessages.UnsealFailed(error)).ConfigureAwait(false);
            return Retry(request, hash);
        }

        if (!await WriteAsync(sealedSecret, live, unsealed.Secret!, SourceRecord.Format(hash, unsealed.Fingerprint), cancellationToken).ConfigureAwait(false))
        {
            return ReconcileResult.Done;
        }
        failures.Remove(request);
        events.Record(sealedSecret, EventTypes.Normal, ControllerMessages.ReasonUnsealed, ControllerMessages.Unsealed);
        await SetStatusAsync(sealedSecret, synced: true, string.Empty, cancellationToken).ConfigureAwait(false);
        return ReconcileResult.Done;
    }

    // --max-unseal-retries (reference §3.6): retried with upstream's backoff, then left until it changes.
    private ReconcileResult Retry(ReconcileRequest request, string hash)
    {
        if (failures.NextRetry(request, hash, options.MaxUnsealRetries) is { } delay)
        {
            return ReconcileResult.RequeueAfter(delay);
        }
        Log.GivingUp(logger, request.ToString(), options.MaxUnsealRetries);
        return ReconcileResult.Done;
    }

    private bool IsInSync(V1Secret? secret, SealedSecret sealedSecret, string hash)
    {
        if (secret?.Metadata?.Annotations is not { } annotations
            || !annotations.TryGetValue(ControllerMessages.SourceHashAnnotation, out var recorded)
            || !SecretOwnership.MayWrite(secret.Metadata, sealedSecret.Metadata))
        {
            return false;
        }
        var (recordedHash, fingerprint) = SourceRecord.Parse(recorded);
        if (recordedHash != hash || fingerprint is null || keys.Find(fingerprint) is null)
        {
            return false;
        }
        // Remember the key for the next change of this object, even across restarts.
        if (sealedSecret.Metadata.Uid is { } uid)
        {
            _lastKey.TryAdd(uid, fingerprint);
        }
        return true;
    }

    private UnsealOutcome Unseal(SealedSecret sealedSecret, ReconcileRequest request)
    {
        var uid = sealedSecret.Metadata.Uid ?? request.ToString();
        var order = new KeyAttemptOrder(keys.NewestFirst, _lastKey.TryGetValue(uid, out var last) ? last : null);
        try
        {
            var secret = SealedSecretUnsealer.Unseal(sealedSecret, order, new UnsealOptions(options.AcceptDeprecatedV1Data, GoTemplateRenderer.Instance));
            if (order.Succeeded is { } fingerprint)
            {
                _lastKey[uid] = fingerprint;
            }
            return new UnsealOutcome(secret, null, order.Succeeded);
        }
        catch (SealedSecretException ex)
        {
            failures.Add(request);
            // Name the keys tried (fingerprints only), never a value: the unsealer's texts carry key names only.
            var message = order.Attempts > 0 || keys.Count == 0 ? $"{ex.Message} ({ControllerMessages.KeysTried(order.Tried)})" : ex.Message;
            Log.UnsealFailed(logger, request.ToString(), message);
            return new UnsealOutcome(null, message, null);
        }
        finally
        {
            metrics.RsaOperations.Inc(order.Attempts);
        }
    }

    private async Task<bool> WriteAsync(SealedSecret sealedSecret, V1Secret? live, V1Secret unsealed, string hash, CancellationToken cancellationToken)
    {
        try
        {
            if (live is null)
            {
                if (await target.CreateSecretAsync(SecretUpdate.ForCreate(unsealed, hash), cancellationToken).ConfigureAwait(false) is null)
                {
                    // Someone created it between our read and write: look again with backoff.
                    throw new InvalidOperationException($"Secret {sealedSecret.Metadata.NamespaceProperty}/{sealedSecret.Metadata.Name} appeared while being created; retrying");
                }
                metrics.SecretWrites.WithLabels("secret_create").Inc();
                return true;
            }
            if (SecretUpdate.Compute(live, unsealed, hash) is { } update)
            {
                await target.UpdateSecretAsync(update, cancellationToken).ConfigureAwait(false);
                metrics.SecretWrites.WithLabels("secret_update").Inc();
            }
            return true;
        }
        catch (HttpOperationException ex) when ((int)ex.Response.StatusCode == 422)
        {
            // Invalid (e.g. an immutable Secret whose data changed): retrying cannot help (upstream does not retry).
            var message = ApiMessage(ex);
            await FailAsync(sealedSecret, message, ControllerMessages.ReasonUpdateFailed, ControllerMetrics.ReasonUpdate, cancellationToken).ConfigureAwait(false);
            return false;
        }
        catch (HttpOperationException ex)
        {
            metrics.UnsealErrors.WithLabels(ControllerMetrics.ReasonUpdate, sealedSecret.Metadata.NamespaceProperty ?? string.Empty).Inc();
            events.Record(sealedSecret, EventTypes.Warning, ControllerMessages.ReasonUpdateFailed, ApiMessage(ex));
            throw;
        }
    }

    private async Task FailAsync(SealedSecret sealedSecret, string message, string reason, string metricReason, CancellationToken cancellationToken, string? eventMessage = null)
    {
        metrics.UnsealErrors.WithLabels(metricReason, sealedSecret.Metadata.NamespaceProperty ?? string.Empty).Inc();
        events.Record(sealedSecret, EventTypes.Warning, reason, eventMessage ?? message);
        await SetStatusAsync(sealedSecret, synced: false, message, cancellationToken).ConfigureAwait(false);
    }

    private async Task SetStatusAsync(SealedSecret sealedSecret, bool synced, string message, CancellationToken cancellationToken)
    {
        metrics.SetCondition(sealedSecret.Metadata.NamespaceProperty, sealedSecret.Metadata.Name, InstanceLabel(sealedSecret), synced ? SyncedStatus.True : SyncedStatus.False);
        if (!options.UpdateStatus || SyncedStatus.Next(sealedSecret, synced, message, time.GetUtcNow()) is not { } status)
        {
            return;
        }
        try
        {
            await target.UpdateStatusAsync(sealedSecret, status, cancellationToken).ConfigureAwait(false);
            metrics.SecretWrites.WithLabels("status").Inc();
        }
        catch (HttpOperationException ex)
        {
            // Upstream logs and counts a failed status write; the next change writes it again.
            metrics.UnsealErrors.WithLabels(ControllerMetrics.ReasonStatus, sealedSecret.Metadata.NamespaceProperty ?? string.Empty).Inc();
            Log.StatusFailed(logger, $"{sealedSecret.Metadata.NamespaceProperty}/{sealedSecret.Metadata.Name}", (int)ex.Response.StatusCode);
        }
    }

    private async Task ForgetAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        failures.Remove(request);
        metrics.RemoveCondition(request.Namespace, request.Name);
        if (!options.OldGcBehavior)
        {
            return; // Kubernetes' garbage collector removes the owned Secret.
        }
        var cached = secrets.Find(request.Namespace, request.Name);
        if (cached is not null && SecretOwnership.IsOwnedBySealedSecret(cached.Metadata))
        {
            await target.DeleteSecretAsync(request.Namespace ?? string.Empty, request.Name, cancellationToken).ConfigureAwait(false);
            metrics.SecretWrites.WithLabels("secret_delete").Inc();
        }
    }

    private static string? InstanceLabel(SealedSecret sealedSecret) =>
        sealedSecret.Metadata.Labels is { } labels && labels.TryGetValue("app.kubernetes.io/instance", out var v) ? v : null;

    // The API server's Status message names the object and field; it never holds Secret data.
    private static string ApiMessage(HttpOperationException ex)
    {
        var content = ex.Response.Content;
        if (!string.IsNullOrEmpty(content))
        {
            try
            {
                using var doc = System.Text.Json.JsonDocument.Parse(content);
                if (doc.RootElement.TryGetProperty("message", out var m) && m.GetString() is { Length: > 0 } text)
                {
                    return text;
                }
            }
            catch (System.Text.Json.JsonException)
            {
            }
        }
        return $"the API server answered {(int)ex.Response.StatusCode}";
    }

    private sealed record UnsealOutcome(V1Secret? Secret, string? Error, string? Fingerprint);

    private static partial class Log
    {
        [LoggerMessage(4001, LogLevel.Warning, "Cannot unseal {Key}: {Reason}")]
        public static partial void UnsealFailed(ILogger logger, string key, string reason);

        [LoggerMessage(4002, LogLevel.Warning, "Secret {Key} exists and is not managed by its SealedSecret; left untouched")]
        public static partial void Unmanaged(ILogger logger, string key);

        [LoggerMessage(4004, LogLevel.Warning, "Giving up on {Key} after {Retries} retries; it is tried again when it changes or a key is added")]
        public static partial void GivingUp(ILogger logger, string key, int retries);

        [LoggerMessage(4003, LogLevel.Warning, "Cannot write the status of {Key}: the API server answered {Code}")]
        public static partial void StatusFailed(ILogger logger, string key, int code);
    }
}
