namespace Kube.ApiServer.Protobuf;

/// <summary>A message of k8s.io/api or apimachinery generated.proto, reduced to what we decode.</summary>
internal sealed class ProtoMessage
{
    private readonly Dictionary<int, ProtoField> _byNumber;

    public ProtoMessage(string name, params ProtoField[] fields)
    {
        Name = name;
        Fields = fields;
        _byNumber = fields.ToDictionary(f => f.Number);
    }

    public string Name { get; }

    /// <summary>Fields in generated.proto declaration order, which is also the JSON member order we emit.</summary>
    public IReadOnlyList<ProtoField> Fields { get; }

    public ProtoField? Field(int number) => _byNumber.GetValueOrDefault(number);
}
