namespace Leads.EventStore;

/// <summary>
/// A place in the store's global order ($all). EventStoreDB gives a commit and a prepare position; the embedded store
/// uses one sequence number for both. Ordering compares the commit position first.
/// </summary>
public readonly record struct GlobalPosition(ulong Commit, ulong Prepare) : IComparable<GlobalPosition>
{
    public static GlobalPosition Start { get; } = new(0, 0);

    public static GlobalPosition FromSequence(ulong sequence) => new(sequence, sequence);

    /// <summary>The single number callers see as a consistency token (a command reply's <c>position</c>).</summary>
    public ulong Value => Commit;

    public int CompareTo(GlobalPosition other)
    {
        var byCommit = Commit.CompareTo(other.Commit);
        return byCommit != 0 ? byCommit : Prepare.CompareTo(other.Prepare);
    }

    public static bool operator <(GlobalPosition left, GlobalPosition right) => left.CompareTo(right) < 0;
    public static bool operator >(GlobalPosition left, GlobalPosition right) => left.CompareTo(right) > 0;
    public static bool operator <=(GlobalPosition left, GlobalPosition right) => left.CompareTo(right) <= 0;
    public static bool operator >=(GlobalPosition left, GlobalPosition right) => left.CompareTo(right) >= 0;

    public override string ToString() => Commit == Prepare ? $"{Commit}" : $"{Commit}/{Prepare}";
}
