namespace Leads.Cli.Import;

/// <summary>One record of a CSV file: the line it starts on (1-based, the header is line 1) and its fields.</summary>
public sealed record CsvRecord(long Line, IReadOnlyList<string> Fields);
