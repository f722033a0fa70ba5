using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Leads.CommandService.Handling;
using Leads.Contracts.V1;
using Leads.Domain;
using LeadStatus = Leads.Domain.LeadStatus;
using DomainCommands = Leads.Domain.Commands;
using Leads.Domain.Events;

namespace Leads.CommandService.ImportLeads;

/// <summary>
/// Decides one import row with the commands' own rules: the row is InitializeLead, then ChangeStatus when its status is
/// not Available, then SetFollowup when it has a date, each decided by <see cref="LeadDecider"/> on the state the
/// previous one left (so a follow-up without status FOLLOW_UP is refused as SetFollowup refuses it). Nothing is read:
/// an imported lead is a new stream. Its ids are derived, so the same row always means the same lead and events.
/// </summary>
public static class ImportRows
{
    /// <summary>Derived lead ids lie in [2^62, 2^63): clear of the small ids people and sequences hand out.</summary>
    public const long DerivedIdBase = 1L << 62;

    public static Validated<ImportedLead> Decide(ImportLeadRow row, string? importKey)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (!row.HasLeadId && importKey is null)
        {
            return DomainError.Invalid("import_key", "import_key is required (on the first row) to derive the ids of rows without lead_id");
        }

        var leadId = row.HasLeadId ? row.LeadId : DerivedLeadId(importKey!, row);
        var state = LeadState.Initial;
        var events = new List<ILeadEvent>();
        foreach (var command in Commands(row, leadId))
        {
            if (command.Error is { } invalid)
            {
                return invalid;
            }

            var decided = LeadDecider.Decide(command.Value!, state);
            if (!decided.IsValid)
            {
                return decided.Error.Field is null && command.Value is DomainCommands.SetFollowup
                    ? DomainError.Invalid("followup_on", decided.Error.Message)
                    : decided.Error;
            }

            events.AddRange(decided.Value);
            state = decided.Value.Aggregate(state, LeadState.Evolve);
        }

        var rowKey = RowKey(leadId, row);
        var streamId = LeadStream.Name(leadId);
        var ids = events.Select((_, index) => CommandKey.DerivedId($"{streamId}\nimport\n{rowKey}\n{index}")).ToList();
        return new ImportedLead(row.Line, leadId, events, ids);
    }

    private static IEnumerable<Validated<DomainCommands.ILeadCommand>> Commands(ImportLeadRow row, long leadId)
    {
        yield return new DomainCommands.InitializeLead(leadId, row.Name, row.Email, row.Phone);
        var status = ImportStatus.Parse(row.Status);
        if (!status.IsValid)
        {
            yield return status.Error;
            yield break;
        }

        if (status.Value != LeadStatus.Available)
        {
            yield return new DomainCommands.ChangeStatus(leadId, status.Value);
        }

        if (row.FollowupOn.Length > 0)
        {
            yield return new DomainCommands.SetFollowup(leadId, row.FollowupOn);
        }
    }

    /// <summary>The row's content as one text, field by field (a field cannot leak into the next: lengths are written).</summary>
    private static string Content(ImportLeadRow row) => string.Create(
        CultureInfo.InvariantCulture,
        $"{row.Name.Length}:{row.Name}|{row.Email.Length}:{row.Email}|{row.Phone.Length}:{row.Phone}|{row.Status.Length}:{row.Status}|{row.FollowupOn}");

    private static long DerivedLeadId(string importKey, ImportLeadRow row)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{importKey.Length}:{importKey}|{Content(row)}"));
        return DerivedIdBase | (long)(BitConverter.ToUInt64(hash, 0) & (ulong)(DerivedIdBase - 1));
    }

    /// <summary>What makes the row's events the same events on a second import: its lead and its content, not its line.</summary>
    private static string RowKey(long leadId, ImportLeadRow row) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{leadId}|{Content(row)}"))));
}
