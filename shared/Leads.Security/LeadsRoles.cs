namespace Leads.Security;

/// <summary>
/// The roles a caller's token carries in its <c>role</c> or <c>roles</c> claim: who may write, read and operate.
/// Roles do not imply each other: an admin token that also writes carries both roles.
/// </summary>
public static class LeadsRoles
{
    /// <summary>LeadCommands: change leads.</summary>
    public const string Write = "leads.write";

    /// <summary>LeadQueries, the search page and the commissions read-out: read leads.</summary>
    public const string Read = "leads.read";

    /// <summary>ProjectionAdmin and erasure (ForgetLead): operate the platform.</summary>
    public const string Admin = "leads.admin";

    public static IReadOnlyList<string> All { get; } = [Write, Read, Admin];
}
