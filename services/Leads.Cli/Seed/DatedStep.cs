namespace Leads.Cli.Seed;

/// <summary>
/// A step of a lead's script: what is done, and for a step of the past (<c>--history</c>) when it happened in the
/// business and which caller did it; a step without a time happens now, as whoever the tool calls as.
/// </summary>
internal sealed record DatedStep(SeedStep Step, DateTimeOffset? At = null, string? Caller = null);
