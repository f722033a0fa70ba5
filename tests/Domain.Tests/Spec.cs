using Leads.Domain.Commands;
using Leads.Domain.Events;

namespace Leads.Domain.Tests;

/// <summary>Given events, when a command, then events (or an error): the shape every domain specification takes.</summary>
internal sealed class Spec
{
    private readonly ILeadEvent[] history;
    private ILeadCommand? command;

    private Spec(ILeadEvent[] history) => this.history = history;

    public static Spec Given(params ILeadEvent[] history) => new(history);

    public Spec When(ILeadCommand c)
    {
        command = c;
        return this;
    }

    public void Then(params ILeadEvent[] expected)
    {
        var decision = Decide();
        Assert.True(decision.IsValid, $"expected events, got {decision.Error}");
        Assert.Equal(expected, decision.Value);
    }

    public void ThenNothing() => Then();

    public void ThenFails(DomainErrorKind kind, string? field = null)
    {
        var decision = Decide();
        Assert.False(decision.IsValid, "expected a refusal, got events");
        Assert.Equal((kind, field), (decision.Error.Kind, decision.Error.Field));
    }

    private Validated<IReadOnlyList<ILeadEvent>> Decide() =>
        LeadDecider.Decide(command ?? throw new InvalidOperationException("When(...) missing"), LeadState.Fold(history));
}
