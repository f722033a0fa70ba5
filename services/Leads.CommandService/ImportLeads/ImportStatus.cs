using Leads.Domain;

namespace Leads.CommandService.ImportLeads;

/// <summary>
/// A row's status as text: empty is Available; else the wire enum's names (AVAILABLE, FOLLOW_UP, CLOSED, CONVERTED) or
/// the domain's (FollowUp), case-insensitive, with <c>-</c>, <c>_</c> and spaces ignored ("Follow-up"). The rule of
/// which statuses exist stays the domain's: this only reads the name.
/// </summary>
public static class ImportStatus
{
    public static Validated<LeadStatus> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return LeadStatus.Available;
        }

        var name = string.Concat(text.Where(c => c is not ('-' or '_' or ' ')));
        foreach (var status in Enum.GetValues<LeadStatus>())
        {
            if (string.Equals(name, status.ToString(), StringComparison.OrdinalIgnoreCase))
            {
                return status;
            }
        }

        var shown = text.Length <= 40 ? text : text[..40] + "…";
        return DomainError.Invalid("status", $"status '{shown}' is not one of AVAILABLE, FOLLOW_UP, CLOSED, CONVERTED");
    }
}
