using Leads.Domain;

namespace Leads.Search;

/// <summary>
/// One lead found by a search: its current name and status, and the value that matched, marked historical when the
/// lead no longer has it.
/// </summary>
public sealed record LeadSearchHit(
    long LeadId,
    string Name,
    LeadStatus? Status,
    MatchedField MatchedField,
    string MatchedValue,
    bool Historical);
