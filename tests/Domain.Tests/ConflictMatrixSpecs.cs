using Leads.Domain.Commands;
using Leads.Domain.Events;

namespace Leads.Domain.Tests;

/// <summary>Which missed events make a stale command fail, and which let it rebase.</summary>
public sealed class ConflictMatrixSpecs
{
    public static TheoryData<string, string, bool> Matrix() => new()
    {
        // command, missed event type, conflicts?
        { nameof(SetFollowup), LeadEventTypes.StatusChanged, true },
        { nameof(SetFollowup), LeadEventTypes.FollowupSet, true },
        { nameof(SetFollowup), LeadEventTypes.NameChanged, false },
        { nameof(SetFollowup), LeadEventTypes.ContactInfoChanged, false },
        { nameof(ChangeStatus), LeadEventTypes.StatusChanged, true },
        { nameof(ChangeStatus), LeadEventTypes.FollowupSet, true },
        { nameof(ChangeStatus), LeadEventTypes.NameChanged, false },
        { nameof(ChangeStatus), LeadEventTypes.ContactInfoChanged, false },
        { nameof(ChangeName), LeadEventTypes.NameChanged, true },
        { nameof(ChangeName), LeadEventTypes.StatusChanged, false },
        { nameof(ChangeName), LeadEventTypes.ContactInfoChanged, false },
        { nameof(ChangeName), LeadEventTypes.FollowupSet, false },
        { nameof(ChangeContactInfo), LeadEventTypes.ContactInfoChanged, true },
        { nameof(ChangeContactInfo), LeadEventTypes.NameChanged, false },
        { nameof(ChangeContactInfo), LeadEventTypes.StatusChanged, false },
        { nameof(ChangeContactInfo), LeadEventTypes.FollowupSet, false },
        { nameof(InitializeLead), LeadEventTypes.LeadWasInitialized, true },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void A_missed_event_conflicts_only_when_it_is_in_the_commands_conflict_set(string command, string missedType, bool conflicts)
    {
        var found = ConcurrencyCheck.Conflicts(Command(command), [new MissedEvent(5, missedType)]);

        Assert.Equal(conflicts, found.Count == 1);
    }

    [Fact]
    public void Conflicts_are_named_with_their_revisions_in_stream_order()
    {
        MissedEvent[] missed =
        [
            new(7, LeadEventTypes.FollowupSet),
            new(5, LeadEventTypes.NameChanged),
            new(6, LeadEventTypes.StatusChanged),
        ];

        var found = ConcurrencyCheck.Conflicts(new SetFollowup(1, "2020-01-01"), missed);

        Assert.Equal([new MissedEvent(6, LeadEventTypes.StatusChanged), new MissedEvent(7, LeadEventTypes.FollowupSet)], found);
    }

    private static ILeadCommand Command(string name) => name switch
    {
        nameof(SetFollowup) => new SetFollowup(1, "2020-01-01"),
        nameof(ChangeStatus) => new ChangeStatus(1, LeadStatus.Closed),
        nameof(ChangeName) => new ChangeName(1, "Ann"),
        nameof(ChangeContactInfo) => new ChangeContactInfo(1, "a@b.example", "12345"),
        nameof(InitializeLead) => new InitializeLead(1, "Ann", "a@b.example", "12345"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
