using k8s;
using k8s.Models;

namespace Kube.Runtime.Informers;

/// <summary>One watch line: an object event, a BOOKMARK (only <see cref="ResourceVersion"/>) or an ERROR (<see cref="Status"/>).</summary>
internal readonly record struct WatchEvent<T>(WatchEventType Type, T? Object, string? ResourceVersion, V1Status? Status);
