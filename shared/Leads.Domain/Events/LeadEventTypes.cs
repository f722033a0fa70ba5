namespace Leads.Domain.Events;

/// <summary>
/// The stable names under which lead events are stored. They never change once written; a new shape of an event gets
/// a new versioned name and the old one is upcast on read (see <see cref="LeadEventSerializer"/>).
/// </summary>
public static class LeadEventTypes
{
    public const string LeadWasInitialized = "LeadWasInitialized.v1";
    public const string NameChanged = "NameChanged.v1";
    public const string ContactInfoChanged = "ContactInfoChanged.v1";
    public const string StatusChanged = "StatusChanged.v1";
    public const string FollowupSet = "FollowupSet.v1";
    public const string LeadForgotten = "LeadForgotten.v1";

    public static string Of(ILeadEvent e) => e switch
    {
        Events.LeadWasInitialized => LeadWasInitialized,
        Events.NameChanged => NameChanged,
        Events.ContactInfoChanged => ContactInfoChanged,
        Events.StatusChanged => StatusChanged,
        Events.FollowupSet => FollowupSet,
        Events.LeadForgotten => LeadForgotten,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "not a registered lead event"),
    };

    /// <summary>The name without its version suffix, as people read it ("StatusChanged").</summary>
    public static string DisplayName(string typeName)
    {
        var dot = typeName.LastIndexOf(".v", StringComparison.Ordinal);
        return dot > 0 ? typeName[..dot] : typeName;
    }
}
