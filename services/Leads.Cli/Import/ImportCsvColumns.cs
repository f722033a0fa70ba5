using System.Globalization;
using Leads.Contracts.V1;

namespace Leads.Cli.Import;

/// <summary>
/// The header of an import file: <c>name,email,phone</c> required, <c>status</c>, <c>followup</c> (or
/// <c>followup_on</c>) and <c>lead_id</c> optional, in any order, case-insensitive. Each record becomes an
/// <see cref="ImportLeadRow"/>; only what cannot go on the wire is refused here (a record with another number of fields,
/// a lead_id that is not a whole number): every rule of the fields themselves is the service's.
/// </summary>
public sealed class ImportCsvColumns
{
    private static readonly string[] Known = ["name", "email", "phone", "status", "followup", "lead_id"];
    private readonly Dictionary<string, int> _index;
    private readonly int _count;

    private ImportCsvColumns(Dictionary<string, int> index, int count)
    {
        _index = index;
        _count = count;
    }

    /// <summary>The columns the header names; a <see cref="FormatException"/> for a missing, unknown or repeated column.</summary>
    public static ImportCsvColumns FromHeader(CsvRecord header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim().ToLowerInvariant();
            name = name == "followup_on" ? "followup" : name;
            if (!Known.Contains(name))
            {
                throw new FormatException($"line {header.Line}: unknown column '{header.Fields[i]}' (expected name,email,phone[,status][,followup][,lead_id])");
            }

            if (!index.TryAdd(name, i))
            {
                throw new FormatException($"line {header.Line}: column '{name}' appears twice");
            }
        }

        var missing = Known.Take(3).Where(n => !index.ContainsKey(n)).ToList();
        return missing.Count == 0
            ? new ImportCsvColumns(index, header.Fields.Count)
            : throw new FormatException($"line {header.Line}: the header lacks {string.Join(", ", missing)} (expected name,email,phone[,status][,followup][,lead_id])");
    }

    /// <summary>The record as a row to send, or why it cannot be sent.</summary>
    public (ImportLeadRow? Row, RejectedRow? Rejected) ToRow(CsvRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Fields.Count != _count)
        {
            return (null, new RejectedRow { Line = record.Line, Field = "row", Message = $"expected {_count} fields as in the header, got {record.Fields.Count}" });
        }

        var row = new ImportLeadRow
        {
            Line = record.Line,
            Name = Field(record, "name"),
            Email = Field(record, "email"),
            Phone = Field(record, "phone"),
            Status = Field(record, "status").Trim(),
            FollowupOn = Field(record, "followup").Trim(),
        };
        var leadId = Field(record, "lead_id").Trim();
        if (leadId.Length > 0)
        {
            if (!long.TryParse(leadId, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return (null, new RejectedRow { Line = record.Line, Field = "lead_id", Message = $"lead_id '{leadId}' is not a positive whole number" });
            }

            row.LeadId = id;
        }

        return (row, null);
    }

    private string Field(CsvRecord record, string column) => _index.TryGetValue(column, out var i) ? record.Fields[i] : "";
}
