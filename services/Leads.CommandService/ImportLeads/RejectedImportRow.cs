namespace Leads.CommandService.ImportLeads;

/// <summary>A refused row: where it came from, the field at fault and why. Nothing was written for it.</summary>
public sealed record RejectedImportRow(long Line, string Field, string Message);
