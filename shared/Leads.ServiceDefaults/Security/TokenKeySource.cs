namespace Leads.ServiceDefaults.Security;

/// <summary>What verifies bearer tokens in this process (configured key, identity provider, development key), for the start-up log.</summary>
public sealed record TokenKeySource(string Description);
