using System.Text.Json.Nodes;

namespace Kube.ApiServer.Resources;

/// <summary>The object after a write; <see cref="Created"/> for 201, <see cref="Removed"/> when the write finished a deletion.</summary>
internal sealed record WriteResult(JsonObject Object, bool Created = false, bool Removed = false);
