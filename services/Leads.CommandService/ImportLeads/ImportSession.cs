using Grpc.Core;
using Leads.Contracts.V1;

namespace Leads.CommandService.ImportLeads;

/// <summary>
/// One ImportLeads call's account: the import key (set by the first row that carries one), each row decided, the lead
/// ids already taken by earlier rows of this import, the counts, and the first <see cref="MaxReportedRows"/> refusals.
/// </summary>
public sealed class ImportSession
{
    public const int MaxReportedRows = 5_000;
    public const int MaxImportKeyLength = 100;

    private readonly Dictionary<long, long> _lineOfLead = [];
    private readonly List<RejectedImportRow> _reported = [];
    private long _rows;
    private long _imported;
    private long _already;
    private long _rejected;
    private ulong _position;

    public string? ImportKey { get; private set; }

    /// <summary>The row's lead when every field is valid and its id is new to this import; otherwise the refusal is recorded.</summary>
    public ImportedLead? Accept(ImportLeadRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        _rows++;
        if (row.ImportKey.Length > 0)
        {
            if (ImportKey is null)
            {
                ImportKey = ValidKey(row.ImportKey);
            }
            else if (!string.Equals(row.ImportKey, ImportKey, StringComparison.Ordinal))
            {
                return Reject(new RejectedImportRow(row.Line, "import_key", $"import_key differs from the one this import started with ('{ImportKey}')"));
            }
        }

        var decided = ImportRows.Decide(row, ImportKey);
        if (!decided.IsValid)
        {
            return Reject(new RejectedImportRow(row.Line, decided.Error.Field ?? "row", decided.Error.Message));
        }

        var lead = decided.Value;
        if (!_lineOfLead.TryAdd(lead.LeadId, row.Line))
        {
            return Reject(new RejectedImportRow(row.Line, "lead_id", $"lead {lead.LeadId} is already imported by line {_lineOfLead[lead.LeadId]} of this import"));
        }

        return lead;
    }

    public void Record(ImportBatchResult batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        _imported += batch.Imported;
        _already += batch.AlreadyImported;
        _position = Math.Max(_position, batch.Position);
        foreach (var rejected in batch.Rejected)
        {
            Reject(rejected);
        }
    }

    public ImportLeadsReply ToReply()
    {
        var reply = new ImportLeadsReply { Rows = _rows, Imported = _imported, AlreadyImported = _already, Rejected = _rejected, Position = _position };
        reply.RejectedRows.AddRange(_reported.OrderBy(r => r.Line).Select(r => new RejectedRow { Line = r.Line, Field = r.Field, Message = r.Message }));
        return reply;
    }

    private ImportedLead? Reject(RejectedImportRow rejected)
    {
        _rejected++;
        if (_reported.Count < MaxReportedRows)
        {
            _reported.Add(rejected);
        }

        return null;
    }

    /// <summary>The key of the whole import: a bad one ends the call (InvalidArgument), since every derived id depends on it.</summary>
    private static string ValidKey(string key) =>
        key.Length <= MaxImportKeyLength && key.All(c => c is >= ' ' and <= '~')
            ? key
            : throw new RpcException(new Status(
                StatusCode.InvalidArgument, $"import_key must be 1 to {MaxImportKeyLength} printable ASCII characters"),
                new Metadata { { CommandService.Grpc.RpcErrors.FieldTrailer, "import_key" } });
}
