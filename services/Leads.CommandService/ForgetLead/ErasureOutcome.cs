using Leads.Domain;

namespace Leads.CommandService.ForgetLead;

/// <summary>How a ForgetLead ended: the erasure (new or the original one), or why it was refused.</summary>
public abstract record ErasureOutcome
{
    private ErasureOutcome()
    {
    }

    public sealed record Erased(Erasure Erasure, bool AlreadyForgotten) : ErasureOutcome;

    public sealed record Refused(DomainError Error) : ErasureOutcome;

    public sealed record Contended(long LeadId, int Attempts) : ErasureOutcome;
}
