using System.Globalization;
using Leads.Domain.Commands;
using Leads.Domain.Events;

namespace Leads.Domain.Tests;

/// <summary>
/// Given events, when a command (optionally sent at the revision its caller saw), then events, a rebase, a conflict
/// or an error: the shape every domain specification takes. Decided as the command service decides, through
/// <see cref="ConcurrencyCheck.Decide"/>.
/// </summary>
internal sealed class Spec
{
    private readonly ILeadEvent[] history;
    private ILeadCommand? command;
    private ulong? seenRevision;

    private Spec(ILeadEvent[] history) => this.history = history;

    public static Spec Given(params ILeadEvent[] history) => new(history);

    public Spec When(ILeadCommand c)
    {
        command = c;
        return this;
    }

    /// <summary>The command as sent by a caller who last saw the lead at <paramref name="revision"/> (0-based).</summary>
    public Spec When(ILeadCommand c, ulong revision)
    {
        seenRevision = revision;
        return When(c);
    }

    public void Then(params ILeadEvent[] expected) => Assert.Equal(new Accepted(expected, Rebased: false), Accept());

    public void ThenNothing() => Then();

    /// <summary>The caller missed events, none in conflict: decided on the current state.</summary>
    public void ThenRebased(params ILeadEvent[] expected) => Assert.Equal(new Accepted(expected, Rebased: true), Accept());

    /// <summary>Aborted, naming the conflicting missed events as <c>Type@revision</c>, in stream order.</summary>
    public void ThenAborted(params string[] conflicts)
    {
        var conflicted = Assert.IsType<CommandDecision.Conflicted>(Decide());
        Assert.Equal(conflicts, conflicted.Conflicts.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.EventType}@{c.Revision}")));
    }

    public void ThenFails(DomainErrorKind kind, string? field = null)
    {
        var refused = Assert.IsType<CommandDecision.Refused>(Decide());
        Assert.Equal((kind, field), (refused.Error.Kind, refused.Error.Field));
    }

    private Accepted Accept()
    {
        var decision = Decide();
        var accepted = Assert.IsType<CommandDecision.Accepted>(decision);
        return new Accepted(accepted.Events, accepted.Rebased);
    }

    private CommandDecision Decide() =>
        ConcurrencyCheck.Decide(command ?? throw new InvalidOperationException("When(...) missing"), seenRevision, LeadHistory.Of(history));

    /// <summary>Compared by the events they hold (a decision's list compares by reference).</summary>
    private sealed record Accepted(IReadOnlyList<ILeadEvent> Events, bool Rebased)
    {
        public bool Equals(Accepted? other) => other is not null && Rebased == other.Rebased && Events.SequenceEqual(other.Events);

        public override int GetHashCode() => Rebased.GetHashCode();

        public override string ToString() => $"{(Rebased ? "rebased" : "decided")}: [{string.Join(", ", Events)}]";
    }
}
