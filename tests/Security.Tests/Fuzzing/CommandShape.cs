namespace Leads.Security.Tests.Fuzzing;

/// <summary>
/// What the hostile-input generator needs to know about one LeadCommands RPC: a valid request to start from (on an
/// existing lead, or a fresh one when the RPC creates the lead), its string fields, where its idempotency key and
/// expected revision are, and attacks only this RPC has.
/// </summary>
public sealed record CommandShape(
    Func<FuzzContext, Random, Fields> Valid,
    IReadOnlyList<TextField> Texts,
    int CommandIdField,
    int? ExpectedRevisionField,
    bool CreatesLead,
    IReadOnlyList<int> RequiredNumbers,
    IReadOnlyList<Attack> Own);
