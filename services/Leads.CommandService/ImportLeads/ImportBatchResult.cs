namespace Leads.CommandService.ImportLeads;

/// <summary>What one batch of accepted rows came to in the store.</summary>
public sealed record ImportBatchResult(int Imported, int AlreadyImported, IReadOnlyList<RejectedImportRow> Rejected, ulong Position)
{
    public static ImportBatchResult None { get; } = new(0, 0, [], 0);
}
