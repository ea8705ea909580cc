namespace Kube.ApiServer.Protobuf;

/// <summary>
/// One field of a message: its number in generated.proto, its JSON name, its kind, and whether it
/// repeats. <paramref name="KeepZero"/> marks Go pointer fields (<c>*bool</c>, <c>*int64</c>), whose
/// zero value is meaningful and shows in JSON; other zero scalars are omitted as <c>omitempty</c> does.
/// </summary>
internal sealed record ProtoField(int Number, string Json, ProtoKind Kind, ProtoMessage? Message = null, bool Repeated = false, bool KeepZero = false);
