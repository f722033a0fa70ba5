using Leads.Domain.Commands;
using Leads.Domain.Events;
using Leads.Domain.Values;

namespace Leads.Domain;

/// <summary>
/// Decides what a command means for a lead: the events to record (none for a no-op) or why it is refused. Pure: no
/// I/O, no clock. Input is parsed into values before the lead is looked at, so bad input is always InvalidArgument;
/// then the lead must exist and not be forgotten (checked once, in <see cref="OnLiveLead"/>), then the command's rule.
/// </summary>
public static class LeadDecider
{
    private static readonly IReadOnlyList<ILeadEvent> Nothing = [];

    public static Validated<IReadOnlyList<ILeadEvent>> Decide(ILeadCommand command, LeadState state)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(state);
        if (command.LeadId <= 0)
        {
            return DomainError.Invalid("lead_id", $"lead_id must be a positive number (got {command.LeadId})");
        }

        var id = command.LeadId;
        return command switch
        {
            InitializeLead c => LeadName.Parse(c.Name).Then(name => EmailAddress.Parse(c.Email).Then(email => PhoneNumber.Parse(c.Phone)
                .Then(phone => state.Exists ? new DomainError(DomainErrorKind.AlreadyExists, $"lead {id} already exists") : Initialize(id, name, email, phone)))),
            ChangeName c => LeadName.Parse(c.Name).Then(name => OnLiveLead(id, state, () => Rename(id, name, state))),
            ChangeContactInfo c => EmailAddress.Parse(c.Email).Then(email => PhoneNumber.Parse(c.Phone)
                .Then(phone => OnLiveLead(id, state, () => ChangeContact(id, email, phone, state)))),
            ChangeStatus c => KnownStatus(c.Status).Then(status => OnLiveLead(id, state, () => ChangeStatus(id, status, state))),
            SetFollowup c => FollowupDate.Parse(c.FollowupOn).Then(date => OnLiveLead(id, state, () => SetFollowup(id, date, state))),
            ForgetLead c => ErasureReason.Parse(c.Reason).Then(reason => OnLiveLead(id, state, () => Forget(c, reason, state), whenForgotten: Nothing)),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "unknown lead command"),
        };
    }

    /// <summary>Why the command's input is refused, before any lead is looked at; null when every field is valid.</summary>
    public static DomainError? Validate(ILeadCommand command)
    {
        var decided = Decide(command, LeadState.Initial);
        return decided.IsValid || decided.Error.Kind != DomainErrorKind.InvalidArgument ? null : decided.Error;
    }

    /// <summary>The one guard of every command on an existing lead: it exists, and it was not forgotten.</summary>
    private static Validated<IReadOnlyList<ILeadEvent>> OnLiveLead(
        long leadId, LeadState state, Func<Validated<IReadOnlyList<ILeadEvent>>> decide, IReadOnlyList<ILeadEvent>? whenForgotten = null) =>
        !state.Exists ? DomainError.NotFound(leadId)
        : state.Forgotten ? whenForgotten is null ? DomainError.Forgotten(leadId) : Validated(whenForgotten)
        : decide();

    private static Validated<IReadOnlyList<ILeadEvent>> Initialize(long id, LeadName name, EmailAddress email, PhoneNumber phone) =>
        Events(
            new LeadWasInitialized(id),
            new NameChanged(id, name.Value),
            new ContactInfoChanged(id, email.Value, phone.Formatted, phone.Digits),
            new StatusChanged(id, LeadStatus.Available));

    private static Validated<IReadOnlyList<ILeadEvent>> Rename(long id, LeadName name, LeadState state) =>
        string.Equals(state.Name, name.Value, StringComparison.Ordinal) ? Validated(Nothing) : Events(new NameChanged(id, name.Value));

    private static Validated<IReadOnlyList<ILeadEvent>> ChangeContact(long id, EmailAddress email, PhoneNumber phone, LeadState state) =>
        string.Equals(state.Email, email.Value, StringComparison.Ordinal) && string.Equals(state.Phone, phone.Formatted, StringComparison.Ordinal)
            ? Validated(Nothing)
            : Events(new ContactInfoChanged(id, email.Value, phone.Formatted, phone.Digits));

    private static Validated<LeadStatus> KnownStatus(LeadStatus status) =>
        Enum.IsDefined(status)
            ? status
            : DomainError.Invalid("status", $"status must be one of AVAILABLE, FOLLOW_UP, CLOSED, CONVERTED (got {(int)status})");

    private static Validated<IReadOnlyList<ILeadEvent>> ChangeStatus(long id, LeadStatus to, LeadState state) => state.Status switch
    {
        var now when now == to => Validated(Nothing),
        LeadStatus.Converted => DomainError.Precondition($"lead {id} is Converted, which is final: its status cannot change to {to}"),
        LeadStatus.Closed when to != LeadStatus.Available =>
            DomainError.Precondition($"lead {id} is Closed: it can only be reopened to Available, not moved to {to}"),
        _ => Events(new StatusChanged(id, to)),
    };

    private static Validated<IReadOnlyList<ILeadEvent>> SetFollowup(long id, DateOnly date, LeadState state) =>
        state.Status != LeadStatus.FollowUp
            ? DomainError.Precondition($"lead {id} is {state.Status}: a follow-up can only be set while it is FollowUp")
            : state.FollowupOn == date ? Validated(Nothing) : Events(new FollowupSet(id, date));

    private static Validated<IReadOnlyList<ILeadEvent>> Forget(ForgetLead c, ErasureReason reason, LeadState state)
    {
        var fields = new[] { ("name", state.Name), ("email", state.Email), ("phone", state.Phone), ("phone_digits", state.PhoneDigits) }
            .Where(f => f.Item2.Length > 0)
            .Select(f => f.Item1)
            .ToList();
        return Events(new LeadForgotten(c.LeadId, reason.Value, c.ErasedAt, c.ErasedBy, fields, c.ErasedEvents));
    }

    private static Validated<IReadOnlyList<ILeadEvent>> Events(params ILeadEvent[] events) => Validated(events);

    private static Validated<IReadOnlyList<ILeadEvent>> Validated(IReadOnlyList<ILeadEvent> events) =>
        Validated<IReadOnlyList<ILeadEvent>>.Ok(events);
}
