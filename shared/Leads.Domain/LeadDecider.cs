using Leads.Domain.Commands;
using Leads.Domain.Events;
using Leads.Domain.Values;

namespace Leads.Domain;

/// <summary>
/// Decides what a command means for a lead: the events to record (none for a no-op) or why it is refused. Pure: no
/// I/O, no clock. Input is validated before the lead's existence is checked, so bad input is always InvalidArgument.
/// </summary>
public static class LeadDecider
{
    public static Validated<IReadOnlyList<ILeadEvent>> Decide(ILeadCommand command, LeadState state)
    {
        if (command.LeadId <= 0)
        {
            return DomainError.Invalid("lead_id", $"lead_id must be a positive number (got {command.LeadId})");
        }

        return command switch
        {
            InitializeLead c => Initialize(c, state),
            ChangeName c => Rename(c, state),
            ChangeContactInfo c => ChangeContact(c, state),
            ChangeStatus c => ChangeStatus(c, state),
            SetFollowup c => SetFollowup(c, state),
            ForgetLead c => Forget(c, state),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unknown lead command"),
        };
    }

    private static readonly IReadOnlyList<ILeadEvent> Nothing = [];

    private static Validated<IReadOnlyList<ILeadEvent>> Initialize(InitializeLead c, LeadState state)
    {
        var name = LeadName.Parse(c.Name);
        if (!name.IsValid)
        {
            return name.Error;
        }

        var email = EmailAddress.Parse(c.Email);
        if (!email.IsValid)
        {
            return email.Error;
        }

        var phone = PhoneNumber.Parse(c.Phone);
        if (!phone.IsValid)
        {
            return phone.Error;
        }

        if (state.Exists)
        {
            return new DomainError(DomainErrorKind.AlreadyExists, $"lead {c.LeadId} already exists");
        }

        return Validated(new ILeadEvent[]
        {
            new LeadWasInitialized(c.LeadId),
            new NameChanged(c.LeadId, name.Value),
            new ContactInfoChanged(c.LeadId, email.Value, phone.Value.Formatted, phone.Value.Digits),
            new StatusChanged(c.LeadId, LeadStatus.Available),
        });
    }

    private static Validated<IReadOnlyList<ILeadEvent>> Rename(ChangeName c, LeadState state)
    {
        var name = LeadName.Parse(c.Name);
        if (!name.IsValid)
        {
            return name.Error;
        }

        if (!state.Exists)
        {
            return DomainError.NotFound(c.LeadId);
        }

        if (state.Forgotten)
        {
            return DomainError.Forgotten(c.LeadId);
        }

        return string.Equals(state.Name, name.Value, StringComparison.Ordinal)
            ? Validated(Nothing)
            : Validated(new ILeadEvent[] { new NameChanged(c.LeadId, name.Value) });
    }

    private static Validated<IReadOnlyList<ILeadEvent>> ChangeContact(ChangeContactInfo c, LeadState state)
    {
        var email = EmailAddress.Parse(c.Email);
        if (!email.IsValid)
        {
            return email.Error;
        }

        var phone = PhoneNumber.Parse(c.Phone);
        if (!phone.IsValid)
        {
            return phone.Error;
        }

        if (!state.Exists)
        {
            return DomainError.NotFound(c.LeadId);
        }

        if (state.Forgotten)
        {
            return DomainError.Forgotten(c.LeadId);
        }

        var unchanged = string.Equals(state.Email, email.Value, StringComparison.Ordinal)
            && string.Equals(state.Phone, phone.Value.Formatted, StringComparison.Ordinal);
        return unchanged
            ? Validated(Nothing)
            : Validated(new ILeadEvent[] { new ContactInfoChanged(c.LeadId, email.Value, phone.Value.Formatted, phone.Value.Digits) });
    }

    private static Validated<IReadOnlyList<ILeadEvent>> ChangeStatus(ChangeStatus c, LeadState state)
    {
        if (!Enum.IsDefined(c.Status))
        {
            return DomainError.Invalid("status", $"status must be one of AVAILABLE, FOLLOW_UP, CLOSED, CONVERTED (got {(int)c.Status})");
        }

        if (!state.Exists)
        {
            return DomainError.NotFound(c.LeadId);
        }

        if (state.Forgotten)
        {
            return DomainError.Forgotten(c.LeadId);
        }

        if (state.Status == c.Status)
        {
            return Validated(Nothing);
        }

        if (state.Status == LeadStatus.Converted)
        {
            return DomainError.Precondition($"lead {c.LeadId} is Converted, which is final: its status cannot change to {c.Status}");
        }

        if (state.Status == LeadStatus.Closed && c.Status != LeadStatus.Available)
        {
            return DomainError.Precondition($"lead {c.LeadId} is Closed: it can only be reopened to Available, not moved to {c.Status}");
        }

        return Validated(new ILeadEvent[] { new StatusChanged(c.LeadId, c.Status) });
    }

    private static Validated<IReadOnlyList<ILeadEvent>> SetFollowup(SetFollowup c, LeadState state)
    {
        var date = FollowupDate.Parse(c.FollowupOn);
        if (!date.IsValid)
        {
            return date.Error;
        }

        if (!state.Exists)
        {
            return DomainError.NotFound(c.LeadId);
        }

        if (state.Forgotten)
        {
            return DomainError.Forgotten(c.LeadId);
        }

        if (state.Status != LeadStatus.FollowUp)
        {
            return DomainError.Precondition($"lead {c.LeadId} is {state.Status}: a follow-up can only be set while it is FollowUp");
        }

        return state.FollowupOn == date.Value
            ? Validated(Nothing)
            : Validated(new ILeadEvent[] { new FollowupSet(c.LeadId, date.Value) });
    }

    private static Validated<IReadOnlyList<ILeadEvent>> Forget(ForgetLead c, LeadState state)
    {
        if (string.IsNullOrWhiteSpace(c.Reason) || c.Reason.Length > ForgetLead.MaxReasonLength)
        {
            return DomainError.Invalid("reason", $"reason is required: 1 to {ForgetLead.MaxReasonLength} characters saying why the lead is forgotten (got {c.Reason?.Length ?? 0})");
        }

        // The reason goes into the receipt, the audit log and the operators' logs: plain text only.
        if (c.Reason.Any(char.IsControl) || !Values.Text.IsWellFormedUtf16(c.Reason))
        {
            return DomainError.Invalid("reason", "reason must be plain text: no control characters or broken characters");
        }

        if (!state.Exists)
        {
            return DomainError.NotFound(c.LeadId);
        }

        if (state.Forgotten)
        {
            return Validated(Nothing);
        }

        var fields = new List<string>();
        AddIfSet(fields, "name", state.Name);
        AddIfSet(fields, "email", state.Email);
        AddIfSet(fields, "phone", state.Phone);
        AddIfSet(fields, "phone_digits", state.PhoneDigits);
        return Validated(new ILeadEvent[] { new LeadForgotten(c.LeadId, c.Reason, c.ErasedAt, c.ErasedBy, fields, c.ErasedEvents) });
    }

    private static void AddIfSet(List<string> fields, string field, string value)
    {
        if (value.Length > 0)
        {
            fields.Add(field);
        }
    }

    private static Validated<IReadOnlyList<ILeadEvent>> Validated(IReadOnlyList<ILeadEvent> events) =>
        Validated<IReadOnlyList<ILeadEvent>>.Ok(events);
}
