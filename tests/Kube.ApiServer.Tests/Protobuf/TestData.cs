using System.Runtime.CompilerServices;

namespace Kube.ApiServer.Tests.Protobuf;

/// <summary>Locates files under Protobuf/TestData next to this source file (no csproj copy step needed).</summary>
internal static class TestData
{
    public static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Directory(), name));

    private static string Directory([CallerFilePath] string source = "") => Path.Combine(Path.GetDirectoryName(source)!, "TestData");
}
