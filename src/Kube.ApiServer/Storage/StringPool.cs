namespace Kube.ApiServer.Storage;

/// <summary>
/// A bounded, lossy intern table for the short strings every stored object repeats (label keys and
/// values, namespaces). Direct-mapped: a string either meets an equal one in its slot and the stored
/// instance is returned, or takes the slot over. Memory stays at one array of references however many
/// distinct values pass through (string.Intern would keep every unique value forever). Slot reads and
/// writes are single reference operations, so concurrent use needs no lock: a lost race only means a
/// duplicate instance, never a wrong value.
/// </summary>
internal static class StringPool
{
    private const int Slots = 4096;
    private static readonly string?[] Table = new string?[Slots];

    public static string Share(string s)
    {
        if (s.Length > 128)
        {
            return s;
        }

        var slot = (int)((uint)string.GetHashCode(s, StringComparison.Ordinal) % Slots);
        var held = Volatile.Read(ref Table[slot]);
        if (held is not null && string.Equals(held, s, StringComparison.Ordinal))
        {
            return held;
        }

        Volatile.Write(ref Table[slot], s);
        return s;
    }
}
